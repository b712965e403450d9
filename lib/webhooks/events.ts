// The events the app sends to webhook receivers.
export const WEBHOOK_EVENTS = ['finding.opened', 'finding.resolved', 'finding.overdue', 'ticket.changed'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const WEBHOOK_EVENT_LABELS: Record<WebhookEvent, string> = {
  'finding.opened': 'Finding opened (first failure, or a resolved finding failing again)',
  'finding.resolved': 'Finding resolved (a later scan passed)',
  'finding.overdue': 'Finding overdue (past its remediation due date)',
  'ticket.changed': 'Ticket created or changed (status, assignee, findings, comments)',
};

/** Absolute link into the app for receivers (APP_URL, else NEXTAUTH_URL); null when neither is set. */
export function appLink(pathname: string): string | null {
  const base = process.env.APP_URL ?? process.env.NEXTAUTH_URL;
  return base ? new URL(pathname, base).toString() : null;
}
