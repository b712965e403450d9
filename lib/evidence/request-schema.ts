// What a caller asks for (app form, API, CLI): the period's first and last day and the scope.
import { z } from 'zod';
import { describeZodError } from '../users/schemas';
import { periodInputSchema, toPeriod, type EvidencePeriod } from './period';
import { evidenceScopeSchema, normalizeScope, type EvidenceScope } from './scope';

export interface EvidenceRequest {
  period: EvidencePeriod;
  scope: EvidenceScope;
}

export type ParsedRequest = { ok: true; request: EvidenceRequest } | { ok: false; error: string };

export function parseEvidenceRequest(input: unknown, now = new Date()): ParsedRequest {
  const schema = z.object({ period: periodInputSchema(now), scope: evidenceScopeSchema.default({ frameworks: ['hipaa', 'hitrust'] }) }).strict();
  const parsed = schema.safeParse(input);
  if (!parsed.success) return { ok: false, error: describeZodError(parsed.error) };
  return { ok: true, request: { period: toPeriod(parsed.data.period.from, parsed.data.period.to), scope: normalizeScope(parsed.data.scope) } };
}
