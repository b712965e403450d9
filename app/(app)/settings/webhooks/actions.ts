'use server';

import { revalidatePath } from 'next/cache';
import type { ActionFormState } from '@/components/ui/use-kept-form';
import { AuthorizationError, requireAction } from '@/lib/auth/guard';
import { createWebhookEndpoint, updateWebhookEndpoint } from '@/lib/webhooks/manage-webhook-endpoints';

export type WebhookFormState = ActionFormState & { secret?: string };

export async function createWebhookAction(_prev: WebhookFormState, form: FormData): Promise<WebhookFormState> {
  try {
    const actor = await requireAction('webhooks:manage', 'webhook.create');
    const result = await createWebhookEndpoint(actor, { url: String(form.get('url') ?? ''), description: String(form.get('description') ?? ''), events: form.getAll('events').map(String) });
    if (!result.ok) return { ok: false, error: result.error };
    revalidatePath('/settings/webhooks');
    return { ok: true, message: 'Endpoint added. Copy the signing secret now: it is not shown again.', secret: result.secret };
  } catch (err) {
    if (err instanceof AuthorizationError) return { ok: false, error: err.message };
    throw err;
  }
}

export async function updateWebhookAction(_prev: WebhookFormState, form: FormData): Promise<WebhookFormState> {
  try {
    const action = String(form.get('action') ?? '');
    const actor = await requireAction('webhooks:manage', `webhook.${action || 'update'}`);
    const result = await updateWebhookEndpoint(actor, { endpointId: String(form.get('endpointId') ?? ''), action });
    if (!result.ok) return { ok: false, error: result.error };
    revalidatePath('/settings/webhooks');
    return result.secret ? { ok: true, message: 'New signing secret (shown once; the old one stops working now):', secret: result.secret } : { ok: true, message: 'Saved.' };
  } catch (err) {
    if (err instanceof AuthorizationError) return { ok: false, error: err.message };
    throw err;
  }
}
