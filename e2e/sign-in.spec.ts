import { expect, test } from '@playwright/test';
import { HOME_BY_ROLE, ROLE_LABELS, ROLES } from '../lib/auth/roles';
import { DEMO_MEMBERS } from '../lib/demo/demo-members';
import { demoAccount, signInWithForm } from './support/auth';
import { EXPIRED_AUDITOR } from './support/state';

test('the app opens on the sign-in page', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/signin$/);
  await expect(page.getByRole('heading', { name: 'Redis Compliance Dashboard' })).toBeVisible();
});

for (const role of ROLES) {
  test(`the demo ${role} signs in and lands on the ${role} home page`, async ({ page }, testInfo) => {
    const account = demoAccount(role);
    await signInWithForm(page, account.email, account.password);
    await expect(page).toHaveURL(new RegExp(`${HOME_BY_ROLE[role]}$`));
    await expect(page.getByTestId('current-role')).toHaveText(ROLE_LABELS[role]);
    await testInfo.attach(`home-${role}`, { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/signin/);
  });
}

test('a wrong password is refused with a clear message', async ({ page }) => {
  await signInWithForm(page, demoAccount('officer').email, 'definitely-not-the-password');
  await expect(page.locator('#signin-error')).toHaveText('Wrong e-mail address or password.');
  await expect(page).toHaveURL(/\/signin/);
});

test('an auditor whose access window has ended is refused', async ({ page }) => {
  await signInWithForm(page, EXPIRED_AUDITOR.email, EXPIRED_AUDITOR.password);
  await expect(page.locator('#signin-error')).toContainText('Access ended');
  await page.goto('/dashboard');
  await expect(page).toHaveURL(/\/signin$/);
});

test('the engineer sees the demo fleet in the inventory', async ({ page }) => {
  const account = demoAccount('engineer');
  await signInWithForm(page, account.email, account.password);
  await expect(page).toHaveURL(/\/instances$/);
  // Other specs may add targets; every demo member must be there.
  for (const member of DEMO_MEMBERS) await expect(page.getByRole('link', { name: member.name, exact: true })).toBeVisible();
});

test('an admin adds an auditor with an access window, and bad input is explained', async ({ page }) => {
  const admin = demoAccount('admin');
  await signInWithForm(page, admin.email, admin.password);
  await expect(page).toHaveURL(/\/admin\/users$/);
  const form = page.getByRole('form', { name: 'Add a user' });
  await form.getByLabel('E-mail').fill('new-auditor@demo.local');
  await form.getByLabel('Name').fill('New Auditor');
  await form.getByLabel('Role').selectOption('auditor');
  await form.getByLabel(/Initial password/).fill('a-long-enough-passphrase');
  await form.getByRole('button', { name: 'Add user' }).click();
  await expect(form.getByRole('alert')).toContainText('Auditors need an access end date');
  // Nothing typed is lost when the server refuses the form.
  await expect(form.getByLabel('E-mail')).toHaveValue('new-auditor@demo.local');
  await form.getByLabel(/Access until/).fill('2099-12-31');
  await form.getByRole('button', { name: 'Add user' }).click();
  await expect(form.getByRole('status')).toContainText('Created new-auditor@demo.local');
  await expect(page.getByRole('form', { name: 'Edit new-auditor@demo.local' })).toBeVisible();
});
