// Lookups over the framework data: control → refs (results, findings) and requirement → controls
// (reports grouped by HIPAA paragraph or HITRUST id).

import type { FrameworkRefs } from '../types';
import { HIPAA_MAPPING } from './hipaa';
import { HITRUST_MAPPING, type HitrustRef } from './hitrust';

export { HIPAA_MAPPING, HIPAA_PARAGRAPHS, hipaaParagraph, isTechnicalSafeguard } from './hipaa';
export { HITRUST_MAPPING, HITRUST_SEED_IDS, formatHitrust, PROVENANCE_MARK } from './hitrust';
export type { HipaaParagraph } from './hipaa';
export type { HitrustProvenance, HitrustRef } from './hitrust';

/** HIPAA references and HITRUST ids of one control ([] for HITRUST "none found"). */
export function frameworksFor(controlId: string): FrameworkRefs {
  const hipaa = HIPAA_MAPPING[controlId];
  const hitrust = HITRUST_MAPPING[controlId];
  if (!hipaa || !hitrust) throw new Error(`No framework mapping for control id "${controlId}"`);
  return { hipaa: [...hipaa], hitrust: hitrustRefs(hitrust).map((r) => r.id) };
}

/** HITRUST references with their provenance (†/*) and requirement notes. */
export function hitrustRefsFor(controlId: string): readonly HitrustRef[] | 'none found' {
  const refs = HITRUST_MAPPING[controlId];
  if (!refs) throw new Error(`No HITRUST mapping for control id "${controlId}"`);
  return refs;
}

export type Framework = 'hipaa' | 'hitrust';

/** Requirement (a HIPAA ref such as "164.312(b)" or a HITRUST id such as "0903.10f1") → control ids. */
export function controlsForRequirement(framework: Framework, requirement: string): string[] {
  return requirementIndex(framework)[requirement] ?? [];
}

/** Every requirement of a framework that some control maps to, with its control ids (catalog order). */
export function requirementIndex(framework: Framework): Record<string, string[]> {
  const index: Record<string, string[]> = {};
  const entries: [string, string[]][] =
    framework === 'hipaa'
      ? Object.entries(HIPAA_MAPPING).map(([id, refs]) => [id, [...refs]])
      : Object.entries(HITRUST_MAPPING).map(([id, refs]) => [id, hitrustRefs(refs).map((r) => r.id)]);
  for (const [controlId, refs] of entries) {
    for (const ref of refs) (index[ref] ??= []).push(controlId);
  }
  return index;
}

function hitrustRefs(refs: readonly HitrustRef[] | 'none found'): readonly HitrustRef[] {
  return refs === 'none found' ? [] : refs;
}
