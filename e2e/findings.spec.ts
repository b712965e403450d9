// Findings journeys on the demo fleet's real findings: an engineer acknowledges a finding and opens
// a ticket; an engineer requests an exception and an officer approves it; an auditor sees all of it
// but can do neither; overdue findings are flagged on the list, the instance page and the dashboard.
import Database from 'better-sqlite3';
import { expect, test, type Page } from '@playwright/test';
import { signInAs } from './support/auth';
import { E2E_DB_FILE } from './support/state';

function sql<T>(query: string, ...args: unknown[]): T {
  const dbh = new Database(E2E_DB_FILE);
  try {
    const statement = dbh.prepare(query);
    return (statement.reader ? statement.get(...args) : statement.run(...args)) as T;
  } finally {
    dbh.close();
  }
}

/** An open finding of the demo fleet that no ticket or exception has touched yet. */
function untouchedFinding(skip: string[] = []): { id: string; controlId: string; instanceId: string } {
  const row = sql<{ id: string; controlId: string; instanceId: string } | undefined>(
    `SELECT f.id, f.controlId, f.instanceId FROM "Finding" f WHERE f.state = 'open' AND f.ticketId IS NULL
       AND NOT EXISTS (SELECT 1 FROM "RiskException" x WHERE x.findingId = f.id) AND f.id NOT IN (${skip.map(() => '?').join(',') || "''"})
     ORDER BY f.controlId LIMIT 1`,
    ...skip,
  );
  if (!row) throw new Error('the demo scan left no open finding');
  return row;
}

const state = (page: Page) => page.getByTestId('finding-state');

test('an engineer acknowledges a finding and opens a ticket for it', async ({ page }) => {
  const finding = untouchedFinding();
  await signInAs(page, 'engineer');
  await page.goto('/findings');
  await expect(page.getByTestId('finding-row').first()).toBeVisible();
  await page.goto(`/findings/${finding.id}`);
  await expect(state(page)).toHaveText('Open');
  await page.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(state(page)).toHaveText('Acknowledged');
  await expect(page.getByTestId('finding-history')).toContainText('open → acknowledged');

  const ticket = page.getByRole('form', { name: 'Open a ticket' });
  await ticket.getByLabel('Title').fill(`Fix ${finding.controlId} on the demo fleet`);
  await ticket.getByRole('button', { name: 'Open ticket' }).click();
  await page.waitForURL(/\/tickets\/[^/]+$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Fix ${finding.controlId} on the demo fleet`);
  await expect(page.getByTestId('ticket-status').first()).toHaveText('Open');
  await expect(page.getByRole('link', { name: new RegExp(finding.controlId) })).toBeVisible();

  // The finding still fails, so closing is refused with the reason.
  const close = page.getByRole('form', { name: 'Set status closed' });
  await close.getByRole('button', { name: 'Close ticket' }).click();
  await expect(close.getByRole('alert')).toContainText('cannot be closed');
  await expect(close.getByRole('alert')).toContainText(finding.controlId);
});

test('an officer approves an exception an engineer requested', async ({ browser }) => {
  const finding = untouchedFinding();
  const engineer = await browser.newPage();
  await signInAs(engineer, 'engineer');
  await engineer.goto(`/findings/${finding.id}`);
  const request = engineer.getByRole('form', { name: 'Request a risk exception' });
  await request.getByLabel('Why accept the risk').fill('Legacy billing client cannot use TLS until the Q3 upgrade.');
  await request.getByLabel('Compensating control').fill('Reachable only from the billing subnet');
  await request.getByLabel('Expires on').fill(new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10));
  await request.getByRole('button', { name: 'Request exception' }).click();
  await expect(engineer.getByTestId('exception')).toContainText('requested');
  // The requester cannot approve: engineers hold no approval right at all.
  await engineer.reload();
  await expect(engineer.getByRole('button', { name: 'Approve exception' })).toHaveCount(0);
  await engineer.close();

  const officer = await browser.newPage();
  await signInAs(officer, 'officer');
  await officer.goto(`/findings/${finding.id}`);
  await expect(officer.getByTestId('exception')).toContainText('requested');
  await officer.getByRole('form', { name: 'Approve exception' }).getByLabel('Note (optional)').fill('Reviewed with the security team.');
  await officer.getByRole('button', { name: 'Approve exception' }).click();
  await expect(state(officer)).toHaveText('Risk accepted');
  await expect(officer.getByTestId('exception')).toContainText('approved');
  await officer.close();
});

test('an auditor sees findings, tickets and exceptions but can neither triage nor approve', async ({ page }) => {
  const withException = sql<{ findingId: string } | undefined>(`SELECT findingId FROM "RiskException" LIMIT 1`);
  const target = withException?.findingId ?? untouchedFinding().id;
  await signInAs(page, 'auditor');
  await page.goto(`/findings/${target}`);
  await expect(state(page)).toBeVisible();
  for (const name of ['Acknowledge', 'Start remediation', 'Open ticket', 'Approve exception', 'Reject exception', 'Request exception', 'Add comment', 'Assign']) {
    await expect(page.getByRole('button', { name })).toHaveCount(0);
  }
  await page.goto('/tickets?status=active');
  await expect(page.getByRole('heading', { name: 'Remediation tickets' })).toBeVisible();
  await page.goto('/schedules');
  await expect(page.getByRole('button', { name: 'Create schedule' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Run now' })).toHaveCount(0);
});

test('an overdue finding is flagged on the findings list, its instance page and the dashboard', async ({ page }) => {
  const finding = untouchedFinding();
  sql(`UPDATE "Finding" SET dueAt = ? WHERE id = ?`, new Date(Date.now() - 86_400_000).toISOString(), finding.id);
  await signInAs(page, 'officer');
  await page.goto('/findings?overdue=yes');
  await expect(page.getByTestId('finding-row').filter({ hasText: finding.controlId }).getByTestId('overdue-badge')).toBeVisible();
  await page.goto(`/instances/${finding.instanceId}`);
  await expect(page.getByRole('region', { name: /Findings/ }).getByTestId('overdue-badge').first()).toBeVisible();
  // The officer home lists overdue findings in its late-work panel.
  await page.goto('/dashboard');
  await expect(page.getByRole('region', { name: 'Overdue and due soon' }).locator(`a[href="/findings/${finding.id}"]`)).toBeVisible();
});

test('the findings and tickets lists sort, filter and page on the server; bad parameters are explained', async ({ page }) => {
  await signInAs(page, 'officer');
  await page.goto('/findings?state=all');
  const table = page.getByRole('table', { name: /Findings matching the filters/ });
  await table.getByRole('button', { name: /^Severity/ }).click();
  await expect(page).toHaveURL(/sort=severity&dir=desc/);
  await expect(table.getByRole('columnheader', { name: /Severity/ })).toHaveAttribute('aria-sort', 'descending');
  const rank: Record<string, number> = { critical: 0, high: 1, medium: 2, low: 3 };
  const ranks = (await table.getByTestId('finding-row').locator('td:nth-child(3)').allTextContents()).map((s) => rank[s.trim()]);
  expect(ranks.length).toBeGreaterThan(0);
  expect(ranks).toEqual([...ranks].sort((a, b) => a - b));

  const { controlId } = sql<{ controlId: string }>(`SELECT controlId FROM "Finding" GROUP BY controlId ORDER BY COUNT(*) DESC, controlId LIMIT 1`);
  await page.getByRole('form', { name: 'Filter findings' }).getByLabel('Control').selectOption(controlId);
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(new RegExp(`control=${controlId}`));
  await expect(page).toHaveURL(/sort=severity/);
  for (const text of await table.getByTestId('finding-row').locator('td:first-child').allTextContents()) expect(text).toContain(controlId);

  const ticket = sql<{ title: string } | undefined>(`SELECT title FROM "Ticket" ORDER BY createdAt LIMIT 1`);
  if (ticket) {
    await page.goto(`/tickets?status=all&q=${encodeURIComponent(ticket.title)}`);
    await expect(page.getByTestId('ticket-row').filter({ hasText: ticket.title }).first()).toBeVisible();
  }

  await page.goto('/findings?severity=urgent&size=7');
  const problem = page.getByRole('alert').filter({ hasText: 'not understood' });
  await expect(problem).toContainText('severity must be one of critical, high, medium, low');
  await expect(problem).toContainText('size must be one of 10, 25, 50, 100');
  await expect(page.getByTestId('finding-row').first()).toBeVisible();
});
