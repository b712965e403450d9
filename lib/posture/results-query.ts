// Parameters of the results explorer (/results and GET /api/results): what the numbers on the
// dashboards link to. Without from/to it lists each instance's latest results; with them, every
// result evaluated in that period (auditors always get a period inside their access window).
import { z } from 'zod';
import { isControlId } from '../controls/catalog';
import { controlsForRequirement } from '../controls/frameworks';
import { CONTROL_STATUSES, PLATFORMS, SEVERITIES, type ControlStatus } from '../controls/types';
import { dayParam } from '../paging/day-param';
import { pageQueryShape } from '../paging/page-query';

export const RESULT_SORTS = ['instance', 'control', 'status', 'evaluatedAt'] as const;
export type ResultSort = (typeof RESULT_SORTS)[number];

/** `not_assessed` = error or not_assessable (the dashboards' "not assessed" figures). */
export const RESULT_STATUS_FILTERS = [...CONTROL_STATUSES, 'not_assessed'] as const;
export type ResultStatusFilter = (typeof RESULT_STATUS_FILTERS)[number];

/** Control ids of a HIPAA paragraph or a HITRUST id ([] when no control maps to it). */
export function requirementControls(requirement: string): string[] {
  const hipaa = controlsForRequirement('hipaa', requirement);
  return hipaa.length ? hipaa : controlsForRequirement('hitrust', requirement);
}

export const resultsQuerySchema = z
  .object({
    ...pageQueryShape(RESULT_SORTS, 'control', 'asc'),
    control: z.string().refine(isControlId, { error: 'control must be a catalog control id, e.g. RED-TLS-001' }).optional(),
    status: z.enum(RESULT_STATUS_FILTERS, { error: `status must be one of ${RESULT_STATUS_FILTERS.join(', ')}` }).optional(),
    requirement: z
      .string()
      .refine((r) => requirementControls(r).length > 0, { error: 'requirement must be a HIPAA paragraph such as 164.312(b) or a HITRUST id such as 0903.10f1 that a control maps to' })
      .optional(),
    instance: z.string().max(64, 'instance must be an instance id').optional(),
    platform: z.enum(PLATFORMS, { error: `platform must be one of ${PLATFORMS.join(', ')}` }).optional(),
    severity: z.enum(SEVERITIES, { error: `severity must be one of ${SEVERITIES.join(', ')}` }).optional(),
    q: z.string().max(100, 'q (instance name search) must be at most 100 characters').optional(),
    from: dayParam('from').optional(),
    to: dayParam('to').optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { error: 'from must be on or before to (both days are included)', path: ['to'] });

export type ResultsQuery = z.infer<typeof resultsQuerySchema>;

export function statusesFor(filter: ResultStatusFilter | undefined): ControlStatus[] | null {
  if (!filter) return null;
  return filter === 'not_assessed' ? ['error', 'not_assessable'] : [filter];
}

/** Control ids the query is limited to (control and requirement together: both must hold). */
export function controlsFor(query: Pick<ResultsQuery, 'control' | 'requirement'>): string[] | null {
  const byRequirement = query.requirement ? requirementControls(query.requirement) : null;
  if (query.control) return byRequirement && !byRequirement.includes(query.control) ? [] : [query.control];
  return byRequirement;
}
