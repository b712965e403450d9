import { TICKET_STATUS_LABELS, type TicketStatus } from '@/lib/tickets/ticket-statuses';

const STYLES: Record<TicketStatus, string> = {
  open: 'bg-red-50 text-red-900 border-red-300',
  in_progress: 'bg-sky-50 text-sky-900 border-sky-300',
  closed: 'bg-emerald-50 text-emerald-900 border-emerald-300',
};

export function TicketStatusBadge({ status }: { status: string }) {
  return (
    <span className={`inline-flex items-center rounded border px-2 py-0.5 text-xs font-medium ${STYLES[status as TicketStatus] ?? ''}`} data-testid="ticket-status">
      {TICKET_STATUS_LABELS[status as TicketStatus] ?? status}
    </span>
  );
}
