import { ActionForm, inputClass } from '@/components/findings/action-form';
import { DueBadge, type Tone } from '@/components/records/due-badge';
import { utc } from '@/components/records/format';
import { EmptyState } from '@/components/ui/empty-state';
import { PageTitle } from '@/components/ui/page-title';
import { requirePage } from '@/lib/auth/guard';
import { can } from '@/lib/auth/roles';
import { ROTATION_KINDS } from '@/lib/controls/types';
import { listInstanceNames } from '@/lib/records/list-instance-names';
import { ROTATION_KIND_LABELS, rotationsOverview, type DueState } from '@/lib/rotations/rotations-overview';
import { recordRotationAction } from './actions';

export const dynamic = 'force-dynamic';

const STATE: Record<DueState, { tone: Tone; label: string }> = {
  overdue: { tone: 'bad', label: 'overdue' },
  due_soon: { tone: 'soon', label: 'due soon' },
  unknown: { tone: 'unknown', label: 'age unknown' },
  ok: { tone: 'good', label: 'current' },
};

export default async function RotationsPage() {
  const user = await requirePage('rotations:view');
  const [overview, instances] = await Promise.all([rotationsOverview(user.organizationId), listInstanceNames(user.organizationId)]);
  const overdue = overview.due.filter((d) => d.state === 'overdue').length;
  return (
    <>
      <PageTitle title="Key and credential rotations">
        Rotations are detected from successive scans (ACL password fingerprints, TLS certificate serials, ElastiCache AUTH token dates, Memorystore CA
        certificates) and recorded by hand where the facts cannot show them. Only digests of fingerprints are kept — never a secret.
      </PageTitle>

      <section aria-labelledby="due-next" className="mb-8">
        <h2 id="due-next" className="mb-2 text-lg font-medium">
          What is due next {overdue ? <DueBadge tone="bad">{overdue} overdue</DueBadge> : null}
        </h2>
        {overview.due.length === 0 ? (
          <EmptyState title="No credentials observed yet">Scan an instance: its users, certificates and tokens appear here.</EmptyState>
        ) : (
          <table className="min-w-full rounded border border-slate-200 bg-white text-sm">
            <caption className="sr-only">Credentials by due date, overdue first</caption>
            <thead className="bg-slate-100 text-left">
              <tr>
                <th scope="col" className="px-3 py-2">Instance</th>
                <th scope="col" className="px-3 py-2">Credential</th>
                <th scope="col" className="px-3 py-2">Last rotated</th>
                <th scope="col" className="px-3 py-2">Due</th>
                <th scope="col" className="px-3 py-2">Policy</th>
              </tr>
            </thead>
            <tbody>
              {overview.due.map((d) => (
                <tr key={`${d.instanceId}|${d.kind}|${d.subject}`} className="border-t border-slate-200" data-testid="rotation-due-row">
                  <td className="px-3 py-2">{d.instanceName}</td>
                  <td className="px-3 py-2">
                    {d.kindLabel} <span className="text-slate-600">· {d.subject}</span>
                    {d.notAfter ? <span className="block text-xs text-slate-600">expires {utc(d.notAfter, false)}</span> : null}
                  </td>
                  <td className="px-3 py-2">{d.lastRotatedAt ? utc(d.lastRotatedAt, false) : d.observedSince ? `not since ${utc(d.observedSince, false)} (first seen)` : '—'}</td>
                  <td className="px-3 py-2">
                    <DueBadge tone={STATE[d.state].tone}>{STATE[d.state].label}</DueBadge> {d.dueAt ? utc(d.dueAt, false) : ''}
                  </td>
                  <td className="px-3 py-2 text-xs text-slate-700">{d.policy}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {can(user.role, 'rotations:record') ? (
        <section aria-labelledby="record-rotation" className="mb-8">
          <h2 id="record-rotation" className="mb-2 text-lg font-medium">Record a rotation the scans cannot see</h2>
          <ActionForm action={recordRotationAction} hidden={{}} submitLabel="Record rotation" label="Record a rotation" className="grid gap-3 rounded border border-slate-200 bg-white p-4 md:grid-cols-3">
            <label>
              <span className="block font-medium">Kind</span>
              <select name="kind" className={inputClass}>
                {ROTATION_KINDS.map((k) => (
                  <option key={k} value={k}>{ROTATION_KIND_LABELS[k]}</option>
                ))}
              </select>
            </label>
            <label>
              <span className="block font-medium">What was rotated (never its value)</span>
              <input name="subject" required className={inputClass} placeholder="client certificate billing-api" />
            </label>
            <label>
              <span className="block font-medium">Rotated at (UTC)</span>
              <input name="rotatedAt" type="datetime-local" required className={inputClass} />
            </label>
            <label>
              <span className="block font-medium">Scope</span>
              <select name="scopeType" className={inputClass}>
                <option value="instance">One instance</option>
                <option value="organization">Whole organisation (e.g. a backup key)</option>
              </select>
            </label>
            <label>
              <span className="block font-medium">Instance</span>
              <select name="instanceId" className={inputClass}>
                {instances.map((i) => (
                  <option key={i.id} value={i.id}>{i.name}</option>
                ))}
              </select>
            </label>
            <label>
              <span className="block font-medium">New expiry (certificates)</span>
              <input name="notAfter" type="date" className={inputClass} />
            </label>
            <label className="md:col-span-3">
              <span className="block font-medium">Notes (method, ticket)</span>
              <input name="notes" className={inputClass} />
            </label>
          </ActionForm>
        </section>
      ) : null}

      <section aria-labelledby="timeline">
        <h2 id="timeline" className="mb-2 text-lg font-medium">Timeline per instance</h2>
        {overview.timeline.length === 0 ? (
          <EmptyState title="No rotation yet">Detected rotations appear after a credential changes between two scans.</EmptyState>
        ) : (
          <div className="grid gap-4 md:grid-cols-2">
            {overview.timeline.map((g) => (
              <section key={g.instanceId ?? 'org'} aria-label={`Rotations of ${g.instanceName}`} className="rounded border border-slate-200 bg-white p-3">
                <h3 className="mb-2 font-medium">{g.instanceName}</h3>
                <ol className="space-y-2 border-l-2 border-slate-200 pl-3 text-sm">
                  {g.entries.map((e) => (
                    <li key={e.id} data-testid="rotation-entry">
                      <span className="font-medium">{utc(e.rotatedAt)}</span> — {e.kindLabel} <span className="text-slate-700">{e.subject}</span>{' '}
                      <DueBadge tone="muted">{e.detectedFrom === 'facts' ? 'detected' : `recorded${e.recordedBy ? ` by ${e.recordedBy}` : ''}`}</DueBadge>
                      {e.notAfter ? <span className="block text-xs text-slate-600">valid until {utc(e.notAfter, false)}</span> : null}
                      {e.notes ? <span className="block text-xs text-slate-600">{e.notes}</span> : null}
                    </li>
                  ))}
                </ol>
              </section>
            ))}
          </div>
        )}
      </section>
    </>
  );
}
