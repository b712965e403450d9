import { expect, test } from '@playwright/test';
import { signInAs } from './support/auth';

test('pages carry a nonce-based CSP and the other security headers', async ({ request }) => {
  const first = await request.get('/signin');
  const second = await request.get('/signin');
  const csp = first.headers()['content-security-policy'];
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(second.headers()['content-security-policy']).not.toBe(csp);
  const headers = first.headers();
  expect(headers['strict-transport-security']).toContain('max-age=');
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('same-origin');
  expect(headers['x-powered-by']).toBeUndefined();
});

test('the app works under its CSP: no violations while an admin browses results', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/.test(m.text())) violations.push(m.text());
  });
  await signInAs(page, 'admin');
  await page.goto('/instances');
  await page.getByRole('link', { name: 'demo-hardened' }).click();
  await page.locator('[data-testid=control-result] summary').first().click();
  expect(violations).toEqual([]);
});
