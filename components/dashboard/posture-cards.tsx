// Headline figures of the officer home: overall score, results by status, inventory, findings.
import Link from 'next/link';
import { OverdueBadge, SeverityBadge } from '@/components/findings/badges';
import { STATUS_LABELS } from '@/components/ui/status-badge';
import { SEVERITIES } from '@/lib/controls/types';
import type { OfficerHome } from '@/lib/posture/officer-home';
import { instancesHref, percent, resultsHref } from './links';
import { NumberLink } from './number-link';

function Card({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section className="rounded border border-slate-200 bg-white p-5" aria-labelledby={id}>
      <h2 id={id} className="text-sm font-medium text-slate-700">
        {title}
      </h2>
      {children}
    </section>
  );
}

export function PostureCards({ home }: { home: OfficerHome }) {
  const { totals } = home;
  return (
    <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-4">
      <Card id="score-heading" title="Posture score">
        <p className="mt-2 text-4xl font-semibold" data-testid="posture-score">
          {percent(home.score)}
        </p>
        <p className="mt-1 text-sm text-slate-700">pass ÷ (pass + fail + could not evaluate + not assessable), over every instance&apos;s latest results</p>
      </Card>
      <Card id="results-heading" title="Latest results">
        <dl className="mt-2 grid grid-cols-[1fr_auto] gap-x-4 gap-y-1 text-sm">
          {(['pass', 'fail', 'error', 'not_assessable', 'not_applicable'] as const).map((status) => (
            <div key={status} className="contents">
              <dt>{STATUS_LABELS[status]}</dt>
              <dd className="text-right font-semibold" data-testid={`total-${status}`}>
                <NumberLink value={totals[status]} href={resultsHref({ status })} label={`results: ${STATUS_LABELS[status]}`} />
              </dd>
            </div>
          ))}
        </dl>
      </Card>
      <Card id="inventory-heading" title="Inventory">
        <p className="mt-2 text-4xl font-semibold">
          <Link href={instancesHref({})} className="text-sky-800 underline" aria-label={`${home.inventory.total} instances in the inventory`}>
            {home.inventory.total}
          </Link>
        </p>
        <p className="mt-1 text-sm text-slate-700">
          instances · {home.assessedInstances} with results ·{' '}
          <Link href={instancesHref({ status: 'failing' })} className="text-sky-800 underline">
            failing ones
          </Link>
        </p>
      </Card>
      <Card id="findings-heading" title="Findings">
        <p className="mt-2 flex items-center gap-2 text-4xl font-semibold" data-testid="active-findings">
          <NumberLink value={home.due.activeFindings.count} href="/findings" label="active findings" />
          {home.due.overdueFindings.count ? <OverdueBadge count={home.due.overdueFindings.count} /> : null}
        </p>
        <p className="mt-1 text-sm text-slate-700">active · by severity:</p>
        <div className="mt-1 flex flex-wrap gap-2 text-sm">
          {SEVERITIES.map((s) => (
            <span key={s} className="flex items-center gap-1">
              <SeverityBadge severity={s} /> {home.due.activeFindings.bySeverity[s] ?? 0}
            </span>
          ))}
        </div>
        <dl className="mt-2 grid grid-cols-[1fr_auto] gap-x-4 gap-y-1 text-sm">
          <dt>Overdue findings</dt>
          <dd className="text-right font-semibold" data-testid="overdue-findings">
            <NumberLink value={home.due.overdueFindings.count} href="/findings?overdue=yes" label="overdue findings" />
          </dd>
          <dt>Overdue tickets</dt>
          <dd className="text-right font-semibold">
            <NumberLink value={home.due.overdueTickets.count} href="/tickets" label="overdue tickets" />
          </dd>
        </dl>
      </Card>
    </div>
  );
}
