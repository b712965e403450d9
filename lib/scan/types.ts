import type { SelfHostedFacts } from '@/lib/facts/self-hosted';
import type { ControlResult } from '@/lib/controls/types';

export interface ScanTargetResult {
  /** `rediss://host:port` — credentials never appear. */
  target: string;
  platform: 'self';
  /** Null when the engine could not be identified (unreachable, INFO refused). */
  engine: { name: 'redis' | 'valkey'; version: string } | null;
  /** `error`: the target could not be scanned (unreachable, credentials refused, timeout, bad input). */
  status: 'ok' | 'error';
  error?: string;
  /** The stored evidence; null only when the target input itself was invalid. */
  facts: SelfHostedFacts | null;
  results: ControlResult[];
  startedAt: string;
  durationMs: number;
}

export type ScanProgressEvent =
  | { kind: 'started'; index: number; total: number; target: string }
  | { kind: 'finished'; index: number; total: number; target: string; completed: number; status: 'ok' | 'error'; durationMs: number };

export type ScanProgressListener = (event: ScanProgressEvent) => void;
