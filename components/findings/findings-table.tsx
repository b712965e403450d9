import Link from 'next/link';
import type { FindingRow } from '@/lib/findings/list-findings';
import { day, FindingStateBadge, OverdueBadge, SeverityBadge } from './badges';

export function FindingsTable({ rows, caption, showInstance = true }: { rows: FindingRow[]; caption: string; showInstance?: boolean }) {
  return (
    <div className="overflow-x-auto rounded border border-slate-200 bg-white">
      <table className="min-w-full text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-100 text-left">
          <tr>
            <th scope="col" className="px-3 py-2">Control</th>
            {showInstance ? <th scope="col" className="px-3 py-2">Instance</th> : null}
            <th scope="col" className="px-3 py-2">Severity</th>
            <th scope="col" className="px-3 py-2">State</th>
            <th scope="col" className="px-3 py-2">Due</th>
            <th scope="col" className="px-3 py-2">Latest result</th>
            <th scope="col" className="px-3 py-2">Assignee</th>
            <th scope="col" className="px-3 py-2">Ticket</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((f) => (
            <tr key={f.id} className="border-t border-slate-200" data-testid="finding-row">
              <td className="px-3 py-2">
                <Link href={`/findings/${f.id}`} className="text-sky-800 underline">
                  <span className="font-mono text-xs">{f.controlId}</span> {f.title}
                </Link>
              </td>
              {showInstance ? (
                <td className="px-3 py-2">
                  <Link href={`/instances/${f.instance.id}`} className="text-sky-800 underline">
                    {f.instance.name}
                  </Link>
                </td>
              ) : null}
              <td className="px-3 py-2">
                <SeverityBadge severity={f.severity} />
              </td>
              <td className="px-3 py-2">
                <FindingStateBadge state={f.state} />
                {f.exceptionUntil ? <span className="ml-1 text-xs text-violet-900">exception until {day(f.exceptionUntil)}</span> : null}
              </td>
              <td className="px-3 py-2 whitespace-nowrap">
                {day(f.dueAt)} {f.overdue ? <OverdueBadge /> : null}
              </td>
              <td className="px-3 py-2">{f.notVerifiedSince ? <span className="text-amber-900">not verified since {day(f.notVerifiedSince)}</span> : (f.lastStatus ?? '—')}</td>
              <td className="px-3 py-2">{f.assignee?.name ?? '—'}</td>
              <td className="px-3 py-2">
                {f.ticket ? (
                  <Link href={`/tickets/${f.ticket.id}`} className="text-sky-800 underline">
                    {f.ticket.title}
                  </Link>
                ) : (
                  '—'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
