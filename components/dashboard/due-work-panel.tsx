// Late and coming-due work: overdue findings and tickets, restore drills and credential rotations.
import Link from 'next/link';
import { DUE_SOON_DAYS, type DueWork } from '@/lib/posture/due-work';

const day = (iso: string) => iso.slice(0, 10);

export function DueWorkPanel({ due }: { due: DueWork }) {
  const { overdueFindings, overdueTickets, drills, rotations } = due;
  return (
    <section className="rounded border border-slate-200 bg-white p-4" aria-labelledby="due-heading">
      <h2 id="due-heading" className="font-medium">
        Overdue and due soon
      </h2>
      <div className="mt-3 grid gap-4 text-sm md:grid-cols-2">
        <div>
          <h3 className="font-medium">
            Overdue findings: {overdueFindings.count}
          </h3>
          {overdueFindings.examples.length ? (
            <ul className="mt-1 space-y-1">
              {overdueFindings.examples.map((f) => (
                <li key={f.id}>
                  <Link href={`/findings/${f.id}`} className="text-sky-800 underline">
                    {f.controlId} on {f.instanceName}
                  </Link>{' '}
                  <span className="text-slate-700">({f.severity}, due {day(f.dueAt)})</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-1 text-slate-700">None: every active finding is within its remediation SLA.</p>
          )}
          {overdueFindings.count > overdueFindings.examples.length ? (
            <Link href="/findings?overdue=yes" className="mt-1 inline-block text-sky-800 underline">
              All {overdueFindings.count} overdue findings
            </Link>
          ) : null}
        </div>
        <div>
          <h3 className="font-medium">Overdue tickets: {overdueTickets.count}</h3>
          {overdueTickets.examples.length ? (
            <ul className="mt-1 space-y-1">
              {overdueTickets.examples.map((t) => (
                <li key={t.id}>
                  <Link href={`/tickets/${t.id}`} className="text-sky-800 underline">
                    {t.title}
                  </Link>{' '}
                  <span className="text-slate-700">(due {day(t.dueAt)})</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-1 text-slate-700">None.</p>
          )}
        </div>
        <div>
          <h3 className="font-medium">
            <Link href="/drills" className="text-sky-800 underline">
              Restore drills
            </Link>{' '}
            (RED-PRC-001)
          </h3>
          <p className="mt-1" data-testid="drills-due">
            {drills.late} of {drills.activeInstances} instances have no passing drill in the last {drills.maxAgeDays} days; {drills.dueSoon} more fall due within {DUE_SOON_DAYS} days.
          </p>
          {drills.late > 0 ? (
            <Link href="/results?control=RED-PRC-001&status=fail" className="mt-1 inline-block text-sky-800 underline">
              Instances failing the drill control
            </Link>
          ) : null}
        </div>
        <div>
          <h3 className="font-medium">
            <Link href="/rotations" className="text-sky-800 underline">
              Credential rotations
            </Link>{' '}
            (RED-ROT)
          </h3>
          <p className="mt-1" data-testid="rotations-due">
            {rotations.late} past their maximum age or expired; {rotations.dueSoon} due within {DUE_SOON_DAYS} days (certificates: within the expiry warning).
          </p>
          {rotations.examples.length ? (
            <ul className="mt-1 space-y-1">
              {rotations.examples.map((r) => (
                <li key={`${r.instanceId}|${r.kind}|${r.subject}`}>
                  <Link href={`/instances/${r.instanceId}`} className="text-sky-800 underline">
                    {r.instanceName}
                  </Link>{' '}
                  <span className="text-slate-700">
                    {r.kind.replace(/_/g, ' ')} ({r.subject}), due {day(r.dueAt)}
                  </span>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      </div>
    </section>
  );
}
