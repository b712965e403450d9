// The active findings of one instance (its page's findings panel: a short list, not paged).
import type { FindingRow } from '@/lib/findings/list-findings';
import { SeverityBadge } from './badges';
import { ControlCell, DueCell, LatestResultCell, StateCell, TicketCell } from './finding-cells';

export function FindingsTable({ rows, caption }: { rows: FindingRow[]; caption: string }) {
  return (
    <div className="overflow-x-auto rounded border border-slate-200 bg-white">
      <table className="min-w-full text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-100 text-left">
          <tr>
            {['Control', 'Severity', 'State', 'Due', 'Latest result', 'Assignee', 'Ticket'].map((h) => (
              <th key={h} scope="col" className="px-3 py-2">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((f) => (
            <tr key={f.id} className="border-t border-slate-200" data-testid="finding-row">
              <td className="px-3 py-2">
                <ControlCell finding={f} />
              </td>
              <td className="px-3 py-2">
                <SeverityBadge severity={f.severity} />
              </td>
              <td className="px-3 py-2">
                <StateCell finding={f} />
              </td>
              <td className="px-3 py-2">
                <DueCell finding={f} />
              </td>
              <td className="px-3 py-2">
                <LatestResultCell finding={f} />
              </td>
              <td className="px-3 py-2">{f.assignee?.name ?? '—'}</td>
              <td className="px-3 py-2">
                <TicketCell finding={f} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
