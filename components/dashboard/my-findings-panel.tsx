// The engineer's queue on their landing page: active findings assigned to them, most urgent first.
import Link from 'next/link';
import { OverdueBadge, SeverityBadge } from '@/components/findings/badges';
import { listFindings } from '@/lib/findings/list-findings';

const SHOWN = 5;

export async function MyFindingsPanel({ organizationId, userId }: { organizationId: string; userId: string }) {
  const rows = await listFindings(organizationId, { assigneeId: userId, state: 'active' });
  const overdue = rows.filter((r) => r.overdue).length;
  return (
    <section className="mb-6 rounded border border-slate-200 bg-white p-4" aria-labelledby="my-findings-heading" data-testid="my-findings">
      <h2 id="my-findings-heading" className="flex items-center gap-2 font-medium">
        My findings <span className="text-sm font-normal text-slate-700">{rows.length} active</span>
        {overdue ? <OverdueBadge count={overdue} /> : null}
      </h2>
      {rows.length === 0 ? (
        <p className="mt-1 text-sm text-slate-700">
          Nothing is assigned to you. Pick up an open finding from the{' '}
          <Link href="/findings" className="text-sky-800 underline">
            findings list
          </Link>
          .
        </p>
      ) : (
        <ul className="mt-2 space-y-1 text-sm">
          {rows.slice(0, SHOWN).map((f) => (
            <li key={f.id} className="flex flex-wrap items-center gap-2">
              <SeverityBadge severity={f.severity} />
              <Link href={`/findings/${f.id}`} className="text-sky-800 underline">
                {f.controlId} {f.title}
              </Link>
              <span className="text-slate-700">
                on {f.instance.name} · due {f.dueAt.toISOString().slice(0, 10)}
              </span>
              {f.overdue ? <OverdueBadge /> : null}
            </li>
          ))}
        </ul>
      )}
      {rows.length > SHOWN ? (
        <Link href="/findings?assigneeId=me" className="mt-2 inline-block text-sm text-sky-800 underline">
          All {rows.length} of my findings
        </Link>
      ) : null}
    </section>
  );
}
