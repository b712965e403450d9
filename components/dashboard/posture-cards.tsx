// Headline figures of the officer home: overall score, results by status, inventory, late work.
import Link from 'next/link';
import { STATUS_LABELS } from '@/components/ui/status-badge';
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
      <Card id="late-heading" title="Late">
        <dl className="mt-2 grid grid-cols-[1fr_auto] gap-x-4 gap-y-1 text-sm">
          <dt>Overdue findings</dt>
          <dd className="text-right font-semibold" data-testid="overdue-findings">
            <NumberLink value={home.due.overdueFindings.count} href="/findings?overdue=yes" label="overdue findings" />
          </dd>
          <dt>Overdue tickets</dt>
          <dd className="text-right font-semibold">
            <NumberLink value={home.due.overdueTickets.count} href="/tickets" label="overdue tickets" />
          </dd>
          <dt>Restore drills late</dt>
          <dd className="text-right font-semibold">{home.due.drills.late}</dd>
          <dt>Rotations late</dt>
          <dd className="text-right font-semibold">{home.due.rotations.late}</dd>
        </dl>
      </Card>
    </div>
  );
}
