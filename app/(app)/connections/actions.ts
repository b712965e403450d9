'use server';

import { revalidatePath } from 'next/cache';
import { AuthorizationError, requireAction } from '@/lib/auth/guard';
import { addSelfTarget } from '@/lib/connections/add-self-target';
import { addCloudConnection } from '@/lib/cloud-scans/add-cloud-connection';
import type { CloudKind } from '@/lib/cloud-scans/cloud-connection';
import { testCloudConnection } from '@/lib/cloud-scans/test-cloud-connection';
import { startScanRun } from '@/lib/scan-runs/start-scan-run';
import type { TestConnectionState } from '@/components/cloud/test-connection-button';
import type { ActionFormState } from '@/components/ui/use-kept-form';
import type { StartScanState } from '../instances/actions';

export async function addSelfTargetAction(_prev: ActionFormState, form: FormData): Promise<ActionFormState> {
  try {
    const actor = await requireAction('connections:manage', 'connection.create');
    const result = await addSelfTarget(actor, Object.fromEntries(form));
    if (!result.ok) return { ok: false, error: result.error };
    revalidatePath('/connections');
    revalidatePath('/instances');
    return { ok: true, message: `Added ${String(form.get('name'))}. Scan it from its instance page.` };
  } catch (err) {
    if (err instanceof AuthorizationError) return { ok: false, error: err.message };
    throw err;
  }
}

export async function addAwsConnectionAction(_prev: ActionFormState, form: FormData): Promise<ActionFormState> {
  try {
    return await addCloud(await requireAction('connections:manage', 'connection.create'), 'aws', form);
  } catch (err) {
    if (err instanceof AuthorizationError) return { ok: false, error: err.message };
    throw err;
  }
}

export async function addGcpConnectionAction(_prev: ActionFormState, form: FormData): Promise<ActionFormState> {
  try {
    return await addCloud(await requireAction('connections:manage', 'connection.create'), 'gcp', form);
  } catch (err) {
    if (err instanceof AuthorizationError) return { ok: false, error: err.message };
    throw err;
  }
}

async function addCloud(actor: Awaited<ReturnType<typeof requireAction>>, kind: CloudKind, form: FormData): Promise<ActionFormState> {
  const result = await addCloudConnection(actor, kind, Object.fromEntries(form));
  if (!result.ok) return { ok: false, error: result.error };
  revalidatePath('/connections');
  return { ok: true, message: `Added ${String(form.get('name'))}. Test it, then scan it from the list above.` };
}

/** Bound to a connection id on the page: collects a small scope and reports each source. */
export async function testCloudConnectionAction(connectionId: string): Promise<TestConnectionState> {
  try {
    const actor = await requireAction('connections:manage', 'connection.test');
    const outcome = await testCloudConnection(actor, connectionId);
    revalidatePath('/connections');
    return { ok: outcome.ok, status: outcome.status, summary: outcome.summary };
  } catch (err) {
    if (err instanceof AuthorizationError) return { ok: false, error: err.message };
    return { ok: false, error: err instanceof Error ? err.message : 'The connection could not be tested.' };
  }
}

/** Bound to a connection id on the page: inventories the account/projects and assesses every resource. */
export async function scanConnectionAction(connectionId: string): Promise<StartScanState> {
  try {
    const actor = await requireAction('scans:run', 'scan.start');
    const run = await startScanRun(actor, { organizationId: actor.organizationId, connectionId, trigger: 'manual', requestedById: actor.id });
    return { ok: true, runId: run.id };
  } catch (err) {
    if (err instanceof AuthorizationError) return { ok: false, error: err.message };
    return { ok: false, error: err instanceof Error ? err.message : 'The scan could not be started.' };
  }
}
