// Shared reading of process records (catalog §4.1) for the PRC/ROT controls. Without a record store
// (the CLI) a record-based check is not_assessable; with one, a missing, expired or stale record
// fails — the evidence is missing. Never a pass without a record.

import type { EvaluationContext } from '../context';
import { recordRef } from '../support/records';
import { failed, undecided, type Check } from '../support/verdict';
import type { ProcessRecordEntry, ProcessRecordEntryKind } from '../types';

export const DAY_MS = 86_400_000;

export const KIND_LABEL: Record<ProcessRecordEntryKind, string> = {
  dr_plan: 'disaster recovery plan',
  baa: 'Business Associate Agreement',
  provider_review: 'provider assurance review',
  access_review: 'access review',
  admin_access: 'administrative-access attestation',
  key_management: 'key-management attestation',
  backup_archive_policy: 'backup archive policy',
  security_program: 'security program record',
};

export function ageDays(iso: string, now: Date): number {
  return Math.floor((now.getTime() - Date.parse(iso)) / DAY_MS);
}

/** The check to return when the evaluation has no record store at all. */
export function noRecordStore(name: string, what: string): Check {
  return undecided(name, 'not_assessable', `no record store: ${what} cannot be read in this evaluation (the app supplies them)`, []);
}

/** Approved, not in the future, within `maxAgeDays` of approval and not past its expiry. */
export function isCurrentRecord(record: { approvedAt: string; expiresAt?: string | null }, maxAgeDays: number | null, now: Date): boolean {
  const approved = Date.parse(record.approvedAt);
  if (Number.isNaN(approved) || approved > now.getTime()) return false;
  if (maxAgeDays !== null && now.getTime() - approved > maxAgeDays * DAY_MS) return false;
  return !record.expiresAt || Date.parse(record.expiresAt) > now.getTime();
}

export type RecordLookup<K extends ProcessRecordEntryKind> =
  | { found: true; record: Extract<ProcessRecordEntry, { kind: K }>; ref: string }
  | { found: false; check: Check };

/**
 * The newest current process record of a kind that `accept` takes. When none is current the check
 * fails naming the stale ones; without a record store it is not_assessable.
 */
export function currentRecord<K extends ProcessRecordEntryKind>(
  name: string,
  ctx: Pick<EvaluationContext, 'records' | 'now'>,
  kind: K,
  maxAgeDays: number | null,
  accept: (record: Extract<ProcessRecordEntry, { kind: K }>) => boolean = () => true,
): RecordLookup<K> {
  const label = KIND_LABEL[kind];
  if (!ctx.records) return { found: false, check: noRecordStore(name, `the ${label}`) };
  const ofKind = (ctx.records.processRecords ?? [])
    .filter((r): r is Extract<ProcessRecordEntry, { kind: K }> => r.kind === kind)
    .filter((r) => accept(r));
  const current = ofKind.filter((r) => isCurrentRecord(r, maxAgeDays, ctx.now)).sort((a, b) => Date.parse(b.approvedAt) - Date.parse(a.approvedAt));
  if (current.length) return { found: true, record: current[0], ref: recordRef(kind, current[0].id) };
  const stale = ofKind.map((r) => ({ id: r.id, approvedAt: r.approvedAt, expiresAt: r.expiresAt ?? null }));
  const limit = maxAgeDays !== null ? ` (older than ${maxAgeDays} days or expired)` : ' (expired)';
  const reason = ofKind.length ? `no current ${label}${limit}` : `no ${label} on file`;
  return { found: false, check: failed(name, { [label]: stale }, reason, ofKind.map((r) => recordRef(kind, r.id))) };
}

/** Every current record of a kind (e.g. one per security-program component). */
export function currentRecords<K extends ProcessRecordEntryKind>(ctx: Pick<EvaluationContext, 'records' | 'now'>, kind: K, maxAgeDays: number | null) {
  return (ctx.records?.processRecords ?? []).filter(
    (r): r is Extract<ProcessRecordEntry, { kind: K }> => r.kind === kind && isCurrentRecord(r, maxAgeDays, ctx.now),
  );
}

/** Names of the claims that are not affirmed (false or absent). */
export function unaffirmed<T extends object>(claims: T, keys: readonly (keyof T)[]): string[] {
  return keys.filter((k) => claims[k] !== true).map(String);
}

/** Same name, ignoring case and surrounding space. */
export function sameName(a: string | null | undefined, b: string | null | undefined): boolean {
  return Boolean(a && b && a.trim().toLowerCase() === b.trim().toLowerCase());
}

/** RPO/RTO targets: the current DR plan's (RED-PRC-002) replace the thresholds' defaults. */
export function recoveryTargets(ctx: Pick<EvaluationContext, 'records' | 'now' | 'thresholds'>): {
  rtoMinutes: number;
  rpoMinutes: number;
  source: string;
  refs: string[];
} {
  const plan = currentRecords(ctx, 'dr_plan', ctx.thresholds.drPlanMaxAgeDays).sort((a, b) => Date.parse(b.approvedAt) - Date.parse(a.approvedAt))[0];
  return {
    rtoMinutes: plan?.claims.rtoTargetMinutes ?? ctx.thresholds.rtoTargetMinutes,
    rpoMinutes: plan?.claims.rpoTargetMinutes ?? ctx.thresholds.rpoTargetMinutes,
    source: plan ? `DR plan ${plan.id}` : 'thresholds',
    refs: plan ? [recordRef('dr_plan', plan.id)] : [],
  };
}

type RecordEvaluator = (facts: unknown, ctx: EvaluationContext) => import('../support/verdict').Verdict;

/** The same record-based evaluator on every platform (the records, not the facts, decide). */
export function onEveryPlatform(evaluate: RecordEvaluator) {
  return { self: evaluate, ec: evaluate, ecs: evaluate, ms: evaluate };
}
