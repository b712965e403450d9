// The rotations page: what each credential's policy allows (catalog §1.7 names), when it is due next,
// and the rotation timeline per instance.
import type { Thresholds } from '../controls/thresholds';
import type { RotationKind } from '../controls/types';
import { db } from '../db/client';
import { organizationThresholds } from '../scan-runs/organization-thresholds';

const DAY_MS = 86_400_000;
export const ROTATION_DUE_SOON_DAYS = 30;

export const ROTATION_KIND_LABELS: Record<RotationKind, string> = {
  auth_token: 'AUTH token',
  acl_password: 'user password',
  auth_string: 'AUTH string',
  tls_certificate: 'server certificate',
  ca_certificate: 'CA certificate',
  client_certificate: 'client certificate',
  kms_key: 'KMS key',
  disk_key: 'disk encryption key',
  backup_key: 'backup encryption key',
};

/** The policy for a kind: a maximum age (threshold name and days), or expiry-based for certificates. */
export function rotationPolicy(kind: RotationKind, t: Thresholds): { threshold: string; days: number; basis: 'age' | 'expiry' } {
  switch (kind) {
    case 'acl_password':
    case 'auth_string':
      return { threshold: 'passwordMaxAgeDays', days: t.passwordMaxAgeDays, basis: 'age' };
    case 'auth_token':
      return { threshold: 'authTokenMaxAgeDays', days: t.authTokenMaxAgeDays, basis: 'age' };
    case 'kms_key':
    case 'disk_key':
    case 'backup_key':
      return { threshold: 'kmsRotationMaxDays', days: t.kmsRotationMaxDays, basis: 'age' };
    case 'tls_certificate':
    case 'ca_certificate':
    case 'client_certificate':
      return { threshold: 'certExpiryWarningDays', days: t.certExpiryWarningDays, basis: 'expiry' };
  }
}

export type DueState = 'ok' | 'due_soon' | 'overdue' | 'unknown';

export interface CredentialDue {
  instanceId: string | null;
  instanceName: string;
  kind: RotationKind;
  kindLabel: string;
  subject: string;
  lastRotatedAt: Date | null;
  /** First time the app saw it (age unknown before that). */
  observedSince: Date | null;
  notAfter: Date | null;
  dueAt: Date | null;
  state: DueState;
  policy: string;
}

export interface TimelineEntry {
  id: string;
  kind: RotationKind;
  kindLabel: string;
  subject: string;
  rotatedAt: Date;
  detectedFrom: string;
  notAfter: Date | null;
  recordedBy: string | null;
  notes: string | null;
}

export interface RotationsOverview {
  due: CredentialDue[];
  timeline: { instanceId: string | null; instanceName: string; entries: TimelineEntry[] }[];
}

function dueFor(kind: RotationKind, t: Thresholds, last: Date | null, observedSince: Date | null, notAfter: Date | null, now: Date): { dueAt: Date | null; state: DueState; policy: string } {
  const policy = rotationPolicy(kind, t);
  const describe = policy.basis === 'expiry' ? `renew ${policy.days} days before expiry (${policy.threshold})` : `rotate every ${policy.days} days (${policy.threshold})`;
  const dueAt =
    policy.basis === 'expiry'
      ? notAfter && new Date(notAfter.getTime() - policy.days * DAY_MS)
      : last
        ? new Date(last.getTime() + policy.days * DAY_MS)
        : observedSince && new Date(observedSince.getTime() + policy.days * DAY_MS);
  if (!dueAt) return { dueAt: null, state: 'unknown', policy: describe };
  const left = dueAt.getTime() - now.getTime();
  return { dueAt, state: left <= 0 ? 'overdue' : left <= ROTATION_DUE_SOON_DAYS * DAY_MS ? 'due_soon' : 'ok', policy: describe };
}

export async function rotationsOverview(organizationId: string, now = new Date()): Promise<RotationsOverview> {
  const org = await db().organization.findUniqueOrThrow({ where: { id: organizationId }, select: { settings: true } });
  const t = organizationThresholds(org.settings);
  const instances = await db().instance.findMany({ where: { organizationId, goneAt: null }, select: { id: true, name: true } });
  const names = new Map(instances.map((i) => [i.id, i.name]));
  const ids = instances.map((i) => i.id);
  const [rotations, states, users] = await Promise.all([
    db().rotation.findMany({ where: { OR: [{ instanceId: { in: ids } }, { instanceId: null, organizationId }] }, orderBy: { rotatedAt: 'desc' }, take: 2000 }),
    db().credentialState.findMany({ where: { instanceId: { in: ids } } }),
    db().user.findMany({ where: { organizationId }, select: { id: true, email: true } }),
  ]);
  const emails = new Map(users.map((u) => [u.id, u.email]));
  const key = (instanceId: string | null, kind: string, subject: string) => `${instanceId ?? 'org'}|${kind}|${subject}`;
  const newest = new Map<string, (typeof rotations)[number]>();
  for (const r of rotations) if (!newest.has(key(r.instanceId, r.kind, r.subject))) newest.set(key(r.instanceId, r.kind, r.subject), r);

  const due: CredentialDue[] = [];
  const seen = new Set<string>();
  for (const s of states) {
    const k = key(s.instanceId, s.kind, s.subject);
    seen.add(k);
    const kind = s.kind as RotationKind;
    const last = newest.get(k)?.rotatedAt ?? null;
    due.push({ instanceId: s.instanceId, instanceName: names.get(s.instanceId) ?? s.instanceId, kind, kindLabel: ROTATION_KIND_LABELS[kind] ?? s.kind, subject: s.subject, lastRotatedAt: last, observedSince: s.firstSeenAt, notAfter: s.notAfter, ...dueFor(kind, t, last, s.firstSeenAt, s.notAfter, now) });
  }
  for (const [k, r] of newest) {
    if (seen.has(k)) continue;
    const kind = r.kind as RotationKind;
    due.push({ instanceId: r.instanceId, instanceName: r.instanceId ? (names.get(r.instanceId) ?? r.instanceId) : 'organisation', kind, kindLabel: ROTATION_KIND_LABELS[kind] ?? r.kind, subject: r.subject, lastRotatedAt: r.rotatedAt, observedSince: null, notAfter: r.notAfter, ...dueFor(kind, t, r.rotatedAt, null, r.notAfter, now) });
  }
  const order: Record<DueState, number> = { overdue: 0, due_soon: 1, unknown: 2, ok: 3 };
  due.sort((a, b) => order[a.state] - order[b.state] || (a.dueAt?.getTime() ?? Infinity) - (b.dueAt?.getTime() ?? Infinity) || a.instanceName.localeCompare(b.instanceName));

  const groups = new Map<string, { instanceId: string | null; instanceName: string; entries: TimelineEntry[] }>();
  for (const r of rotations) {
    const g = r.instanceId ?? 'org';
    if (!groups.has(g)) groups.set(g, { instanceId: r.instanceId, instanceName: r.instanceId ? (names.get(r.instanceId) ?? r.instanceId) : 'organisation', entries: [] });
    const kind = r.kind as RotationKind;
    groups.get(g)!.entries.push({ id: r.id, kind, kindLabel: ROTATION_KIND_LABELS[kind] ?? r.kind, subject: r.subject, rotatedAt: r.rotatedAt, detectedFrom: r.detectedFrom, notAfter: r.notAfter, recordedBy: r.recordedById ? (emails.get(r.recordedById) ?? null) : null, notes: r.notes });
  }
  return { due, timeline: [...groups.values()].sort((a, b) => a.instanceName.localeCompare(b.instanceName)) };
}
