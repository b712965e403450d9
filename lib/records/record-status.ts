// Whether a process record still counts as evidence: superseded, expired (its own expiry), stale
// (older than the control's maximum age, catalog §1.7) or current — and when it stops counting.
import type { Thresholds } from '../controls/thresholds';
import type { RecordKind } from './record-kinds';

const DAY_MS = 86_400_000;

export type RecordStatus = 'current' | 'expiring' | 'expired' | 'stale' | 'superseded' | 'unapproved';

/** Maximum age in days the reading control accepts; null = no age limit (events such as a change approval). */
export function maxAgeDays(kind: RecordKind, t: Thresholds): number | null {
  switch (kind) {
    case 'dr_plan':
      return t.drPlanMaxAgeDays;
    case 'access_review':
      return t.accessReviewMaxAgeDays;
    case 'baa':
    case 'change_approval':
    case 'backup_copy':
    case 'role_change_ack':
      return null;
    default:
      return t.attestationMaxAgeDays;
  }
}

/** Records that stop counting within this many days are shown as expiring. */
export const EXPIRING_WITHIN_DAYS = 30;

export function recordStatus(
  record: { kind: RecordKind; approvedAt: Date | null; expiresAt: Date | null; supersededAt: Date | null },
  t: Thresholds,
  now: Date,
): { status: RecordStatus; validUntil: Date | null } {
  if (record.supersededAt) return { status: 'superseded', validUntil: record.supersededAt };
  if (!record.approvedAt) return { status: 'unapproved', validUntil: null };
  const limit = maxAgeDays(record.kind, t);
  const byAge = limit === null ? null : new Date(record.approvedAt.getTime() + limit * DAY_MS);
  const candidates = [byAge, record.expiresAt].filter((d): d is Date => d !== null);
  const validUntil = candidates.length ? new Date(Math.min(...candidates.map((d) => d.getTime()))) : null;
  if (record.expiresAt && record.expiresAt <= now) return { status: 'expired', validUntil };
  if (byAge && byAge <= now) return { status: 'stale', validUntil };
  if (validUntil && validUntil.getTime() - now.getTime() <= EXPIRING_WITHIN_DAYS * DAY_MS) return { status: 'expiring', validUntil };
  return { status: 'current', validUntil };
}
