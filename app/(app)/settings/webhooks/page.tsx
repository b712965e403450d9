import { minute } from '@/components/findings/badges';
import { EmptyState } from '@/components/ui/empty-state';
import { PageTitle } from '@/components/ui/page-title';
import { requirePage } from '@/lib/auth/guard';
import { WEBHOOK_EVENT_LABELS, WEBHOOK_EVENTS } from '@/lib/webhooks/events';
import { listWebhookDeliveries, listWebhookEndpoints } from '@/lib/webhooks/manage-webhook-endpoints';
import { createWebhookAction, updateWebhookAction } from './actions';
import { CreateWebhookForm, EndpointActionButton } from './webhook-forms';

export const dynamic = 'force-dynamic';

export default async function WebhooksPage() {
  const user = await requirePage('webhooks:manage');
  const [endpoints, deliveries] = await Promise.all([listWebhookEndpoints(user.organizationId), listWebhookDeliveries(user.organizationId)]);
  return (
    <>
      <PageTitle title="Webhooks">
        Signed JSON POSTs for finding opened/resolved/overdue and ticket changes (header X-RCD-Signature: sha256=HMAC of the raw body; see docs/webhooks.md). Failed deliveries are retried with backoff.
      </PageTitle>
      <CreateWebhookForm action={createWebhookAction} events={WEBHOOK_EVENTS.map((name) => ({ name, label: WEBHOOK_EVENT_LABELS[name] }))} />

      <section aria-labelledby="endpoints" className="mb-8">
        <h2 id="endpoints" className="mb-2 font-medium">
          Endpoints
        </h2>
        {endpoints.length === 0 ? (
          <EmptyState title="No endpoints">Add a receiver above.</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-200 rounded border border-slate-200 bg-white text-sm">
            {endpoints.map((e) => (
              <li key={e.id} className="flex flex-wrap items-start gap-4 px-4 py-3" data-testid="webhook-endpoint">
                <div className="min-w-64 flex-1">
                  <p className="font-mono text-xs break-all">{e.url}</p>
                  <p className="text-slate-700">
                    {e.description || 'no description'} · {e.enabled ? 'enabled' : 'disabled'} · {e.events.join(', ')}
                  </p>
                </div>
                <EndpointActionButton action={updateWebhookAction} endpointId={e.id} verb={e.enabled ? 'disable' : 'enable'} label={e.enabled ? 'Disable' : 'Enable'} />
                <EndpointActionButton action={updateWebhookAction} endpointId={e.id} verb="rotate" label="New secret" />
                <EndpointActionButton action={updateWebhookAction} endpointId={e.id} verb="delete" label="Delete" />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="deliveries">
        <h2 id="deliveries" className="mb-2 font-medium">
          Delivery log (latest 100)
        </h2>
        {deliveries.length === 0 ? (
          <p className="text-sm text-slate-700">Nothing sent yet.</p>
        ) : (
          <div className="overflow-x-auto rounded border border-slate-200 bg-white">
            <table className="min-w-full text-sm">
              <caption className="sr-only">Webhook deliveries</caption>
              <thead className="bg-slate-100 text-left">
                <tr>
                  <th scope="col" className="px-3 py-2">Event</th>
                  <th scope="col" className="px-3 py-2">Receiver</th>
                  <th scope="col" className="px-3 py-2">Status</th>
                  <th scope="col" className="px-3 py-2">Attempts (HTTP status or error)</th>
                  <th scope="col" className="px-3 py-2">Queued</th>
                  <th scope="col" className="px-3 py-2">Next attempt</th>
                </tr>
              </thead>
              <tbody>
                {deliveries.map((d) => (
                  <tr key={d.id} className="border-t border-slate-200 align-top" data-testid="webhook-delivery">
                    <td className="px-3 py-2 font-mono text-xs">{d.event}</td>
                    <td className="px-3 py-2 font-mono text-xs break-all">{d.endpoint.url}</td>
                    <td className="px-3 py-2">{d.status}</td>
                    <td className="px-3 py-2">
                      <ol>
                        {d.attemptLog.map((a) => (
                          <li key={a.id}>
                            #{a.attempt} {minute(a.at)}: {a.statusCode ?? '—'} {a.error ? `· ${a.error}` : ''} ({a.durationMs} ms)
                          </li>
                        ))}
                      </ol>
                    </td>
                    <td className="px-3 py-2">{minute(d.createdAt)}</td>
                    <td className="px-3 py-2">{d.status === 'pending' || d.status === 'retrying' ? minute(d.nextAttemptAt) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
