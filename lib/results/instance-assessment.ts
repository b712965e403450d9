// One instance's latest assessment for the instance page: results grouped by HIPAA paragraph
// (a control appears under every paragraph it maps to), with the catalog's "why" and "how to fix",
// the evidence snapshot, and what changed since the previous snapshot.
import { controlMeta, isControlId, remediationFor } from '../controls/catalog';
import { frameworksFor, HIPAA_PARAGRAPHS } from '../controls/frameworks';
import type { ControlStatus, Platform, Severity } from '../controls/types';
import { db } from '../db/client';
import { diffFacts, type FactChange } from '../facts-diff/diff-facts';

export interface AssessedControl {
  controlId: string;
  title: string;
  status: ControlStatus;
  severity: Severity;
  observed: unknown;
  expected: string;
  reason: string | null;
  evidenceRefs: string[];
  why: string;
  fix: string | null;
  hitrust: string[];
}

export interface RequirementGroup {
  ref: string;
  title: string;
  controls: AssessedControl[];
}

export interface InstanceAssessment {
  snapshot: { id: string; collectedAt: Date; sha256: string; scanRunId: string } | null;
  groups: RequirementGroup[];
  changes: FactChange[] | null;
  previousCollectedAt: Date | null;
}

const STATUS_ORDER: ControlStatus[] = ['fail', 'error', 'not_assessable', 'pass', 'not_applicable'];

export async function instanceAssessment(instanceId: string, platform: Platform): Promise<InstanceAssessment> {
  const [latest, previous] = await db().factsSnapshot.findMany({ where: { instanceId }, orderBy: { collectedAt: 'desc' }, take: 2 });
  if (!latest) return { snapshot: null, groups: [], changes: null, previousCollectedAt: null };
  const results = await db().controlResult.findMany({ where: { snapshotId: latest.id } });
  const byRef = new Map<string, AssessedControl[]>();
  for (const r of results) {
    const meta = isControlId(r.controlId) ? controlMeta(r.controlId) : null;
    const refs = frameworksFor(r.controlId);
    const control: AssessedControl = {
      controlId: r.controlId,
      title: meta?.title ?? r.controlId,
      status: r.status as ControlStatus,
      severity: r.severity as Severity,
      observed: r.observed,
      expected: r.expected,
      reason: r.reason,
      evidenceRefs: r.evidenceRefs as string[],
      why: meta?.why ?? '',
      fix: meta ? (remediationFor(meta, platform) ?? null) : null,
      hitrust: refs.hitrust,
    };
    for (const ref of refs.hipaa.length ? refs.hipaa : ['unmapped']) {
      byRef.set(ref, [...(byRef.get(ref) ?? []), control]);
    }
  }
  const order = (ref: string) => {
    const i = HIPAA_PARAGRAPHS.findIndex((p) => p.ref === ref);
    return i === -1 ? Number.MAX_SAFE_INTEGER : i;
  };
  const groups = [...byRef.entries()]
    .sort(([a], [b]) => order(a) - order(b))
    .map(([ref, controls]) => ({
      ref,
      title: HIPAA_PARAGRAPHS.find((p) => p.ref === ref)?.title ?? 'Not mapped to a HIPAA paragraph',
      controls: controls.sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) || a.controlId.localeCompare(b.controlId)),
    }));
  return {
    snapshot: { id: latest.id, collectedAt: latest.collectedAt, sha256: latest.sha256, scanRunId: latest.scanRunId },
    groups,
    changes: previous ? diffFacts(previous.facts, latest.facts) : null,
    previousCollectedAt: previous?.collectedAt ?? null,
  };
}

export async function findInstance(organizationId: string, instanceId: string) {
  return db().instance.findFirst({ where: { id: instanceId, organizationId } });
}

export async function findSnapshot(organizationId: string, snapshotId: string) {
  return db().factsSnapshot.findFirst({ where: { id: snapshotId, instance: { organizationId } } });
}
