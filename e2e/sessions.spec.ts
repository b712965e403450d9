import Database from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import { signInAs } from './support/auth';
import { E2E_DB_FILE, LOCKOUT_USER } from './support/state';

function ageSessions(email: string, minutes: number) {
  const dbh = new Database(E2E_DB_FILE);
  try {
    const past = new Date(Date.now() - minutes * 60_000).toISOString();
    dbh.prepare('UPDATE "AppSession" SET lastSeenAt = ? WHERE userId = (SELECT id FROM "User" WHERE email = ?) AND revokedAt IS NULL').run(past, email);
  } finally {
    dbh.close();
  }
}

test('a session idle for longer than the timeout is signed out on the next request', async ({ page }) => {
  await signInAs(page, 'officer');
  await expect(page).toHaveURL(/\/dashboard$/);
  ageSessions('officer@demo.local', 16);
  await page.goto('/instances');
  await expect(page).toHaveURL(/\/signin/);
  await expect(page.locator('#signin-error')).toContainText('inactivity');
});

test('after sign-out the old session cookie no longer works', async ({ page, context }) => {
  await signInAs(page, 'engineer');
  const cookies = await context.cookies();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/signin/);
  await context.addCookies(cookies);
  await page.goto('/instances');
  await expect(page).toHaveURL(/\/signin/);
});

test('five wrong passwords lock the account, with a message that says until when', async ({ page }) => {
  for (let i = 0; i < 5; i++) {
    await page.goto('/signin');
    await page.locator('form[data-ready="true"]').waitFor();
    await page.getByLabel('E-mail').fill('new-auditor-lockout@demo.local');
    await page.getByLabel('Password').fill('wrong');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.locator('#signin-error')).toBeVisible();
  }
  // Unknown accounts are never locked (nothing to lock); a real one is:
  for (let i = 0; i < 5; i++) {
    await page.goto('/signin');
    await page.locator('form[data-ready="true"]').waitFor();
    await page.getByLabel('E-mail').fill(LOCKOUT_USER.email);
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.locator('#signin-error')).toHaveText('Wrong e-mail address or password.');
  }
  await page.goto('/signin');
    await page.locator('form[data-ready="true"]').waitFor();
  await page.getByLabel('E-mail').fill(LOCKOUT_USER.email);
  await page.getByLabel('Password').fill(LOCKOUT_USER.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.locator('#signin-error')).toContainText('locked until');
});
