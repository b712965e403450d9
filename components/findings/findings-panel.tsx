// The instance page's findings panel: active findings of one instance with their overdue state.
import Link from 'next/link';
import { findingsOverview } from '@/lib/findings/findings-overview';
import { listFindings } from '@/lib/findings/list-findings';
import { OverdueBadge } from './badges';
import { FindingsTable } from './findings-table';

export async function InstanceFindingsPanel({ organizationId, instanceId }: { organizationId: string; instanceId: string }) {
  const [overview, rows] = await Promise.all([findingsOverview(organizationId, { instanceId }), listFindings(organizationId, { instanceId, state: 'active' })]);
  return (
    <section aria-labelledby="instance-findings" className="mb-6">
      <h2 id="instance-findings" className="mb-2 flex items-center gap-2 text-lg font-medium">
        Findings <span className="text-sm font-normal text-slate-700">{overview.active} active{overview.riskAccepted ? `, ${overview.riskAccepted} risk accepted` : ''}</span>
        {overview.overdue ? <OverdueBadge count={overview.overdue} /> : null}
      </h2>
      {rows.length ? <FindingsTable rows={rows} caption="Active findings of this instance" /> : <p className="text-sm text-slate-700">No active findings.</p>}
      <p className="mt-1 text-sm">
        <Link href={`/findings?state=all&instanceId=${instanceId}`} className="text-sky-800 underline">
          All findings of this instance, resolved ones included
        </Link>
      </p>
    </section>
  );
}
