// The schedules list on the shared server-paginated table: an engineer creates a schedule, disables
// it, finds it with the filters, and deletes it — the row actions work inside the table.
import { expect, test } from '@playwright/test';
import { signInAs } from './support/auth';

test('an engineer creates, disables, filters for and deletes a schedule', async ({ page }) => {
  const name = `e2e weekly ${Date.now().toString(36)}`;
  await signInAs(page, 'engineer');
  await page.goto('/schedules');
  const create = page.getByRole('form', { name: 'Create a schedule' });
  await create.getByLabel('Name').fill(name);
  await create.getByLabel(/^Cron/).fill('0 4 * * 1');
  await create.getByRole('button', { name: 'Create schedule' }).click();
  const row = page.getByTestId('schedule-row').filter({ hasText: name });
  await expect(row).toContainText('0 4 * * 1');

  await row.getByRole('form', { name: `Disable ${name}` }).getByRole('button', { name: 'Disable' }).click();
  await expect(row).toContainText('(disabled)');
  const filters = page.getByRole('form', { name: 'Filter schedules' });
  await filters.getByLabel('State').selectOption('no');
  await filters.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/enabled=no/);
  await expect(row).toBeVisible();
  for (const text of await page.getByTestId('schedule-row').allTextContents()) expect(text).toContain('(disabled)');

  await row.getByRole('form', { name: `Delete ${name}` }).getByRole('button', { name: 'Delete' }).click();
  await expect(row).toHaveCount(0);
});
