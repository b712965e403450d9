// One target through the whole flow: resolve → probe (bounded by a per-target timeout) →
// controls → result with the scan status. Shared by the CLI and the app.

import { evaluateControls } from '@/lib/controls';
import type { EvaluationContext } from '@/lib/controls/context';
import type { Thresholds } from '@/lib/controls/thresholds';
import type { ControlResult } from '@/lib/controls/types';
import type { SelfHostedFacts } from '@/lib/facts/self-hosted';
import { probeRedis, redactedTarget, type KeyspaceAuditOptions, type KeyspaceProgress, type ProbeTarget } from '@/lib/probe/redis';
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
  /** Why the keyspace audit is off (the DATA controls report it), e.g. "keyspace audit not requested (--keyspace)". */
  keyspaceDisabledReason?: string;
  /** Live keyspace audit progress of a target (`rediss://host:port`): keys scanned of the keys counted at the start. */
  onKeyspaceProgress?: (target: string, progress: KeyspaceProgress) => void;
  /** Extra evaluation context (app: previous facts, records, fleet, instance metadata). */
  context?: Omit<EvaluationContext, 'thresholds' | 'now'>;
  now?: () => Date;
}

class TargetTimeout extends Error {}

function keyspaceOptions(target: ProbeTarget, options: ScanOptions): KeyspaceAuditOptions | undefined {
  if (options.keyspace === 'off') return undefined;
  const t = options.thresholds;
  const display = redactedTarget(target);
  return {
    onProgress: options.onKeyspaceProgress ? (p) => options.onKeyspaceProgress!(display, p) : undefined,
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

interface ScanStatus {
  status: 'ok' | 'error';
  error?: string;
  /** What becomes of the verdicts: kept, passes withdrawn (stopped answering), or every one `error`. */
  verdicts: 'kept' | 'no-pass' | 'unreachable';
}

/** Status of a scan from its facts: the scanner session is what "could be scanned" means. */
function scanStatus(facts: SelfHostedFacts): ScanStatus {
  const auth = facts.connection.scannerAuth;
  if (auth.ok) {
    // A session that stopped answering (a server hanging mid-reply): what it had not read is `error`
    // per control, and the target as a whole could not be scanned.
    const info = facts.info;
    if (!info.ok && info.outcome === 'timeout') return { status: 'error', error: `the target stopped answering during the scan (${info.source}: ${info.reason})`, verdicts: 'no-pass' };
    return { status: 'ok', verdicts: 'kept' };
  }
  // noauth reasons already say whether credentials were refused or missing (probe openSession).
  const error = auth.outcome === 'noauth' ? auth.reason : `could not connect (${auth.outcome}): ${auth.reason}`;
  return { status: 'error', error, verdicts: UNREACHABLE.has(auth.outcome) ? 'unreachable' : 'kept' };
}

/** An unreachable target: every control is `error` with the reason (none may pass or fail). */
function asUnreachable(results: ControlResult[], reason: string): ControlResult[] {
  return results.map((r) => ({ ...r, status: 'error', observed: null, reason: `target unreachable: ${reason}`, dependsOn: undefined }));
}

/** A target that stopped answering mid-scan: no pass stands (the scan is incomplete); fails rest on facts it did collect. */
function withoutPasses(results: ControlResult[], reason: string): ControlResult[] {
  return results.map((r) => (r.status === 'pass' ? { ...r, status: 'error', reason: `not confirmed: ${reason}` } : r));
}

function finalResults(results: ControlResult[], { verdicts, error }: ScanStatus): ControlResult[] {
  if (verdicts === 'unreachable') return asUnreachable(results, error!);
  return verdicts === 'no-pass' ? withoutPasses(results, error!) : results;
}

export async function scanTarget(target: ProbeTarget, options: ScanOptions): Promise<ScanTargetResult> {
  const startedAt = new Date();
  const keyspace = keyspaceOptions(target, options);
  // The keyspace audit stops itself at its time budget; the target limit must leave it that time.
  const timeoutMs = Math.max(options.targetTimeoutMs ?? 120_000, keyspace ? (keyspace.timeBudgetSeconds ?? 60) * 1000 + 30_000 : 0);
  let timer: NodeJS.Timeout | undefined;
  let facts: SelfHostedFacts;
  try {
    facts = await Promise.race([
      probeRedis(target, {
        fingerprintKey: options.fingerprintKey,
        stepTimeoutMs: options.stepTimeoutMs,
        keyspace,
        keyspaceDisabledReason: options.keyspaceDisabledReason,
      }),
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

  const outcome = scanStatus(facts);
  const { status, error } = outcome;
  const evaluated = evaluateControls(facts, { ...options.context, thresholds: options.thresholds, now: options.now?.() ?? new Date() });
  return {
    target: facts.meta.target,
    platform: 'self',
    engine: facts.server.ok ? { name: facts.server.value.engine, version: facts.server.value.version } : null,
    status,
    ...(error ? { error } : {}),
    facts,
    results: finalResults(evaluated, outcome),
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
  };
}
