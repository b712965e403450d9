// The daily experience of each role on the demo fleet (scanned by the e2e server): the officer's
// home and its drill-down to results and evidence, the engineer's landing page with their findings
// queue and the server-paginated inventory, the auditor's window-limited read-only views, and the
// navigation each role gets. Screenshots of each step are attached to the test report.
import Database from 'better-sqlite3';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { navFor } from '../components/shell/nav-items';
import { HOME_BY_ROLE, ROLES } from '../lib/auth/roles';
import { demoAccount, signInAs } from './support/auth';
import { E2E_DB_FILE } from './support/state';

async function snap(page: Page, testInfo: TestInfo, name: string) {
  await testInfo.attach(name, { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
}

function one<T>(query: string, ...args: unknown[]): T {
  const dbh = new Database(E2E_DB_FILE);
  try {
    return dbh.prepare(query).get(...args) as T;
  } finally {
    dbh.close();
  }
}

test('officer: posture home, trend ranges, and a drill-down from a number to the results and their evidence', async ({ page }, testInfo) => {
  await signInAs(page, 'officer');
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId('posture-score')).toHaveText(/^\d+%$/);
  await expect(page.getByRole('region', { name: /^HIPAA/ }).getByTestId('requirement-row').first()).toBeVisible();
  await expect(page.locator('[data-requirement="164.312(e)(1)"]').first()).toBeVisible();
  await expect(page.getByRole('region', { name: 'HITRUST CSF' })).toBeVisible();
  await expect(page.getByTestId('live-activity')).toBeVisible();
  await snap(page, testInfo, 'officer-home');

  // The trend switches range with TanStack Query (GET /api/dashboard/trend).
  const trend = page.getByRole('region', { name: 'Posture trend' });
  await trend.getByRole('button', { name: '90 days' }).click();
  await expect(trend.getByRole('button', { name: '90 days' })).toHaveAttribute('aria-pressed', 'true');
  const from90 = new Date(Date.now() - 89 * 86_400_000).toISOString().slice(0, 10);
  await expect(page.getByTestId('trend-summary')).toContainText(`${from90} to`);
  await trend.getByText('Show the figures as a table').click();
  await expect(trend.getByRole('table')).toBeVisible();

  // The top failing control's count opens the failing results behind it.
  const top = page.getByRole('region', { name: 'Top failing controls' });
  const row = top.getByTestId('top-failing-row').first();
  const controlId = (await row.locator('th .font-mono').textContent())!.trim();
  const failing = Number(await row.locator('td').nth(1).textContent()); // columns: severity, failing on, not assessed on, score
  expect(failing).toBeGreaterThan(0);
  await row.locator('td').nth(1).getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/results\\?control=${controlId}&status=fail`));
  await expect(page.getByTestId('result-row')).toHaveCount(failing);
  for (const text of await page.getByTestId('result-row').allTextContents()) {
    expect(text).toContain(controlId);
    expect(text).toContain('Fail');
  }
  await snap(page, testInfo, 'results-behind-a-number');

  // From a result to the stored facts the verdict rests on (the insecure demo instance needs no password).
  await page.goto('/results?control=RED-AUTH-001&status=fail');
  await page.getByTestId('result-row').filter({ hasText: 'demo-insecure-defaults' }).getByRole('link', { name: /^\// }).first().click();
  await expect(page).toHaveURL(/\/snapshots\/[^#]+#/);
  await expect(page.getByRole('heading', { name: 'Facts snapshot' })).toBeVisible();
  await snap(page, testInfo, 'evidence-snapshot');
});

test('officer: a requirement figure opens its results; bad list parameters are explained', async ({ page }, testInfo) => {
  await signInAs(page, 'officer');
  const transmission = page.locator('[data-requirement="164.312(e)(1)"]').first();
  // Columns: score, controls passing, failing, not assessed, failing results, results not assessed.
  await transmission.locator('td').nth(4).getByRole('link').click();
  await expect(page).toHaveURL(/requirement=164\.312%28e%29%281%29|requirement=164\.312\(e\)\(1\)/);
  await expect(page.getByTestId('result-row').first()).toBeVisible();
  // Only controls of that paragraph are listed.
  const controls = await page.getByTestId('result-row').locator('td:nth-child(2) .font-mono').allTextContents();
  expect(controls.length).toBeGreaterThan(0);
  for (const id of controls) expect(['RED-NET-001', 'RED-NET-002', 'RED-NET-003', 'RED-NET-004', 'RED-TLS-001', 'RED-TLS-002', 'RED-TLS-003', 'RED-TLS-004', 'RED-TLS-005', 'RED-TLS-006']).toContain(id);

  await page.goto('/results?size=7&status=broken');
  const problem = page.getByRole('alert').filter({ hasText: 'not understood' });
  await expect(problem).toContainText('size must be one of 10, 25, 50, 100');
  await expect(problem).toContainText('status must be one of');
  await snap(page, testInfo, 'bad-parameters');
});

test('engineer: lands on the instances list with My findings; sorting and filtering run on the server', async ({ page }, testInfo) => {
  // Give the engineer a finding so the queue has something in it.
  const engineer = one<{ id: string }>('SELECT id FROM "User" WHERE email = ?', demoAccount('engineer').email);
  const finding = one<{ id: string; controlId: string }>(`SELECT id, controlId FROM "Finding" WHERE state = 'open' ORDER BY controlId LIMIT 1`);
  const dbh = new Database(E2E_DB_FILE);
  dbh.prepare('UPDATE "Finding" SET assigneeId = ? WHERE id = ?').run(engineer.id, finding.id);
  dbh.close();

  await signInAs(page, 'engineer');
  await expect(page).toHaveURL(/\/instances$/);
  const mine = page.getByTestId('my-findings');
  await expect(mine.getByRole('link', { name: new RegExp(finding.controlId) }).first()).toBeVisible();
  await snap(page, testInfo, 'engineer-home');

  const table = page.getByRole('table', { name: /Inventoried instances/ });
  const names = async () => table.getByTestId('instance-row').locator('td:first-child a').allTextContents();
  const ascending = await names();
  expect(ascending).toEqual([...ascending].sort((a, b) => a.localeCompare(b)));
  await table.getByRole('button', { name: /^Name/ }).click();
  await expect(page).toHaveURL(/sort=name&dir=desc/);
  await expect(table.getByRole('columnheader', { name: /Name/ })).toHaveAttribute('aria-sort', 'descending');
  expect(await names()).toEqual([...ascending].reverse());

  await page.getByRole('form', { name: 'Filter instances' }).getByLabel('Latest results').selectOption('failing');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/status=failing/);
  await expect(table.getByTestId('instance-row').filter({ hasText: 'demo-insecure-defaults' })).toHaveCount(1);
  // Every instance listed fails at least one control (its "Fail n" badge is not 0).
  for (const text of await table.getByTestId('instance-row').allTextContents()) expect(text).toMatch(/Fail[1-9]/);
  await snap(page, testInfo, 'engineer-filtered');
});

test('auditor: read-only posture and results limited to the access window', async ({ page }, testInfo) => {
  await signInAs(page, 'auditor');
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByText(/Read-only: your access window is/)).toBeVisible();
  await snap(page, testInfo, 'auditor-home');

  await page.goto('/results');
  await expect(page.getByText(/every result evaluated \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}/).first()).toBeVisible();
  await expect(page.getByTestId('result-row').first()).toBeVisible();
  // The demo auditor's window is open at the start and ends in the future: a period after today is outside it.
  await page.goto('/results?from=2099-01-01&to=2099-01-31');
  await expect(page.getByRole('status').filter({ hasText: 'outside your access window' })).toBeVisible();
  await snap(page, testInfo, 'auditor-outside-window');

  await page.goto('/instances');
  await expect(page.getByRole('button', { name: /Scan/ })).toHaveCount(0);
  const api = await page.request.get('/api/results?from=2099-01-01&to=2099-01-31');
  expect(api.status()).toBe(200);
  expect((await api.json()).notice).toContain('outside your access window');
});

for (const role of ROLES) {
  test(`${role}: lands on their home and sees only their navigation`, async ({ page }) => {
    await signInAs(page, role);
    await expect(page).toHaveURL(new RegExp(`${HOME_BY_ROLE[role].replace(/\//g, '\\/')}$`));
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link')).toHaveText(navFor(role).map((item) => item.label));
  });
}

test('navigation differs where the roles differ', async ({ page }) => {
  await signInAs(page, 'auditor');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Results' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Evidence' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Connections' })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: 'Settings' })).toHaveCount(0);
});
