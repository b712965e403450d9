import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { DEMO_ACCOUNTS } from '../../lib/demo/demo-accounts';
import type { Role } from '../../lib/auth/roles';

export function demoAccount(role: Role) {
  return DEMO_ACCOUNTS.find((a) => a.role === role)!;
}

/** Signs in through the real form. */
export async function signInWithForm(page: Page, email: string, password: string) {
  await page.goto('/signin');
  await page.locator('form[data-ready="true"]').waitFor();
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** Signs in a demo account through the form and waits for its home page. */
export async function signInAs(page: Page, role: Role) {
  const account = demoAccount(role);
  await signInWithForm(page, account.email, account.password);
  await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
}

/** Signs in over HTTP (next-auth credentials callback); the request context keeps the cookie. */
export async function signInWithApi(request: APIRequestContext, email: string, password: string): Promise<number> {
  const { csrfToken } = await (await request.get('/api/auth/csrf')).json();
  const response = await request.post('/api/auth/callback/credentials', {
    form: { csrfToken, email, password, json: 'true' },
    maxRedirects: 0,
  });
  return response.status();
}

export async function expectSignedInAs(page: Page, roleLabel: RegExp) {
  await expect(page.getByTestId('current-role')).toHaveText(roleLabel);
}
