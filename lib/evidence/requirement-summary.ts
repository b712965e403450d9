// Per framework requirement (HIPAA paragraph or HITRUST id): its controls, their result counts
// over the period and their state at the end of the period across the scoped instances.
import { controlMeta, isControlId } from '../controls/catalog';
import { HIPAA_PARAGRAPHS, HITRUST_SEED_IDS, requirementIndex } from '../controls/frameworks';
import type { ResultTally, StatusCounts } from './result-tally';
import type { EvidenceFramework } from './scope';

export interface ControlSummary {
  controlId: string;
  title: string;
  counts: StatusCounts;
  atEnd: StatusCounts;
  withoutResult: number;
}

export interface RequirementSummary {
  framework: EvidenceFramework;
  requirement: string;
  title: string;
  controls: ControlSummary[];
}

function hipaaOrder(ref: string): number {
  const i = HIPAA_PARAGRAPHS.findIndex((p) => p.ref === ref);
  return i === -1 ? Number.MAX_SAFE_INTEGER : i;
}

function requirementTitle(framework: EvidenceFramework, requirement: string): string {
  if (framework === 'hipaa') return HIPAA_PARAGRAPHS.find((p) => p.ref === requirement)?.title ?? '';
  const seed = HITRUST_SEED_IDS[requirement];
  return seed ? `cited by the ElastiCache HITRUST guide, step ${seed.step}` : 'public reference (requirement ids in the appendix)';
}

export function requirementSummaries(framework: EvidenceFramework, tally: ResultTally, instanceIds: readonly string[]): RequirementSummary[] {
  const index = requirementIndex(framework);
  const requirements = Object.keys(index).sort((a, b) => (framework === 'hipaa' ? hipaaOrder(a) - hipaaOrder(b) : 0) || a.localeCompare(b));
  return requirements.map((requirement) => ({
    framework,
    requirement,
    title: requirementTitle(framework, requirement),
    controls: [...index[requirement]].sort().map((controlId) => ({
      controlId,
      title: isControlId(controlId) ? controlMeta(controlId).title : controlId,
      ...tally.control(controlId, instanceIds),
    })),
  }));
}
