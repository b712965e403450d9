// Cells of a finding row, shared by the paged findings list and the instance page's findings panel.
import Link from 'next/link';
import type { FindingRow } from '@/lib/findings/list-findings';
import { day, FindingStateBadge, OverdueBadge } from './badges';

export function ControlCell({ finding }: { finding: FindingRow }) {
  return (
    <Link href={`/findings/${finding.id}`} className="text-sky-800 underline">
      <span className="font-mono text-xs">{finding.controlId}</span> {finding.title}
    </Link>
  );
}

export function StateCell({ finding }: { finding: FindingRow }) {
  return (
    <>
      <FindingStateBadge state={finding.state} />
      {finding.exceptionUntil ? <span className="ml-1 text-xs text-violet-900">exception until {day(finding.exceptionUntil)}</span> : null}
    </>
  );
}

export function DueCell({ finding }: { finding: FindingRow }) {
  return (
    <span className="whitespace-nowrap">
      {day(finding.dueAt)} {finding.overdue ? <OverdueBadge /> : null}
    </span>
  );
}

export function LatestResultCell({ finding }: { finding: FindingRow }) {
  return finding.notVerifiedSince ? <span className="text-amber-900">not verified since {day(finding.notVerifiedSince)}</span> : <>{finding.lastStatus ?? '—'}</>;
}

export function TicketCell({ finding }: { finding: FindingRow }) {
  return finding.ticket ? (
    <Link href={`/tickets/${finding.ticket.id}`} className="text-sky-800 underline">
      {finding.ticket.title}
    </Link>
  ) : (
    <>—</>
  );
}
