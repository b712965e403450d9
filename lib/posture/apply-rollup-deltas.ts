// Applies per-control status changes to an organisation's daily rollup. A day's rows start as a copy
// of the latest earlier day (the posture carries over until a scan changes it); the change then
// applies to that day and to any later day already written (a late-arriving store stays consistent).
import type { Prisma } from '../db/client';
import { CONTROL_STATUSES } from '../controls/types';
import { lockOrganizationPosture } from './posture-lock';
import { ROLLUP_COLUMNS, toRollup, type StatusCounts } from './status-counts';

type Tx = Prisma.TransactionClient;

async function ensureDayRows(tx: Tx, organizationId: string, day: string): Promise<void> {
  if (await tx.postureDaily.findFirst({ where: { organizationId, day }, select: { id: true } })) return;
  const previous = await tx.postureDaily.findFirst({ where: { organizationId, day: { lt: day } }, orderBy: { day: 'desc' }, select: { day: true } });
  if (!previous) return;
  const rows = await tx.postureDaily.findMany({
    where: { organizationId, day: previous.day },
    select: { controlId: true, pass: true, fail: true, error: true, notAssessable: true, notApplicable: true },
  });
  await tx.postureDaily.createMany({ data: rows.map((r) => ({ ...r, organizationId, day })) });
}

function increments(delta: StatusCounts) {
  return Object.fromEntries(CONTROL_STATUSES.map((s) => [ROLLUP_COLUMNS[s], { increment: delta[s] }]));
}

export async function applyRollupDeltas(tx: Tx, organizationId: string, day: string, deltas: Map<string, StatusCounts>): Promise<void> {
  if (deltas.size === 0) return;
  await lockOrganizationPosture(tx, organizationId);
  await ensureDayRows(tx, organizationId, day);
  // Controls with the same change share one UPDATE (a first scan moves most controls by the same +1).
  const groups = new Map<string, { delta: StatusCounts; controlIds: string[] }>();
  for (const [controlId, delta] of deltas) {
    const key = CONTROL_STATUSES.map((s) => delta[s]).join(',');
    const group = groups.get(key) ?? { delta, controlIds: [] };
    group.controlIds.push(controlId);
    groups.set(key, group);
  }
  for (const { delta, controlIds } of groups.values()) {
    await tx.postureDaily.updateMany({ where: { organizationId, controlId: { in: controlIds }, day: { gte: day } }, data: increments(delta) });
  }
  const controlIds = [...deltas.keys()];
  const present = new Set((await tx.postureDaily.findMany({ where: { organizationId, day, controlId: { in: controlIds } }, select: { controlId: true } })).map((r) => r.controlId));
  const missing = controlIds.filter((id) => !present.has(id));
  if (missing.length) await tx.postureDaily.createMany({ data: missing.map((controlId) => ({ organizationId, day, controlId, ...toRollup(deltas.get(controlId)!) })) });
}
