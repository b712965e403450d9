// Test data for evidence packages: an organisation's scans over several days (facts snapshots
// and control results at fixed times), a finding with its history, an exception, a drill, a
// rotation and audit-log entries — written through Prisma like the app writes them.
import { recordAudit } from '@/lib/audit-log/record-audit';
import { db } from '@/lib/db/client';

export const DAY_MS = 86_400_000;

export const CONTROLS: [string, string][] = [
  ['RED-TLS-001', 'critical'],
  ['RED-TLS-002', 'critical'],
  ['RED-AUTH-001', 'critical'],
  ['RED-LOG-003', 'medium'],
  ['RED-BAK-003', 'high'],
];

export async function createInstance(organizationId: string, name: string, firstSeenAt: Date) {
  return db().instance.create({
    data: { organizationId, provider: 'self', platform: 'self', resourceId: `redis://10.0.0.${Math.floor(Math.random() * 200)}:6379/${name}`, name, tags: {}, environment: 'production', firstSeenAt },
  });
}

/** One scan per day at 06:00 UTC for each instance; `statusOf` decides each result. */
export async function seedDailyScans(organizationId: string, instanceIds: string[], firstDay: string, days: number, statusOf: (day: number, instance: number, control: string) => string) {
  const start = new Date(`${firstDay}T06:00:00Z`).getTime();
  for (let d = 0; d < days; d++) {
    const at = new Date(start + d * DAY_MS);
    const run = await db().scanRun.create({ data: { organizationId, trigger: 'schedule', scope: { instanceIds }, status: 'succeeded', progressDone: instanceIds.length, progressTotal: instanceIds.length, errors: [], createdAt: at, startedAt: at, finishedAt: at } });
    for (const [i, instanceId] of instanceIds.entries()) {
      const snapshot = await db().factsSnapshot.create({
        data: { scanRunId: run.id, instanceId, platform: 'self', collectedAt: at, sha256: 'a'.repeat(64), facts: { meta: { day: d, instance: i }, config: { requirepass: { set: true, fingerprint: `fp${d}` }, port: 0, 'tls-port': 6380 } } },
      });
      await db().controlResult.createMany({
        data: CONTROLS.map(([controlId, severity]) => ({
          scanRunId: run.id,
          instanceId,
          snapshotId: snapshot.id,
          controlId,
          status: statusOf(d, i, controlId),
          severity,
          observed: { day: d },
          expected: 'the rule',
          reason: statusOf(d, i, controlId) === 'pass' ? null : 'because',
          evidenceRefs: [`facts/${snapshot.id}#/config/port`],
          evaluatedAt: at,
        })),
      });
    }
  }
}

/** A finding detected on day 0 with a ticket, history, an approved exception; a drill; a rotation. */
export async function seedRecords(organizationId: string, instanceId: string, actors: { officerId: string; engineerId: string; adminId: string }, firstDay: string) {
  const t0 = new Date(`${firstDay}T06:00:00Z`).getTime();
  const ticket = await db().ticket.create({ data: { organizationId, title: 'Turn off the plaintext port', description: 'port 6379 still open', createdById: actors.officerId, createdAt: new Date(t0 + 3_600_000) } });
  const finding = await db().finding.create({
    data: { organizationId, instanceId, controlId: 'RED-TLS-002', severity: 'critical', state: 'in_remediation', firstDetectedAt: new Date(t0), lastDetectedAt: new Date(t0 + DAY_MS), dueAt: new Date(t0 + 7 * DAY_MS), ticketId: ticket.id },
  });
  await db().findingEvent.createMany({
    data: [
      { findingId: finding.id, kind: 'detected', toState: 'open', at: new Date(t0) },
      { findingId: finding.id, actorId: actors.engineerId, kind: 'state_change', fromState: 'open', toState: 'in_remediation', comment: 'closing port 6379 in the next window', at: new Date(t0 + 7_200_000) },
    ],
  });
  await db().ticketEvent.create({ data: { ticketId: ticket.id, actorId: actors.engineerId, kind: 'status', fromStatus: 'open', toStatus: 'in_progress', at: new Date(t0 + 3 * 3_600_000) } });
  await db().riskException.create({
    data: { findingId: finding.id, reason: 'legacy client needs one more week', compensatingControl: 'security group limits 6379 to the app subnet', requestedById: actors.engineerId, approvedById: actors.adminId, status: 'approved', expiresAt: new Date(t0 + 14 * DAY_MS), createdAt: new Date(t0 + 4 * 3_600_000), decidedAt: new Date(t0 + 5 * 3_600_000) },
  });
  await db().backupDrill.create({ data: { instanceId, backupKind: 'rdb', backupRef: 'dump-2026-03-01.rdb', automated: true, startedAt: new Date(t0 + 10 * 3_600_000), finishedAt: new Date(t0 + 10 * 3_600_000 + 42_000), expectedKeys: 1200, restoredKeys: 1200, rtoSeconds: 42, rpoSeconds: 3600, result: 'pass', details: {} } });
  await db().rotation.create({ data: { instanceId, kind: 'acl_password', subject: 'user app', detectedFrom: 'facts', rotatedAt: new Date(t0 + 11 * 3_600_000), previousFingerprint: 'f1', newFingerprint: 'f2' } });
  await recordAudit({ id: actors.officerId, email: 'officer@evidence.test', organizationId }, { action: 'finding.assign', targetType: 'finding', targetId: finding.id, outcome: 'success' });
  return { finding, ticket };
}
