import { describe, expect, it } from 'vitest';
import { CATALOG, CONTROL_IDS, controlMeta, remediationFor } from '@/lib/controls/catalog';
import {
  controlsForRequirement,
  frameworksFor,
  HIPAA_MAPPING,
  hipaaParagraph,
  HITRUST_MAPPING,
  HITRUST_SEED_IDS,
  hitrustRefsFor,
  requirementIndex,
} from '@/lib/controls/frameworks';
import { THRESHOLD_KEYS } from '@/lib/controls/thresholds';
import { CONTROL_DOMAINS, PLATFORMS, SEVERITIES } from '@/lib/controls/types';

describe('catalog metadata', () => {
  it('holds 67 unique, well-formed ids in catalog order', () => {
    expect(CONTROL_IDS).toHaveLength(67);
    expect(new Set(CONTROL_IDS).size).toBe(67);
    for (const id of CONTROL_IDS) expect(id).toMatch(new RegExp(`^RED-(${CONTROL_DOMAINS.join('|')})-\\d{3}$`));
    expect(CONTROL_IDS.slice(0, 3)).toEqual(['RED-INV-001', 'RED-INV-002', 'RED-NET-001']);
    expect(CONTROL_IDS.at(-1)).toBe('RED-ROT-004');
  });

  it.each(CATALOG.map((c) => [c.id, c] as const))('%s has valid severity, platforms, why, pass rule, fix and N/A reasons', (_id, c) => {
    expect(SEVERITIES).toContain(c.severity);
    expect(c.platforms.length).toBeGreaterThan(0);
    for (const p of c.platforms) expect(PLATFORMS).toContain(p);
    expect(c.why).toMatch(/\b00[012]\b/); // cites a seed guide
    expect(c.passes.length).toBeGreaterThan(10);
    for (const p of c.platforms) expect(remediationFor(c, p), `fix for ${p}`).toBeTruthy();
    for (const p of PLATFORMS.filter((p) => !c.platforms.includes(p))) expect(c.notApplicable[p], `N/A reason for ${p}`).toBeTruthy();
    for (const key of c.thresholds) expect(THRESHOLD_KEYS).toContain(key);
    expect(c.domain).toBe(c.id.split('-')[1]);
  });

  it('keeps the catalog wording of conditional platform coverage', () => {
    expect(controlMeta('RED-PRC-003').platformNote).toBe('ec ecs ms (self if hosted)');
    expect(controlMeta('RED-ROT-003').platforms).toEqual(['self', 'ec', 'ecs', 'ms']);
    expect(controlMeta('RED-TLS-005').platforms).toEqual(['self']);
  });

  it('rejects unknown ids', () => {
    expect(() => controlMeta('RED-TLS-099')).toThrow(/Unknown control id/);
  });
});

describe('framework mappings', () => {
  it.each(CONTROL_IDS.map((id) => [id]))('%s maps to known HIPAA paragraphs and HITRUST refs or an explicit "none found"', (id) => {
    const hipaa = HIPAA_MAPPING[id];
    expect(hipaa.length).toBeGreaterThan(0);
    for (const ref of hipaa) expect(hipaaParagraph(ref), ref).toBeDefined();
    const hitrust = HITRUST_MAPPING[id];
    expect(hitrust).toBeDefined();
    if (hitrust !== 'none found') {
      expect(hitrust.length).toBeGreaterThan(0);
      for (const ref of hitrust) {
        if (ref.provenance === 'seed') expect(HITRUST_SEED_IDS[ref.id], ref.id).toBeDefined();
        else expect(ref.requirements, `${ref.id} requirement ids`).toMatch(/\d{4,5}\.\d{2}[a-z]{1,2}\d/);
      }
    }
  });

  it('has no mapping for an id outside the catalog', () => {
    expect(Object.keys(HIPAA_MAPPING).sort()).toEqual([...CONTROL_IDS].sort());
    expect(Object.keys(HITRUST_MAPPING).sort()).toEqual([...CONTROL_IDS].sort());
  });

  it('looks up a control', () => {
    expect(frameworksFor('RED-TLS-001')).toEqual({
      hipaa: ['164.312(e)(1)', '164.312(e)(2)(ii)'],
      hitrust: ['0808.10b2', '0903.10f1', '1903.06d1', '19141.06c1'],
    });
    expect(frameworksFor('RED-CFG-005')).toEqual({ hipaa: ['164.312(a)(2)(iii)'], hitrust: [] });
    expect(hitrustRefsFor('RED-CFG-005')).toBe('none found');
    expect(frameworksFor('RED-PRC-003').hipaa).toEqual(['164.308(b)(1)', '164.314(a)']);
    expect(() => frameworksFor('RED-XYZ-001')).toThrow();
  });

  it('looks up requirements in reverse for reports', () => {
    expect(controlsForRequirement('hipaa', '164.312(a)(2)(iii)')).toEqual(['RED-CFG-005']);
    expect(controlsForRequirement('hitrust', '0706.10b1')).toEqual(['RED-NET-005', 'RED-CFG-001', 'RED-CFG-002', 'RED-CFG-004']);
    expect(controlsForRequirement('hipaa', '164.312(c)(2)')).toEqual([]);
    const index = requirementIndex('hipaa');
    expect(index['164.312(e)(1)']).toContain('RED-TLS-002');
    expect(Object.values(index).flat()).toEqual(expect.arrayContaining([...CONTROL_IDS]));
  });
});
