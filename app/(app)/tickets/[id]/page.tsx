import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ActionForm, inputClass } from '@/components/findings/action-form';
import { HistoryPanel } from '@/components/findings/history-panel';
import { day, FindingStateBadge, OverdueBadge, SeverityBadge } from '@/components/findings/badges';
import { TicketStatusBadge } from '@/components/tickets/ticket-status-badge';
import { PageTitle } from '@/components/ui/page-title';
import { requirePage } from '@/lib/auth/guard';
import { can } from '@/lib/auth/roles';
import { assignableUsers } from '@/lib/findings/find-finding';
import { findingsWithoutOpenTicket, findTicket, type TicketDetail } from '@/lib/tickets/list-tickets';
import { TICKET_STATUS_LABELS, TICKET_STATUSES } from '@/lib/tickets/ticket-statuses';
import { ticketAssignAction, ticketCommentAction, ticketFindingAction, ticketStatusAction } from '../actions';

export const dynamic = 'force-dynamic';

function describe(e: TicketDetail['events'][number]): string {
  const detail = (e.detail ?? {}) as Record<string, string | null>;
  switch (e.kind) {
    case 'created':
      return 'Opened the ticket';
    case 'status_change':
      return `${e.fromStatus?.replace('_', ' ')} → ${e.toStatus?.replace('_', ' ')}`;
    case 'close_refused':
      return 'Tried to close — refused';
    case 'assign':
      return detail.assigneeId ? 'Changed the assignee' : 'Unassigned';
    case 'finding_added':
      return `Added ${detail.controlId}`;
    case 'finding_removed':
      return `Removed ${detail.controlId}`;
    default:
      return 'Comment';
  }
}

export default async function TicketPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePage('tickets:view');
  const { id } = await params;
  const ticket = await findTicket(user.organizationId, id);
  if (!ticket) notFound();
  const manage = can(user.role, 'tickets:manage');
  const [users, candidates] = manage ? await Promise.all([assignableUsers(user.organizationId), findingsWithoutOpenTicket(user.organizationId)]) : [[], []];
  const hidden = { ticketId: ticket.id };
  return (
    <>
      <PageTitle title={ticket.title}>
        <TicketStatusBadge status={ticket.status} /> · due {day(ticket.dueAt)} {ticket.overdue ? <OverdueBadge /> : null} · assignee {ticket.assignee?.name ?? 'nobody'} · opened by {ticket.createdBy.name}
      </PageTitle>
      {ticket.description ? <p className="mb-4 whitespace-pre-wrap text-sm">{ticket.description}</p> : null}

      <section aria-labelledby="ticket-findings" className="mb-6">
        <h2 id="ticket-findings" className="mb-2 font-medium">
          Findings
        </h2>
        <ul className="divide-y divide-slate-200 rounded border border-slate-200 bg-white text-sm">
          {ticket.findings.map((f) => (
            <li key={f.id} className="flex flex-wrap items-center gap-3 px-4 py-2">
              <Link href={`/findings/${f.id}`} className="text-sky-800 underline">
                <span className="font-mono text-xs">{f.controlId}</span> {f.title}
              </Link>
              <span>on {f.instance.name}</span>
              <SeverityBadge severity={f.severity} />
              <FindingStateBadge state={f.state} />
              {f.overdue ? <OverdueBadge /> : null}
              {manage && ticket.status !== 'closed' && ticket.findings.length > 1 ? (
                <ActionForm action={ticketFindingAction} hidden={{ ...hidden, findingId: f.id, action: 'remove' }} submitLabel="Remove" label={`Remove ${f.controlId}`} tone="secondary" className="ml-auto" />
              ) : null}
            </li>
          ))}
        </ul>
      </section>

      <div className="grid gap-6 lg:grid-cols-2">
        <HistoryPanel
          headingId="ticket-history"
          entries={ticket.events.map((e) => ({ ...e, text: describe(e) }))}
          comment={manage ? { action: ticketCommentAction, hidden, label: 'Comment on the ticket' } : null}
        />

        {manage ? (
          <div className="space-y-6">
            <section aria-labelledby="ticket-status" className="rounded border border-slate-200 bg-white p-5">
              <h2 id="ticket-status" className="mb-3 font-medium">
                Status
              </h2>
              <div className="flex flex-wrap gap-3">
                {TICKET_STATUSES.filter((s) => s !== ticket.status).map((s) => (
                  <ActionForm key={s} action={ticketStatusAction} hidden={{ ...hidden, status: s }} submitLabel={s === 'closed' ? 'Close ticket' : `Mark ${TICKET_STATUS_LABELS[s].toLowerCase()}`} label={`Set status ${s}`} />
                ))}
              </div>
            </section>
            <section aria-labelledby="ticket-assign" className="rounded border border-slate-200 bg-white p-5">
              <h2 id="ticket-assign" className="mb-3 font-medium">
                Assignee
              </h2>
              <ActionForm action={ticketAssignAction} hidden={hidden} submitLabel="Assign" label="Assign the ticket">
                <select name="assigneeId" aria-label="Assign to" defaultValue={ticket.assigneeId ?? ''} className={inputClass}>
                  <option value="">Nobody</option>
                  {users.map((u) => (
                    <option key={u.id} value={u.id}>
                      {u.name} ({u.role})
                    </option>
                  ))}
                </select>
              </ActionForm>
            </section>
            {ticket.status !== 'closed' && candidates.length ? (
              <section aria-labelledby="ticket-add" className="rounded border border-slate-200 bg-white p-5">
                <h2 id="ticket-add" className="mb-3 font-medium">
                  Add a finding
                </h2>
                <ActionForm action={ticketFindingAction} hidden={{ ...hidden, action: 'add' }} submitLabel="Add" label="Add a finding">
                  <select name="findingId" aria-label="Finding" className={inputClass}>
                    {candidates.map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.label}
                      </option>
                    ))}
                  </select>
                </ActionForm>
              </section>
            ) : null}
          </div>
        ) : null}
      </div>
    </>
  );
}
