import { DueBadge, type Tone } from '@/components/records/due-badge';
import { bytes, utc } from '@/components/records/format';
import { RecordForm } from '@/components/records/record-form';
import { EmptyState } from '@/components/ui/empty-state';
import { PageTitle } from '@/components/ui/page-title';
import { requirePage } from '@/lib/auth/guard';
import { can } from '@/lib/auth/roles';
import { listConnectionNames, listInstanceNames, listReviewers } from '@/lib/records/list-instance-names';
import { listProcessRecords } from '@/lib/records/list-process-records';
import { RECORD_KINDS } from '@/lib/records/record-kinds';
import type { RecordStatus } from '@/lib/records/record-status';
import { createRecordAction } from './actions';

export const dynamic = 'force-dynamic';

const STATUS: Record<RecordStatus, { tone: Tone; label: string }> = {
  current: { tone: 'good', label: 'current' },
  expiring: { tone: 'soon', label: 'expiring' },
  expired: { tone: 'bad', label: 'expired' },
  stale: { tone: 'bad', label: 'review overdue' },
  superseded: { tone: 'muted', label: 'superseded' },
  unapproved: { tone: 'unknown', label: 'not approved' },
};

function detailText(value: unknown): string {
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'object' && v ? Object.values(v).join(': ') : String(v))).join(', ') || '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (value === null || value === undefined || value === '') return '—';
  return String(value);
}

export default async function RecordsPage() {
  const user = await requirePage('records:view');
  const records = await listProcessRecords(user.organizationId);
  const mayManage = can(user.role, 'records:manage');
  const [instances, connections, reviewers] = mayManage
    ? await Promise.all([listInstanceNames(user.organizationId), listConnectionNames(user.organizationId), listReviewers(user.organizationId)])
    : [[], [], []];
  const attention = records.filter((r) => r.status === 'expired' || r.status === 'stale' || r.status === 'expiring');
  return (
    <>
      <PageTitle title="Process records">
        BAAs, DR plans, access reviews, change approvals and attestations the process controls read (catalog §4). A record missing, expired or older than its
        control allows makes that control fail. Approved records are never edited: a correction is a new version.
      </PageTitle>

      {mayManage ? (
        <section aria-labelledby="new-record" className="mb-8">
          <h2 id="new-record" className="mb-2 text-lg font-medium">Record</h2>
          <RecordForm
            action={createRecordAction}
            kinds={RECORD_KINDS}
            instances={instances}
            connections={connections}
            reviewers={reviewers}
            current={records.filter((r) => r.status !== 'superseded').map((r) => ({ id: r.id, kind: r.kind, title: r.title }))}
          />
        </section>
      ) : null}

      <section aria-labelledby="record-list">
        <h2 id="record-list" className="mb-2 text-lg font-medium">
          On file {attention.length ? <DueBadge tone="soon">{attention.length} need attention</DueBadge> : null}
        </h2>
        {records.length === 0 ? (
          <EmptyState title="No records yet">{mayManage ? 'Record the BAA, the DR plan and the attestations above.' : 'Officers record them.'}</EmptyState>
        ) : (
          <table className="min-w-full rounded border border-slate-200 bg-white text-sm">
            <caption className="sr-only">Process records, newest first</caption>
            <thead className="bg-slate-100 text-left">
              <tr>
                <th scope="col" className="px-3 py-2">Record</th>
                <th scope="col" className="px-3 py-2">Applies to</th>
                <th scope="col" className="px-3 py-2">Approved</th>
                <th scope="col" className="px-3 py-2">Counts until</th>
                <th scope="col" className="px-3 py-2">Documents</th>
              </tr>
            </thead>
            <tbody>
              {records.map((r) => (
                <tr key={r.id} className="border-t border-slate-200 align-top" data-testid="record-row">
                  <th scope="row" className="px-3 py-2 text-left font-normal">
                    <span className="font-medium">{r.title}</span>
                    <span className="block text-xs text-slate-600">
                      {r.kindLabel} · {r.controls.join(', ')}
                      {r.supersedesId ? ' · new version' : ''}
                    </span>
                    <details className="mt-1 text-xs">
                      <summary className="cursor-pointer text-sky-800 underline">Details</summary>
                      <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5">
                        {RECORD_KINDS[r.kind].fields.map((f) => (
                          <div key={f.name} className="contents">
                            <dt className="text-slate-600">{f.label}</dt>
                            <dd>{detailText(r.details[f.name])}</dd>
                          </div>
                        ))}
                        {r.notes ? (
                          <div className="contents">
                            <dt className="text-slate-600">Notes</dt>
                            <dd>{r.notes}</dd>
                          </div>
                        ) : null}
                        <div className="contents">
                          <dt className="text-slate-600">Recorded by</dt>
                          <dd>{r.author ?? '—'}</dd>
                        </div>
                      </dl>
                    </details>
                  </th>
                  <td className="px-3 py-2">{r.scopeLabel}</td>
                  <td className="px-3 py-2">
                    {utc(r.approvedAt, false)}
                    <span className="block text-xs text-slate-600">{r.reviewer ?? 'no reviewer recorded'}</span>
                  </td>
                  <td className="px-3 py-2">
                    <DueBadge tone={STATUS[r.status].tone}>{STATUS[r.status].label}</DueBadge> {r.validUntil ? utc(r.validUntil, false) : 'no limit'}
                  </td>
                  <td className="px-3 py-2 text-xs">
                    {r.attachments.length === 0
                      ? '—'
                      : r.attachments.map((a) => (
                          <span key={a.id} className="block">
                            <a href={`/api/attachments/${a.id}`} className="text-sky-800 underline">{a.filename}</a> ({bytes(a.size)})
                            <span className="block font-mono text-slate-600" title={a.sha256}>sha256 {a.sha256.slice(0, 16)}…</span>
                          </span>
                        ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
