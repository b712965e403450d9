import { describe, expect, it } from 'vitest';
import { auditQuerySchema } from '@/lib/audit-log/list-audit-entries';
import { instancesQuerySchema } from '@/lib/inventory/list-instances';
import { pageWindow, parseListQuery, searchParamsObject } from '@/lib/paging/page-query';

describe('list query parameters', () => {
  it('parses good parameters with defaults', () => {
    const parsed = parseListQuery(instancesQuerySchema, { page: '3', size: '50', sort: 'region', dir: 'desc', provider: 'aws' });
    expect(parsed).toEqual({ ok: true, query: expect.objectContaining({ page: 3, size: 50, sort: 'region', dir: 'desc', provider: 'aws', state: 'active' }) });
    expect(parseListQuery(instancesQuerySchema, {}).query).toMatchObject({ page: 1, size: 25, sort: 'name', dir: 'asc' });
  });

  it('names each bad parameter, says what is accepted, and keeps the good ones', () => {
    const parsed = parseListQuery(instancesQuerySchema, { size: '7', sort: 'colour', page: 'two', provider: 'aws' });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problem).toContain('size must be one of 10, 25, 50, 100');
    expect(parsed.problem).toContain('sort must be one of name, provider, platform, region, lastSeen');
    expect(parsed.problem).toContain('page must be a whole number, 1 or more');
    expect(parsed.query).toMatchObject({ provider: 'aws', size: 25, sort: 'name', page: 1 });
  });

  it('checks calendar days and their order', () => {
    const bad = parseListQuery(auditQuerySchema, { from: '2026-02-30', to: '2026-01-01x' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.problem).toContain('from is not a calendar date');
      expect(bad.problem).toContain('to must be a date written YYYY-MM-DD');
    }
    const reversed = parseListQuery(auditQuerySchema, { from: '2026-03-02', to: '2026-03-01' });
    expect(reversed.ok ? '' : reversed.problem).toContain('from must be on or before to');
  });

  it('takes the first value of repeated parameters and leaves out empty ones', () => {
    expect(searchParamsObject({ a: ['1', '2'], b: '', c: ' x ', d: undefined })).toEqual({ a: '1', c: 'x' });
    expect(searchParamsObject(new URLSearchParams('a=1&a=2&b='))).toEqual({ a: '1' });
  });

  it('moves a page past the end back to the last page', () => {
    expect(pageWindow(95, 2, 25)).toEqual({ page: 2, skip: 25 });
    expect(pageWindow(95, 9, 25)).toEqual({ page: 4, skip: 75 });
    expect(pageWindow(0, 5, 25)).toEqual({ page: 1, skip: 0 });
  });
});
