import Link from 'next/link';
import { FindingsSummary } from '@/components/findings/findings-summary';
import { EmptyState } from '@/components/ui/empty-state';
import { PageTitle } from '@/components/ui/page-title';
import { StatusBadge } from '@/components/ui/status-badge';
import { requirePage } from '@/lib/auth/guard';
import { CONTROL_STATUSES } from '@/lib/controls/types';
import { postureSummary } from '@/lib/posture/posture-summary';

export const dynamic = 'force-dynamic';

export default async function DashboardPage() {
  const user = await requirePage('dashboard:view');
  const summary = await postureSummary(user.organizationId);
  return (
    <>
      <PageTitle title="Compliance posture">Latest assessment of every instance against HIPAA 164.312 and HITRUST CSF controls.</PageTitle>
      {summary.instances === 0 ? (
        <EmptyState title="No instances in the inventory yet">
          Add a self-hosted Redis or a cloud account on the <Link href="/instances" className="text-sky-800 underline">Instances</Link> page.
        </EmptyState>
      ) : (
        <div className="grid gap-4 md:grid-cols-3">
          <section className="rounded border border-slate-200 bg-white p-5" aria-labelledby="score-heading">
            <h2 id="score-heading" className="text-sm font-medium text-slate-700">Posture score</h2>
            <p className="mt-2 text-4xl font-semibold" data-testid="posture-score">
              {summary.score === null ? '—' : `${Math.round(summary.score * 100)}%`}
            </p>
            <p className="mt-1 text-sm text-slate-700">pass ÷ (pass + fail + could not evaluate + not assessable)</p>
          </section>
          <section className="rounded border border-slate-200 bg-white p-5" aria-labelledby="inventory-heading">
            <h2 id="inventory-heading" className="text-sm font-medium text-slate-700">Inventory</h2>
            <p className="mt-2 text-4xl font-semibold">{summary.instances}</p>
            <p className="mt-1 text-sm text-slate-700">
              {summary.assessed} assessed · {Object.entries(summary.byPlatform).map(([p, n]) => `${n} ${p}`).join(', ')}
            </p>
          </section>
          <section className="rounded border border-slate-200 bg-white p-5" aria-labelledby="results-heading">
            <h2 id="results-heading" className="text-sm font-medium text-slate-700">Latest control results</h2>
            <div className="mt-3 flex flex-wrap gap-2">
              {CONTROL_STATUSES.map((s) => (
                <StatusBadge key={s} status={s} count={summary.counts[s]} />
              ))}
            </div>
            {summary.assessed === 0 ? <p className="mt-3 text-sm text-slate-700">No scan has completed yet.</p> : null}
          </section>
          <FindingsSummary organizationId={user.organizationId} />
        </div>
      )}
    </>
  );
}
