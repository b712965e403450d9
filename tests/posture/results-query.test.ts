import { describe, expect, it } from 'vitest';
import { parseListQuery } from '@/lib/paging/page-query';
import { controlsFor, requirementControls, resultsQuerySchema, statusesFor } from '@/lib/posture/results-query';
import { trendQuerySchema } from '@/lib/posture/trend-query';

describe('results explorer parameters', () => {
  it('accepts HIPAA paragraphs and HITRUST ids that controls map to', () => {
    expect(requirementControls('164.312(e)(1)')).toEqual(expect.arrayContaining(['RED-TLS-001', 'RED-NET-001']));
    expect(requirementControls('0903.10f1')).toContain('RED-TLS-001');
    expect(requirementControls('164.999(z)')).toEqual([]);
    const parsed = parseListQuery(resultsQuerySchema, { requirement: '164.999(z)', control: 'RED-XYZ-001', status: 'broken' });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problem).toContain('requirement must be a HIPAA paragraph such as 164.312(b) or a HITRUST id');
    expect(parsed.problem).toContain('control must be a catalog control id, e.g. RED-TLS-001');
    expect(parsed.problem).toContain('status must be one of pass, fail, error, not_assessable, not_applicable, not_assessed');
  });

  it('combines control and requirement (both must hold)', () => {
    expect(controlsFor({ requirement: '164.312(e)(1)' })).toEqual(requirementControls('164.312(e)(1)'));
    expect(controlsFor({ control: 'RED-TLS-001', requirement: '164.312(e)(1)' })).toEqual(['RED-TLS-001']);
    expect(controlsFor({ control: 'RED-AUTH-001', requirement: '164.312(e)(1)' })).toEqual([]);
    expect(controlsFor({})).toBeNull();
  });

  it('reads "not assessed" as could-not-evaluate or not assessable', () => {
    expect(statusesFor('not_assessed')).toEqual(['error', 'not_assessable']);
    expect(statusesFor('fail')).toEqual(['fail']);
    expect(statusesFor(undefined)).toBeNull();
  });

  it('offers the trend over 30, 90 or 365 days only', () => {
    expect(trendQuerySchema.parse({ days: '90' })).toEqual({ days: 90 });
    expect(trendQuerySchema.parse({})).toEqual({ days: 30 });
    expect(trendQuerySchema.safeParse({ days: '7' }).error?.issues[0].message).toBe('days must be one of 30, 90, 365');
  });
});
