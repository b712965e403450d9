import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ActionForm, inputClass } from '@/components/findings/action-form';
import { HistoryPanel } from '@/components/findings/history-panel';
import { day, FindingStateBadge, minute, OverdueBadge, SeverityBadge } from '@/components/findings/badges';
import { PageTitle } from '@/components/ui/page-title';
import { requirePage } from '@/lib/auth/guard';
import { can } from '@/lib/auth/roles';
import { assignableUsers, findFinding, type FindingDetail } from '@/lib/findings/find-finding';
import { FINDING_STATE_LABELS, isActive, personEventsFrom, TRANSITIONS, type FindingState } from '@/lib/findings/lifecycle';
import { assignFindingAction, commentFindingAction, createTicketAction, decideExceptionAction, requestExceptionAction, transitionFindingAction } from '../actions';

export const dynamic = 'force-dynamic';

function describeEvent(e: FindingDetail['events'][number]): string {
  const detail = (e.detail ?? {}) as Record<string, string | null>;
  const state = (s: string | null) => (s ? FINDING_STATE_LABELS[s as FindingState]?.toLowerCase() ?? s : '');
  switch (e.kind) {
    case 'detected':
      return `Detected by a scan (${detail.status}, severity ${detail.severity})`;
    case 'state_change':
      return `${state(e.fromState)} → ${state(e.toState)}${detail.status ? ` (scan: ${detail.status})` : ''}${detail.action ? ` (exception ${detail.action})` : ''}`;
    case 'not_verified':
      return `Not verified: the scan returned ${detail.status}`;
    case 'assign':
      return detail.assigneeName ? `Assigned to ${detail.assigneeName}` : 'Unassigned';
    case 'exception':
      return `Exception ${detail.action}${detail.expiresAt ? ` (until ${String(detail.expiresAt).slice(0, 10)})` : ''}`;
    case 'ticket':
      return `${detail.action === 'added' ? 'Added to' : 'Removed from'} a ticket`;
    case 'severity_change':
      return 'Severity changed';
    default:
      return 'Comment';
  }
}

export default async function FindingPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePage('findings:view');
  const { id } = await params;
  const finding = await findFinding(user.organizationId, id);
  if (!finding) notFound();
  const canUpdate = can(user.role, 'findings:update');
  const canApprove = can(user.role, 'exceptions:approve');
  const canTicket = can(user.role, 'tickets:manage');
  const users = canUpdate || canTicket ? await assignableUsers(user.organizationId) : [];
  const moves = personEventsFrom(finding.state as FindingState);
  const pendingException = finding.exceptions.find((x) => x.status === 'requested');
  const hasLiveException = finding.exceptions.some((x) => x.status === 'requested' || x.status === 'approved');
  const hidden = { findingId: finding.id };

  return (
    <>
      <PageTitle title={`${finding.controlId} · ${finding.title}`}>
        on{' '}
        <Link href={`/instances/${finding.instance.id}`} className="text-sky-800 underline">
          {finding.instance.name}
        </Link>
      </PageTitle>
      <dl className="mb-6 grid gap-x-6 gap-y-2 rounded border border-slate-200 bg-white p-5 text-sm md:grid-cols-4">
        <div>
          <dt className="font-medium text-slate-700">State</dt>
          <dd data-testid="finding-state">
            <FindingStateBadge state={finding.state} />
          </dd>
        </div>
        <div>
          <dt className="font-medium text-slate-700">Severity</dt>
          <dd>
            <SeverityBadge severity={finding.severity} />
          </dd>
        </div>
        <div>
          <dt className="font-medium text-slate-700">Due (fixed at first detection)</dt>
          <dd>
            {day(finding.dueAt)} {finding.overdue ? <OverdueBadge /> : null}
          </dd>
        </div>
        <div>
          <dt className="font-medium text-slate-700">First detected</dt>
          <dd>{minute(finding.firstDetectedAt)}</dd>
        </div>
        <div>
          <dt className="font-medium text-slate-700">Latest result</dt>
          <dd>
            {finding.notVerifiedSince ? <span className="text-amber-900">{finding.lastStatus} — not verified since {minute(finding.notVerifiedSince)}</span> : (finding.lastStatus ?? '—')}
          </dd>
        </div>
        <div>
          <dt className="font-medium text-slate-700">Resolved</dt>
          <dd>{minute(finding.resolvedAt)}</dd>
        </div>
        <div>
          <dt className="font-medium text-slate-700">Assignee</dt>
          <dd>{finding.assignee?.name ?? '—'}</dd>
        </div>
        <div>
          <dt className="font-medium text-slate-700">Ticket</dt>
          <dd>
            {finding.ticket ? (
              <Link href={`/tickets/${finding.ticket.id}`} className="text-sky-800 underline">
                {finding.ticket.title} ({finding.ticket.status.replace('_', ' ')})
              </Link>
            ) : (
              '—'
            )}
          </dd>
        </div>
      </dl>

      <div className="grid gap-6 lg:grid-cols-2">
        <HistoryPanel
          headingId="history"
          testId="finding-history"
          entries={finding.events.map((e) => ({ ...e, text: describeEvent(e) }))}
          comment={canUpdate ? { action: commentFindingAction, hidden, label: 'Comment' } : null}
        />

        <div className="space-y-6">
          {canUpdate && moves.length ? (
            <section aria-labelledby="move" className="rounded border border-slate-200 bg-white p-5">
              <h2 id="move" className="mb-3 font-medium">
                Move
              </h2>
              <div className="flex flex-wrap gap-3">
                {moves.map((event) => (
                  <ActionForm key={event} action={transitionFindingAction} hidden={{ ...hidden, event }} submitLabel={TRANSITIONS[event].label} label={TRANSITIONS[event].label} tone={event === 'mark_false_positive' ? 'secondary' : 'primary'} />
                ))}
              </div>
              <p className="mt-2 text-xs text-slate-700">Resolved and reopened are set only by scans; risk accepted only by an approved exception.</p>
            </section>
          ) : null}

          {canUpdate ? (
            <section aria-labelledby="assign" className="rounded border border-slate-200 bg-white p-5">
              <h2 id="assign" className="mb-3 font-medium">
                Assignee
              </h2>
              <ActionForm action={assignFindingAction} hidden={hidden} submitLabel="Assign" label="Assign">
                <label>
                  <span className="font-medium">Assign to</span>
                  <select name="assigneeId" defaultValue={finding.assigneeId ?? ''} className={inputClass}>
                    <option value="">Nobody</option>
                    {users.map((u) => (
                      <option key={u.id} value={u.id}>
                        {u.name} ({u.role})
                      </option>
                    ))}
                  </select>
                </label>
              </ActionForm>
            </section>
          ) : null}

          {canTicket && !finding.ticket && finding.state !== 'resolved' ? (
            <section aria-labelledby="ticket" className="rounded border border-slate-200 bg-white p-5">
              <h2 id="ticket" className="mb-3 font-medium">
                Remediation ticket
              </h2>
              <ActionForm action={createTicketAction} hidden={{ findingIds: finding.id }} submitLabel="Open ticket" label="Open a ticket">
                <label>
                  <span className="font-medium">Title</span>
                  <input name="title" defaultValue={`Fix ${finding.controlId} on ${finding.instance.name}`} className={inputClass} />
                </label>
                <label>
                  <span className="font-medium">Description</span>
                  <textarea name="description" rows={2} className={inputClass} />
                </label>
                <label>
                  <span className="font-medium">Assignee</span>
                  <select name="assigneeId" defaultValue={user.role === 'engineer' ? user.id : ''} className={inputClass}>
                    <option value="">Nobody</option>
                    {users.map((u) => (
                      <option key={u.id} value={u.id}>
                        {u.name}
                      </option>
                    ))}
                  </select>
                </label>
              </ActionForm>
            </section>
          ) : null}

          <section aria-labelledby="exceptions" className="rounded border border-slate-200 bg-white p-5">
            <h2 id="exceptions" className="mb-3 font-medium">
              Risk exceptions
            </h2>
            {finding.exceptions.length ? (
              <ul className="mb-3 space-y-3 text-sm">
                {finding.exceptions.map((x) => (
                  <li key={x.id} className="rounded border border-slate-200 p-3" data-testid="exception">
                    <p>
                      <span className="font-medium">{x.status}</span> · until {day(x.expiresAt)} · requested by {x.requestedBy.name}
                      {x.approvedBy ? ` · decided by ${x.approvedBy.name}` : ''}
                    </p>
                    <p className="mt-1">Reason: {x.reason}</p>
                    <p>Compensating control: {x.compensatingControl}</p>
                    {x.decisionNote ? <p>Note: {x.decisionNote}</p> : null}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="mb-3 text-sm text-slate-700">None. Past results are never changed by an exception; reports show exceptions beside them.</p>
            )}
            {canApprove && pendingException ? (
              pendingException.requestedById === user.id ? (
                <p className="text-sm text-slate-700">You requested this exception: another officer or administrator must decide it.</p>
              ) : (
                <div className="flex flex-wrap gap-4">
                  <ActionForm action={decideExceptionAction} hidden={{ exceptionId: pendingException.id, decision: 'approve' }} submitLabel="Approve exception" label="Approve exception">
                    <label>
                      <span className="font-medium">Note (optional)</span>
                      <input name="note" className={inputClass} />
                    </label>
                  </ActionForm>
                  <ActionForm action={decideExceptionAction} hidden={{ exceptionId: pendingException.id, decision: 'reject' }} submitLabel="Reject exception" label="Reject exception" tone="danger" />
                </div>
              )
            ) : null}
            {canUpdate && isActive(finding.state) && !hasLiveException ? (
              <ActionForm action={requestExceptionAction} hidden={hidden} submitLabel="Request exception" label="Request a risk exception">
                <label>
                  <span className="font-medium">Why accept the risk</span>
                  <textarea name="reason" rows={2} className={inputClass} />
                </label>
                <label>
                  <span className="font-medium">Compensating control</span>
                  <input name="compensatingControl" className={inputClass} />
                </label>
                <label>
                  <span className="font-medium">Expires on</span>
                  <input name="expiresAt" type="date" className={inputClass} />
                </label>
              </ActionForm>
            ) : null}
          </section>
        </div>
      </div>
    </>
  );
}
