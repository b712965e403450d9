// App records (catalog §4.1). When the caller supplies no record store at all (e.g. the CLI), a
// control that needs one is not_assessable "no attestation record on file"; when records are
// supplied but none is current, the evidence is missing and the control fails (§4.1).

import type { EvaluationContext } from '../context';
import type { AttestationKind, AttestationRecord } from '../types';
import { failed, passed, undecided, type Check } from './verdict';

const DAY_MS = 86_400_000;

export function recordRef(type: string, id: string): string {
  return `records/${type}/${id}`;
}

const LABEL: Record<AttestationKind, string> = {
  host_hardening: 'host-hardening attestation',
  log_retention: 'log-retention attestation',
  alert_routing: 'alert-routing attestation',
};

/** Approved, not in the future, younger than `attestationMaxAgeDays` and not past `expiresAt`. */
export function isCurrent(record: AttestationRecord, ctx: EvaluationContext): boolean {
  const approved = Date.parse(record.approvedAt);
  const now = ctx.now.getTime();
  if (Number.isNaN(approved) || approved > now) return false;
  if (now - approved > ctx.thresholds.attestationMaxAgeDays * DAY_MS) return false;
  return !record.expiresAt || Date.parse(record.expiresAt) > now;
}

export type AttestationLookup<K extends AttestationKind> =
  | { found: true; record: Extract<AttestationRecord, { kind: K }>; ref: string }
  | { found: false; check: Check };

/**
 * The newest current attestation of a kind. `accept` narrows further (e.g. one naming the paths);
 * when none is current the returned check fails — or is not_assessable without a record store.
 */
export function currentAttestation<K extends AttestationKind>(
  name: string,
  ctx: EvaluationContext,
  kind: K,
  accept: (record: Extract<AttestationRecord, { kind: K }>) => boolean = () => true,
): AttestationLookup<K> {
  const label = LABEL[kind];
  if (!ctx.records) {
    return { found: false, check: undecided(name, 'not_assessable', `no attestation record on file: no ${label} supplied to this evaluation`, []) };
  }
  const ofKind = ctx.records.attestations.filter((r): r is Extract<AttestationRecord, { kind: K }> => r.kind === kind);
  const current = ofKind
    .filter((r) => isCurrent(r, ctx) && accept(r))
    .sort((a, b) => Date.parse(b.approvedAt) - Date.parse(a.approvedAt));
  if (current.length > 0) return { found: true, record: current[0], ref: recordRef(kind, current[0].id) };
  const stale = ofKind.map((r) => ({ id: r.id, approvedAt: r.approvedAt, expiresAt: r.expiresAt ?? null }));
  const reason = ofKind.length
    ? `no current ${label} (older than ${ctx.thresholds.attestationMaxAgeDays} days, expired, or not covering this instance)`
    : `no ${label} on file`;
  return { found: false, check: failed(name, { [label]: stale }, reason, ofKind.map((r) => recordRef(kind, r.id))) };
}

/** A check that passes when the attestation's claim holds. */
export function claimCheck(name: string, holds: boolean, observed: unknown, failReason: string, ref: string): Check {
  return holds ? passed(name, observed, [ref]) : failed(name, observed, failReason, [ref]);
}
