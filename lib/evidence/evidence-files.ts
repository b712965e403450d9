// Writes the package's evidence/ folder: facts snapshots and control results per instance as JSON,
// the app records of the period as JSON, and every table of the report as CSV. Sorted everywhere,
// canonical JSON, no generation time: equal data gives byte-identical files.
import { CATALOG } from '../controls/catalog';
import { frameworksFor, hitrustRefsFor } from '../controls/frameworks';
import type { Thresholds } from '../controls/thresholds';
import { canonicalJson } from './canonical-json';
import { csvLine, type CsvValue } from './csv';
import type { EvidencePeriod } from './period';
import { auditLogPages, type AuditRow } from './read/audit-log-pages';
import { drillRecords, rotationRecords, type DrillRecord, type RotationRecord } from './read/operations-records';
import { resultPages, snapshotPages } from './read/period-results';
import { remediationRecords, type FindingRecord } from './read/remediation-records';
import { requirementSummaries } from './requirement-summary';
import { ResultTally } from './result-tally';
import type { EvidenceScope, ScopedInstance } from './scope';
import { jsonArrayChunks, type StagingArea } from './staging-area';

/** Audit-log entries printed in the report; all of them are in evidence/audit-log.json. */
export const AUDIT_EXCERPT_ROWS = 400;

export interface EvidenceContext {
  organizationId: string;
  instances: ScopedInstance[];
  period: EvidencePeriod;
  scope: EvidenceScope;
  thresholds: Thresholds;
  /** User id → e-mail, for actors and approvers. */
  emails: Map<string, string>;
}

export interface EvidenceData {
  tally: ResultTally;
  findings: FindingRecord[];
  drills: DrillRecord[];
  rotations: RotationRecord[];
  auditExcerpt: AuditRow[];
  auditTotal: number;
}

export type Progress = (fraction: number, stage: string) => Promise<void> | void;

async function* oneChunk(text: string) {
  yield text;
}

/** Canonical (sorted keys) and indented, for the small whole-document files. */
const prettyJson = (value: unknown) => `${canonicalJson(value, 2)}\n`;

function csv(header: string[], rows: CsvValue[][]): string {
  return [header, ...rows].map(csvLine).join('');
}

async function writeInstanceEvidence(staging: StagingArea, ctx: EvidenceContext, tally: ResultTally, progress: Progress) {
  for (const [index, instance] of ctx.instances.entries()) {
    await progress(0.05 + (0.75 * index) / Math.max(ctx.instances.length, 1), `collecting results of ${instance.name} (${index + 1} of ${ctx.instances.length})`);
    await staging.write(
      `evidence/snapshots/${instance.id}.json`,
      jsonArrayChunks(
        (async function* () {
          for await (const page of snapshotPages(instance.id, ctx.period)) {
            for (let i = 0; i < page.length; i++) tally.addSnapshot(instance.id);
            yield page.map((s) => canonicalJson({ collectedAt: s.collectedAt, facts: s.facts, id: s.id, instanceId: instance.id, platform: s.platform, recordedSha256: s.sha256, scanRunId: s.scanRunId }));
          }
        })(),
      ),
    );
    await staging.write(
      `evidence/results/${instance.id}.json`,
      jsonArrayChunks(
        (async function* () {
          for await (const page of resultPages(instance.id, ctx.period)) {
            for (const r of page) tally.addResult(instance.id, r);
            // Keys already in sorted order: only observed and evidenceRefs need canonicalising.
            yield page.map((r) =>
              canonicalJson({ controlId: r.controlId, dependsOn: r.dependsOn, evaluatedAt: r.evaluatedAt, evidenceRefs: r.evidenceRefs, expected: r.expected, id: r.id, instanceId: instance.id, observed: r.observed, reason: r.reason, scanRunId: r.scanRunId, severity: r.severity, snapshotId: r.snapshotId, status: r.status }),
            );
          }
        })(),
      ),
    );
  }
}

async function writeSummaryTables(staging: StagingArea, ctx: EvidenceContext, tally: ResultTally) {
  const ids = ctx.instances.map((i) => i.id);
  for (const framework of ctx.scope.frameworks) {
    const rows = requirementSummaries(framework, tally, ids).flatMap((req) =>
      req.controls.map((c) => [req.requirement, req.title, c.controlId, c.title, c.counts.pass, c.counts.fail, c.counts.error, c.counts.not_assessable, c.counts.not_applicable, c.atEnd.pass, c.atEnd.fail, c.atEnd.error + c.atEnd.not_assessable, c.atEnd.not_applicable, c.withoutResult]),
    );
    const header = ['requirement', 'title', 'controlId', 'controlTitle', 'pass', 'fail', 'error', 'not_assessable', 'not_applicable', 'instancesPassingAtEnd', 'instancesFailingAtEnd', 'instancesNotAssessedAtEnd', 'instancesNotApplicableAtEnd', 'instancesWithoutResult'];
    await staging.write(`evidence/tables/requirements-${framework}.csv`, oneChunk(csv(header, rows)));
  }
  const instanceRows: CsvValue[][] = [];
  for (const instance of ctx.instances) {
    const t = tally.get(instance.id);
    for (const [controlId, c] of [...(t?.controls ?? new Map())].sort(([a], [b]) => a.localeCompare(b))) {
      instanceRows.push([instance.id, instance.name, controlId, c.counts.pass, c.counts.fail, c.counts.error, c.counts.not_assessable, c.counts.not_applicable, c.latest, c.latestAt]);
    }
  }
  await staging.write('evidence/tables/instance-controls.csv', oneChunk(csv(['instanceId', 'instanceName', 'controlId', 'pass', 'fail', 'error', 'not_assessable', 'not_applicable', 'statusAtPeriodEnd', 'latestResultAt'], instanceRows)));
}

async function writeRecords(staging: StagingArea, ctx: EvidenceContext): Promise<Omit<EvidenceData, 'tally' | 'auditExcerpt' | 'auditTotal'>> {
  const findings = await remediationRecords(ctx.organizationId, ctx.instances, ctx.period, ctx.emails);
  const drills = await drillRecords(ctx.organizationId, ctx.instances, ctx.period, ctx.emails);
  const rotations = await rotationRecords(ctx.organizationId, ctx.instances, ctx.period, ctx.emails);
  await staging.write('evidence/findings.json', oneChunk(prettyJson(findings)));
  await staging.write(
    'evidence/tables/findings.csv',
    oneChunk(csv(['findingId', 'controlId', 'instanceName', 'severity', 'firstDetectedAt', 'dueAt', 'resolvedAt', 'stateAtPeriodEnd', 'sla', 'ticketId', 'ticketStatus'], findings.map((f) => [f.id, f.controlId, f.instanceName, f.severity, f.firstDetectedAt, f.dueAt, f.resolvedAt, f.stateAtPeriodEnd, f.sla, f.ticket?.id, f.ticket?.status]))),
  );
  await staging.write(
    'evidence/tables/finding-history.csv',
    oneChunk(csv(['findingId', 'at', 'source', 'kind', 'from', 'to', 'actor', 'comment'], findings.flatMap((f) => f.history.map((h) => [f.id, h.at, h.source, h.kind, h.from, h.to, h.actor, h.comment])))),
  );
  await staging.write(
    'evidence/tables/exceptions.csv',
    oneChunk(csv(['exceptionId', 'findingId', 'controlId', 'instanceName', 'statusAtPeriodEnd', 'requestedBy', 'requestedAt', 'approvedBy', 'decidedAt', 'expiresAt', 'reason', 'compensatingControl'], findings.flatMap((f) => f.exceptions.map((e) => [e.id, e.findingId, e.controlId, e.instanceName, e.statusAtPeriodEnd, e.requestedBy, e.requestedAt, e.approvedBy, e.decidedAt, e.expiresAt, e.reason, e.compensatingControl])))),
  );
  await staging.write('evidence/drills.json', oneChunk(prettyJson(drills)));
  await staging.write(
    'evidence/tables/drills.csv',
    oneChunk(csv(['drillId', 'instanceName', 'backupKind', 'backupRef', 'automated', 'startedAt', 'finishedAt', 'result', 'reason', 'rtoSeconds', 'rpoSeconds', 'expectedKeys', 'restoredKeys', 'performedBy'], drills.map((d) => [d.id, d.instanceName, d.backupKind, d.backupRef, d.automated, d.startedAt, d.finishedAt, d.result, d.reason, d.rtoSeconds, d.rpoSeconds, d.expectedKeys, d.restoredKeys, d.performedBy]))),
  );
  await staging.write('evidence/rotations.json', oneChunk(prettyJson(rotations)));
  await staging.write(
    'evidence/tables/rotations.csv',
    oneChunk(csv(['rotationId', 'instanceName', 'kind', 'subject', 'detectedFrom', 'rotatedAt', 'notAfter', 'recordedBy'], rotations.map((r) => [r.id, r.instanceName, r.kind, r.subject, r.detectedFrom, r.rotatedAt, r.notAfter, r.recordedBy]))),
  );
  return { findings, drills, rotations };
}

async function writeAuditLog(staging: StagingArea, ctx: EvidenceContext): Promise<{ auditExcerpt: AuditRow[]; auditTotal: number }> {
  const auditExcerpt: AuditRow[] = [];
  let auditTotal = 0;
  const table = await staging.open('evidence/tables/audit-log.csv');
  await table.write(csvLine(['seq', 'at', 'actor', 'action', 'targetType', 'targetId', 'outcome', 'entryId', 'hash']));
  await staging.write(
    'evidence/audit-log.json',
    jsonArrayChunks(
      (async function* () {
        for await (const page of auditLogPages(ctx.organizationId, ctx.period)) {
          auditTotal += page.length;
          for (const row of page) if (auditExcerpt.length < AUDIT_EXCERPT_ROWS) auditExcerpt.push(row);
          await table.write(page.map((e) => csvLine([e.seq, e.at, e.actorEmail, e.action, e.targetType, e.targetId, e.outcome, e.id, e.hash])).join(''));
          yield page.map((e) => canonicalJson(e));
        }
      })(),
    ),
  );
  await table.close();
  return { auditExcerpt, auditTotal };
}

function controlDefinitions() {
  return CATALOG.map((c) => ({
    id: c.id,
    title: c.title,
    severity: c.severity,
    platforms: c.platforms,
    why: c.why,
    passes: c.passes,
    thresholds: c.thresholds,
    hipaa: frameworksFor(c.id).hipaa,
    hitrust: hitrustRefsFor(c.id),
  }));
}

export async function writeEvidenceFiles(staging: StagingArea, ctx: EvidenceContext, progress: Progress): Promise<EvidenceData> {
  await staging.write('evidence/instances.json', oneChunk(prettyJson(ctx.instances)));
  await staging.write('evidence/controls.json', oneChunk(prettyJson(controlDefinitions())));
  await staging.write('evidence/thresholds.json', oneChunk(prettyJson(ctx.thresholds)));
  const tally = new ResultTally();
  await writeInstanceEvidence(staging, ctx, tally, progress);
  await progress(0.8, 'writing tables and records');
  await writeSummaryTables(staging, ctx, tally);
  const records = await writeRecords(staging, ctx);
  const audit = await writeAuditLog(staging, ctx);
  return { tally, ...records, ...audit };
}
