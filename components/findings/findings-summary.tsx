// The dashboard's findings card: active findings by severity and how many are overdue.
import Link from 'next/link';
import { SEVERITIES } from '@/lib/controls/types';
import { findingsOverview } from '@/lib/findings/findings-overview';
import { OverdueBadge, SeverityBadge } from './badges';

export async function FindingsSummary({ organizationId }: { organizationId: string }) {
  const overview = await findingsOverview(organizationId);
  return (
    <section className="rounded border border-slate-200 bg-white p-5" aria-labelledby="findings-heading">
      <h2 id="findings-heading" className="flex items-center gap-2 text-sm font-medium text-slate-700">
        Findings {overview.overdue ? <OverdueBadge count={overview.overdue} /> : null}
      </h2>
      <p className="mt-2 text-4xl font-semibold" data-testid="active-findings">
        {overview.active}
      </p>
      <p className="mt-1 text-sm text-slate-700">active{overview.riskAccepted ? ` · ${overview.riskAccepted} risk accepted` : ''}</p>
      <div className="mt-3 flex flex-wrap gap-2 text-sm">
        {SEVERITIES.map((s) => (
          <span key={s} className="flex items-center gap-1">
            <SeverityBadge severity={s} /> {overview.bySeverity[s]}
          </span>
        ))}
      </div>
      <p className="mt-3 text-sm">
        <Link href={overview.overdue ? '/findings?overdue=yes' : '/findings'} className="text-sky-800 underline">
          {overview.overdue ? 'See overdue findings' : 'See findings'}
        </Link>
      </p>
    </section>
  );
}
