// Posture per requirement of a framework (HIPAA paragraph, HITRUST id) from one day's per-control
// rollup: the requirement's controls summed (score per catalog §1.2), and how many of its controls
// pass everywhere, fail somewhere, or could not be assessed somewhere.
import { controlsForRequirement, HIPAA_PARAGRAPHS, HITRUST_MAPPING, HITRUST_SEED_IDS, requirementIndex, type Framework } from '../controls/frameworks';
import { addCounts, emptyCounts, notAssessed, postureScore, type StatusCounts } from './status-counts';

export type FleetControlState = 'passing' | 'failing' | 'not_assessed' | 'no_result';

export interface RequirementPosture {
  framework: Framework;
  ref: string;
  title: string;
  controlIds: string[];
  counts: StatusCounts;
  score: number | null;
  controls: Record<FleetControlState, number>;
}

/** A control across the fleet: failing if it fails anywhere; passing only if it passes everywhere it was assessed. */
export function fleetControlState(counts: StatusCounts | undefined): FleetControlState {
  if (!counts) return 'no_result';
  if (counts.fail > 0) return 'failing';
  if (notAssessed(counts) > 0) return 'not_assessed';
  return counts.pass > 0 ? 'passing' : 'no_result';
}

function hitrustTitles(): Map<string, string> {
  const titles = new Map<string, string>();
  for (const [id, seed] of Object.entries(HITRUST_SEED_IDS)) titles.set(id, seed.publicDescription ?? `ElastiCache guide step ${seed.step}`);
  for (const refs of Object.values(HITRUST_MAPPING)) {
    if (refs === 'none found') continue;
    for (const ref of refs) if (!titles.has(ref.id)) titles.set(ref.id, ref.requirements ?? ref.note ?? '');
  }
  return titles;
}

export function requirementsInOrder(framework: Framework): { ref: string; title: string }[] {
  const index = requirementIndex(framework);
  if (framework === 'hipaa') return HIPAA_PARAGRAPHS.filter((p) => index[p.ref]).map((p) => ({ ref: p.ref, title: p.title }));
  const titles = hitrustTitles();
  return Object.keys(index)
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    .map((ref) => ({ ref, title: titles.get(ref) ?? '' }));
}

export function frameworkPosture(framework: Framework, byControl: Map<string, StatusCounts>): RequirementPosture[] {
  return requirementsInOrder(framework).map(({ ref, title }) => {
    const controlIds = controlsForRequirement(framework, ref);
    const counts = emptyCounts();
    const controls: Record<FleetControlState, number> = { passing: 0, failing: 0, not_assessed: 0, no_result: 0 };
    for (const id of controlIds) {
      const c = byControl.get(id);
      if (c) addCounts(counts, c);
      controls[fleetControlState(c)] += 1;
    }
    return { framework, ref, title, controlIds, counts, score: postureScore(counts), controls };
  });
}
