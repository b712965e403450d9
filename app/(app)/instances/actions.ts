'use server';

import { z } from 'zod';
import { AuthorizationError, requireAction } from '@/lib/auth/guard';
import { startScanRun } from '@/lib/scan-runs/start-scan-run';

const startScanInput = z.object({ instanceIds: z.array(z.string().min(1)).min(1).max(1000).optional() }).strict();

export type StartScanState = { ok: true; runId: string } | { ok: false; error: string };

export async function startScanAction(input: unknown): Promise<StartScanState> {
  try {
    const actor = await requireAction('scans:run', 'scan.start');
    const parsed = startScanInput.safeParse(input);
    if (!parsed.success) return { ok: false, error: 'Choose the instances to scan (a list of instance ids).' };
    const run = await startScanRun(actor, { organizationId: actor.organizationId, instanceIds: parsed.data.instanceIds, trigger: 'manual', requestedById: actor.id });
    return { ok: true, runId: run.id };
  } catch (err) {
    if (err instanceof AuthorizationError) return { ok: false, error: err.message };
    return { ok: false, error: err instanceof Error ? err.message : 'The scan could not be started.' };
  }
}
