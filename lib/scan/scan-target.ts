// One target through the whole flow: resolve → probe (bounded by a per-target timeout) →
// controls → result with the scan status. Shared by the CLI and the app.

import { evaluateControls } from '@/lib/controls';
import type { EvaluationContext } from '@/lib/controls/context';
import type { Thresholds } from '@/lib/controls/thresholds';
import type { ControlResult } from '@/lib/controls/types';
import type { SelfHostedFacts } from '@/lib/facts/self-hosted';
import { probeRedis, type KeyspaceAuditOptions, type ProbeTarget } from '@/lib/probe/redis';
import { missingFacts } from './missing-facts';
import type { ScanTargetResult } from './types';

export interface ScanOptions {
  thresholds: Thresholds;
  /** HMAC key for secret fingerprints. */
  fingerprintKey: string | Buffer;
  /** Whole-target budget, ms (default 120 000; the keyspace audit has its own budget inside). */
  targetTimeoutMs?: number;
  /** Each connection/command, ms (default 5000). */
  stepTimeoutMs?: number;
  /** Keyspace audit: off, keys only (SCAN + PTTL, default) or keys plus sampled values (opt-in). */
  keyspace?: 'off' | 'keys' | 'values';
  /** Extra evaluation context (app: previous facts, records, fleet, instance metadata). */
  context?: Omit<EvaluationContext, 'thresholds' | 'now'>;
  now?: () => Date;
}

class TargetTimeout extends Error {}

function keyspaceOptions(options: ScanOptions): KeyspaceAuditOptions | undefined {
  if (options.keyspace === 'off') return undefined;
  const t = options.thresholds;
  return {
    keyClasses: t.keyClasses,
    timeBudgetSeconds: t.keyspaceTimeBudgetSeconds,
    maxKeys: t.keyspaceScanMaxKeys,
    maxOpsPerSec: t.keyspaceMaxOpsPerSec,
    readValues: options.keyspace === 'values',
    valueSampleRate: t.valueSampleRate,
    valueSampleMax: t.valueSampleMax,
    valueReadMaxBytes: t.valueReadMaxBytes,
  };
}

const UNREACHABLE = new Set(['refused', 'timeout']);

/** Status of a scan from its facts: the scanner session is what "could be scanned" means. */
function scanStatus(facts: SelfHostedFacts): { status: 'ok' | 'error'; error?: string; unreachable: boolean } {
  const auth = facts.connection.scannerAuth;
  if (auth.ok) return { status: 'ok', unreachable: false };
  // noauth reasons already say whether credentials were refused or missing (probe openSession).
  const error = auth.outcome === 'noauth' ? auth.reason : `could not connect (${auth.outcome}): ${auth.reason}`;
  return { status: 'error', error, unreachable: UNREACHABLE.has(auth.outcome) };
}

/** An unreachable target: every control is `error` with the reason (none may pass or fail). */
function asUnreachable(results: ControlResult[], reason: string): ControlResult[] {
  return results.map((r) => ({ ...r, status: 'error', observed: null, reason: `target unreachable: ${reason}`, dependsOn: undefined }));
}

export async function scanTarget(target: ProbeTarget, options: ScanOptions): Promise<ScanTargetResult> {
  const startedAt = new Date();
  const timeoutMs = options.targetTimeoutMs ?? 120_000;
  let timer: NodeJS.Timeout | undefined;
  let facts: SelfHostedFacts;
  try {
    facts = await Promise.race([
      probeRedis(target, { fingerprintKey: options.fingerprintKey, stepTimeoutMs: options.stepTimeoutMs, keyspace: keyspaceOptions(options) }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new TargetTimeout()), timeoutMs);
      }),
    ]);
  } catch (err) {
    const reason = err instanceof TargetTimeout ? `scan did not finish within ${timeoutMs} ms` : `probe failed: ${String((err as Error).message ?? err).slice(0, 200)}`;
    facts = missingFacts(target, err instanceof TargetTimeout ? 'timeout' : 'unparseable', reason, startedAt);
  } finally {
    clearTimeout(timer);
  }

  const { status, error, unreachable } = scanStatus(facts);
  const evaluated = evaluateControls(facts, { ...options.context, thresholds: options.thresholds, now: options.now?.() ?? new Date() });
  return {
    target: facts.meta.target,
    platform: 'self',
    engine: facts.server.ok ? { name: facts.server.value.engine, version: facts.server.value.version } : null,
    status,
    ...(error ? { error } : {}),
    facts,
    results: unreachable ? asUnreachable(evaluated, error!) : evaluated,
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
  };
}
