// What is open, late or coming due, for the officer home: active and overdue findings, overdue tickets, restore drills
// (RED-PRC-001, `drillMaxAgeDays`) and credential rotations (RED-ROT-*, max-age and certificate
// expiry thresholds). Counts come from the database; only a few rows are loaded to name examples.
import { controlMeta, isControlId } from '../controls/catalog';
import { db, type Prisma } from '../db/client';
import { ACTIVE_STATES } from '../findings/lifecycle';
import { organizationThresholds } from '../scan-runs/organization-thresholds';

const DAY_MS = 86_400_000;
/** Drills and rotations show as "due soon" this many days before they become late. */
export const DUE_SOON_DAYS = 14;
const EXAMPLES = 5;

export interface DueWork {
  activeFindings: { count: number; bySeverity: Record<string, number> };
  overdueFindings: { count: number; examples: { id: string; controlId: string; title: string; severity: string; instanceName: string; dueAt: string }[] };
  overdueTickets: { count: number; examples: { id: string; title: string; dueAt: string }[] };
  drills: { maxAgeDays: number; late: number; dueSoon: number; activeInstances: number };
  rotations: { late: number; dueSoon: number; examples: { instanceId: string; instanceName: string; kind: string; subject: string; dueAt: string }[] };
}

const ago = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS);
const ahead = (now: Date, days: number) => new Date(now.getTime() + days * DAY_MS);

async function overdueFindings(organizationId: string, now: Date): Promise<DueWork['overdueFindings']> {
  const where: Prisma.FindingWhereInput = { organizationId, state: { in: [...ACTIVE_STATES] }, dueAt: { lt: now } };
  const [count, rows] = await Promise.all([
    db().finding.count({ where }),
    db().finding.findMany({ where, orderBy: { dueAt: 'asc' }, take: EXAMPLES, select: { id: true, controlId: true, severity: true, dueAt: true, instance: { select: { name: true } } } }),
  ]);
  return {
    count,
    examples: rows.map((f) => ({ id: f.id, controlId: f.controlId, title: isControlId(f.controlId) ? controlMeta(f.controlId).title : f.controlId, severity: f.severity, instanceName: f.instance.name, dueAt: f.dueAt.toISOString() })),
  };
}

async function activeFindings(organizationId: string): Promise<DueWork['activeFindings']> {
  const groups = await db().finding.groupBy({ by: ['severity'], where: { organizationId, state: { in: [...ACTIVE_STATES] } }, _count: { _all: true } });
  const bySeverity = Object.fromEntries(groups.map((g) => [g.severity, g._count._all]));
  return { count: groups.reduce((sum, g) => sum + g._count._all, 0), bySeverity };
}

async function overdueTickets(organizationId: string, now: Date): Promise<DueWork['overdueTickets']> {
  const where: Prisma.TicketWhereInput = { organizationId, status: { not: 'closed' }, dueAt: { lt: now } };
  const [count, rows] = await Promise.all([db().ticket.count({ where }), db().ticket.findMany({ where, orderBy: { dueAt: 'asc' }, take: EXAMPLES, select: { id: true, title: true, dueAt: true } })]);
  return { count, examples: rows.map((t) => ({ id: t.id, title: t.title, dueAt: t.dueAt!.toISOString() })) };
}

/** Active instances whose latest passing drill is older than the maximum age (or that never had one). */
async function drillsDue(organizationId: string, maxAgeDays: number, now: Date): Promise<DueWork['drills']> {
  const active: Prisma.InstanceWhereInput = { organizationId, goneAt: null };
  const recent = (since: Date) => db().instance.count({ where: { ...active, drills: { some: { result: 'pass', startedAt: { gte: since } } } } });
  const [activeInstances, fresh, safeBeyondSoon] = await Promise.all([db().instance.count({ where: active }), recent(ago(now, maxAgeDays)), recent(ago(now, maxAgeDays - DUE_SOON_DAYS))]);
  return { maxAgeDays, activeInstances, late: activeInstances - fresh, dueSoon: fresh - safeBeyondSoon };
}

/** Credentials past (or near) their maximum age, and certificates near expiry. */
async function rotationsDue(organizationId: string, thresholds: ReturnType<typeof organizationThresholds>, now: Date): Promise<DueWork['rotations']> {
  const maxAge: Record<string, number> = {
    acl_password: thresholds.passwordMaxAgeDays,
    auth_token: thresholds.authTokenMaxAgeDays,
    auth_string: thresholds.authTokenMaxAgeDays,
    kms_key: thresholds.kmsRotationMaxDays,
  };
  const certificates = ['tls_certificate', 'ca_certificate', 'client_certificate'];
  const due = (within: 'late' | 'soon'): Prisma.CredentialStateWhereInput => {
    const soon = within === 'soon';
    return {
      instance: { organizationId, goneAt: null },
      OR: [
        ...Object.entries(maxAge).map(([kind, days]) => ({ kind, digestSince: { lt: ago(now, soon ? days - DUE_SOON_DAYS : days) } })),
        { kind: { in: certificates }, notAfter: { lt: soon ? ahead(now, thresholds.certExpiryWarningDays) : now } },
      ],
    };
  };
  const [late, withSoon, rows] = await Promise.all([
    db().credentialState.count({ where: due('late') }),
    db().credentialState.count({ where: due('soon') }),
    db().credentialState.findMany({ where: due('soon'), take: EXAMPLES, orderBy: { digestSince: 'asc' }, select: { kind: true, subject: true, digestSince: true, notAfter: true, instance: { select: { id: true, name: true } } } }),
  ]);
  return {
    late,
    dueSoon: withSoon - late,
    examples: rows.map((r) => ({
      instanceId: r.instance.id,
      instanceName: r.instance.name,
      kind: r.kind,
      subject: r.subject,
      dueAt: (certificates.includes(r.kind) && r.notAfter ? r.notAfter : new Date(r.digestSince.getTime() + (maxAge[r.kind] ?? 0) * DAY_MS)).toISOString(),
    })),
  };
}

export async function dueWork(organizationId: string, now = new Date()): Promise<DueWork> {
  const org = await db().organization.findUniqueOrThrow({ where: { id: organizationId }, select: { settings: true } });
  const thresholds = organizationThresholds(org.settings);
  const [active, findings, tickets, drills, rotations] = await Promise.all([
    activeFindings(organizationId),
    overdueFindings(organizationId, now),
    overdueTickets(organizationId, now),
    drillsDue(organizationId, thresholds.drillMaxAgeDays, now),
    rotationsDue(organizationId, thresholds, now),
  ]);
  return { activeFindings: active, overdueFindings: findings, overdueTickets: tickets, drills, rotations };
}
