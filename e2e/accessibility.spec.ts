// axe-core on every main page, as the role that uses it: no serious or critical violations of
// WCAG 2.1 A/AA. Each page's full axe report is attached to the test report.
import AxeBuilder from '@axe-core/playwright';
import Database from 'better-sqlite3';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import type { Role } from '../lib/auth/roles';
import { signInAs } from './support/auth';
import { E2E_DB_FILE } from './support/state';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

function sampleId(sql: string): string {
  const dbh = new Database(E2E_DB_FILE, { readonly: true });
  try {
    return (dbh.prepare(sql).get() as { id: string } | undefined)?.id ?? 'missing';
  } finally {
    dbh.close();
  }
}

const PAGES_BY_ROLE: Record<Role, () => string[]> = {
  officer: () => [
    '/dashboard',
    '/results',
    '/results?status=fail&requirement=164.312(e)(1)',
    '/instances',
    `/instances/${sampleId(`SELECT id FROM "Instance" WHERE name = 'demo-insecure-defaults'`)}`,
    `/snapshots/${sampleId('SELECT id FROM "FactsSnapshot" LIMIT 1')}`,
    '/findings',
    '/tickets',
    '/schedules',
    '/drills',
    '/rotations',
    '/records',
    '/connections',
    '/evidence',
    '/audit-log',
    '/settings',
  ],
  engineer: () => ['/instances', '/findings', '/connections'],
  auditor: () => ['/dashboard', '/results', '/audit-log', '/evidence'],
  admin: () => ['/admin/users', '/dashboard'],
};

async function audit(page: Page, testInfo: TestInfo, url: string) {
  await page.goto(url);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  await testInfo.attach(`axe ${url}`, { body: JSON.stringify(results.violations, null, 2), contentType: 'application/json' });
  const blocking = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
  expect.soft(blocking, `axe on ${url}`).toEqual([]);
}

test('signed out: the sign-in page', async ({ page }, testInfo) => {
  await audit(page, testInfo, '/signin');
});

for (const role of Object.keys(PAGES_BY_ROLE) as Role[]) {
  test(`${role}: main pages have no serious or critical axe violations`, async ({ page }, testInfo) => {
    test.setTimeout(180_000);
    await signInAs(page, role);
    for (const url of PAGES_BY_ROLE[role]()) await audit(page, testInfo, url);
  });
}
