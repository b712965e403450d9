import Database from 'better-sqlite3';
import { authenticator } from 'otplib';
import { expect, test } from '@playwright/test';
import { signInAs, signInWithForm } from './support/auth';
import { E2E_DB_FILE, TOTP_USER } from './support/state';

test('a user turns on an authenticator app; sign-in then needs a current code', async ({ page }) => {
  await signInWithForm(page, TOTP_USER.email, TOTP_USER.password);
  await page.waitForURL(/\/instances$/);
  await page.getByRole('link', { name: 'Account' }).click();
  await expect(page.getByTestId('totp-status')).toHaveText('Off.');
  await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
  const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
  await page.getByRole('textbox', { name: 'Code from the app' }).fill(authenticator.generate(secret));
  await page.getByRole('button', { name: 'Turn on' }).click();
  await expect(page.getByTestId('totp-status')).toContainText('On since');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(/\/signin/);
  await signInWithForm(page, TOTP_USER.email, TOTP_USER.password);
  await expect(page.locator('#signin-error')).toContainText('6-digit code');
  // Codes are single-use: wait for the next time step so the enrolment code is not reused.
  const step = Math.floor(Date.now() / 30_000);
  while (Math.floor(Date.now() / 30_000) === step) await page.waitForTimeout(1000);
  await page.getByLabel('Password').fill(TOTP_USER.password);
  await page.getByLabel(/Authenticator code/).fill(authenticator.generate(secret));
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL(/\/instances$/);
});

test('when policy requires a second factor for officers, an officer without one can only reach account security', async ({ page }) => {
  const dbh = new Database(E2E_DB_FILE);
  const org = dbh.prepare(`SELECT o.id, o.settings FROM "Organization" o JOIN "User" u ON u.organizationId = o.id WHERE u.email = 'officer@demo.local'`).get() as { id: string; settings: string };
  try {
    const settings = JSON.parse(org.settings);
    dbh.prepare('UPDATE "Organization" SET settings = ? WHERE id = ?').run(JSON.stringify({ ...settings, security: { ...(settings.security ?? {}), requireTotpForRoles: ['officer'] } }), org.id);
    await signInAs(page, 'officer');
    await expect(page).toHaveURL(/\/account\/security\?required=1$/);
    await expect(page.getByText('Your organisation requires a second factor for your role')).toBeVisible();
    await page.goto('/dashboard');
    await expect(page).toHaveURL(/\/account\/security\?required=1$/);
  } finally {
    dbh.prepare('UPDATE "Organization" SET settings = ? WHERE id = ?').run(org.settings, org.id);
    dbh.close();
  }
});
