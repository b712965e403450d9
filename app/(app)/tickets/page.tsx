import Link from 'next/link';
import { day, OverdueBadge } from '@/components/findings/badges';
import { TicketStatusBadge } from '@/components/tickets/ticket-status-badge';
import { EmptyState } from '@/components/ui/empty-state';
import { PageTitle } from '@/components/ui/page-title';
import { requirePage } from '@/lib/auth/guard';
import { listTickets } from '@/lib/tickets/list-tickets';

export const dynamic = 'force-dynamic';

const FILTERS = ['active', 'open', 'in_progress', 'closed'] as const;

export default async function TicketsPage({ searchParams }: { searchParams: Promise<{ status?: string }> }) {
  const user = await requirePage('tickets:view');
  const requested = (await searchParams).status;
  const status = FILTERS.find((f) => f === requested) ?? 'active';
  const tickets = await listTickets(user.organizationId, { status });
  return (
    <>
      <PageTitle title="Remediation tickets">A ticket groups findings; it closes only when a later scan has resolved every one of them.</PageTitle>
      <nav aria-label="Ticket status" className="mb-4 flex gap-3 text-sm">
        {FILTERS.map((f) => (
          <Link key={f} href={`/tickets?status=${f}`} aria-current={f === status ? 'page' : undefined} className={f === status ? 'font-semibold text-slate-900' : 'text-sky-800 underline'}>
            {f.replace('_', ' ')}
          </Link>
        ))}
      </nav>
      {tickets.length === 0 ? (
        <EmptyState title="No tickets">Open a ticket from a finding&apos;s page.</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded border border-slate-200 bg-white">
          <table className="min-w-full text-sm">
            <caption className="sr-only">Tickets</caption>
            <thead className="bg-slate-100 text-left">
              <tr>
                <th scope="col" className="px-3 py-2">Title</th>
                <th scope="col" className="px-3 py-2">Status</th>
                <th scope="col" className="px-3 py-2">Findings</th>
                <th scope="col" className="px-3 py-2">Assignee</th>
                <th scope="col" className="px-3 py-2">Due</th>
              </tr>
            </thead>
            <tbody>
              {tickets.map((t) => (
                <tr key={t.id} className="border-t border-slate-200" data-testid="ticket-row">
                  <td className="px-3 py-2">
                    <Link href={`/tickets/${t.id}`} className="text-sky-800 underline">
                      {t.title}
                    </Link>
                  </td>
                  <td className="px-3 py-2">
                    <TicketStatusBadge status={t.status} />
                  </td>
                  <td className="px-3 py-2">
                    {t.findings.length} ({t.failingFindings} not resolved)
                  </td>
                  <td className="px-3 py-2">{t.assignee?.name ?? '—'}</td>
                  <td className="px-3 py-2">
                    {day(t.dueAt)} {t.overdue ? <OverdueBadge /> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
