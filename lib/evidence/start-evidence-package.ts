// Creates an evidence package for the app: checks the request and the caller's period access,
// records it, and builds it in this process in the background (poll evidencePackageProgress).
// Like scan runs, the in-process runner is the embedded default.
import { recordAudit } from '../audit-log/record-audit';
import { db } from '../db/client';
import { buildEvidencePackage } from './build-package';
import { periodOfRow } from './period';
import { periodAccessFor } from './period-access';
import { parseEvidenceRequest } from './request-schema';
import { evidenceScopeSchema, resolveScope, ScopeError } from './scope';
import { packageAbsolutePath, packageRelativePath } from './stored-package';

export interface EvidenceActor {
  id: string;
  email: string;
  role: string;
  organizationId: string;
}

export type StartResult = { ok: true; packageId: string } | { ok: false; error: string };

/** How often a building package proves its process is alive (recovery treats 4 missed beats as a crash). */
export const BUILD_HEARTBEAT_MS = 15_000;

/** Builds the package in this process; the row carries the outcome (ready or failed with the reason). */
export async function runBuild(packageId: string, actor: EvidenceActor): Promise<void> {
  const row = await db().evidencePackage.update({ where: { id: packageId }, data: { status: 'building', stage: 'starting', heartbeatAt: new Date() } });
  const relative = packageRelativePath(row.organizationId, row.id);
  let lastPercent = -1;
  const heartbeat = setInterval(() => {
    db()
      .evidencePackage.update({ where: { id: packageId }, data: { heartbeatAt: new Date() } })
      .catch(() => undefined); // a missed beat only makes recovery more likely to step in later
  }, BUILD_HEARTBEAT_MS);
  heartbeat.unref();
  try {
    const outcome = await buildEvidencePackage({
      organizationId: row.organizationId,
      period: periodOfRow(row),
      scope: evidenceScopeSchema.parse(row.scope),
      generatedBy: `${actor.email} (${actor.role})`,
      outFile: packageAbsolutePath(relative),
      progress: async (fraction, stage) => {
        const percent = Math.floor(fraction * 100);
        if (percent === lastPercent) return;
        lastPercent = percent;
        await db().evidencePackage.update({ where: { id: packageId }, data: { progress: percent, stage } });
      },
    });
    await db().evidencePackage.update({
      where: { id: packageId },
      data: { status: 'ready', progress: 100, stage: null, storagePath: relative, sha256: outcome.sha256, size: outcome.size, signingKeyId: outcome.signingKeyId, evidenceDigest: outcome.manifest.evidenceDigest, finishedAt: new Date() },
    });
  } catch (err) {
    const message = err instanceof Error ? err.message.slice(0, 500) : 'the build failed';
    await db().evidencePackage.update({ where: { id: packageId }, data: { status: 'failed', stage: null, error: message, finishedAt: new Date() } });
    await recordAudit(actor, { action: 'evidence.build', targetType: 'evidence-package', targetId: packageId, outcome: 'error', detail: { error: message } });
  } finally {
    clearInterval(heartbeat);
  }
}

export async function startEvidencePackage(actor: EvidenceActor, input: unknown, options: { wait?: boolean } = {}): Promise<StartResult> {
  const parsed = parseEvidenceRequest(input);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  const { period, scope } = parsed.request;
  const access = await periodAccessFor(actor.id, actor.organizationId, period);
  if (!access.allowed) {
    await recordAudit(actor, { action: 'evidence.create', targetType: 'evidence-package', outcome: 'denied', detail: { from: period.from, to: period.to, reason: access.reason } });
    return { ok: false, error: access.reason };
  }
  try {
    await resolveScope(actor.organizationId, scope, period);
  } catch (err) {
    if (err instanceof ScopeError) return { ok: false, error: err.message };
    throw err;
  }
  const row = await db().evidencePackage.create({
    data: { organizationId: actor.organizationId, periodFrom: period.start, periodTo: period.endExclusive, scope: scope as object, status: 'queued', requestedById: actor.id },
  });
  await recordAudit(actor, { action: 'evidence.create', targetType: 'evidence-package', targetId: row.id, outcome: 'success', detail: { from: period.from, to: period.to, scope } });
  const build = runBuild(row.id, actor);
  if (options.wait) await build;
  else build.catch((err) => console.error(`evidence package ${row.id} failed:`, err instanceof Error ? err.message : err));
  return { ok: true, packageId: row.id };
}
