import { expect, test } from '@playwright/test';
import { signInAs } from './support/auth';

test('the demo fleet was scanned: the insecure instance fails authentication and TLS controls, with evidence', async ({ page }) => {
  await signInAs(page, 'engineer');
  await page.getByRole('link', { name: 'demo-insecure-defaults' }).click();
  await expect(page.getByRole('heading', { name: '164.312(a)(1) — Access control' })).toBeVisible();
  const auth = page.locator('[data-control="RED-AUTH-001"]').first();
  await expect(auth).toHaveAttribute('data-status', 'fail');
  const tls = page.locator('[data-control="RED-TLS-001"]').first();
  await expect(tls).toHaveAttribute('data-status', 'fail');
  await auth.locator('summary').click();
  await expect(auth.getByText('How to fix')).toBeVisible();
  // Evidence link opens the stored facts snapshot at the fact the verdict rests on.
  await auth.getByRole('link').first().click();
  await expect(page.getByRole('heading', { name: 'Facts snapshot' })).toBeVisible();
});

test('the hardened instance passes the transport and authentication controls', async ({ page }) => {
  await signInAs(page, 'officer');
  await page.goto('/instances');
  await page.getByRole('link', { name: 'demo-hardened' }).click();
  for (const id of ['RED-TLS-001', 'RED-TLS-002', 'RED-TLS-003', 'RED-AUTH-001', 'RED-AUTH-002']) {
    await expect(page.locator(`[data-control="${id}"]`).first(), id).toHaveAttribute('data-status', 'pass');
  }
});

test('an engineer scans an instance again and sees live progress, then what changed', async ({ page }) => {
  await signInAs(page, 'engineer');
  await page.getByRole('link', { name: 'demo-legacy-tls' }).click();
  await page.getByRole('button', { name: 'Scan now' }).click();
  await expect(page.getByTestId('scan-progress')).toContainText('1 of 1 instance scanned · succeeded', { timeout: 60_000 });
  await expect(page.getByRole('heading', { name: /What changed since the previous scan \(/ })).toBeVisible();
  await expect(page.locator('[data-control="RED-TLS-003"]').first()).toHaveAttribute('data-status', 'fail');
});

test('an engineer adds a target; a bad URL is explained and nothing typed is lost', async ({ page }) => {
  await signInAs(page, 'engineer');
  await page.goto('/connections');
  const form = page.getByRole('form', { name: 'Add a self-hosted target' });
  await form.getByLabel('Name', { exact: true }).fill('unreachable-cache');
  await form.getByLabel(/^URL/).fill('http://127.0.0.1:1');
  await form.getByLabel(/^Password/).fill('a-secret-that-must-not-leak');
  await form.getByRole('button', { name: 'Add target' }).click();
  await expect(form.getByRole('alert')).toContainText('redis://');
  await expect(form.getByLabel('Name', { exact: true })).toHaveValue('unreachable-cache');
  await form.getByLabel(/^URL/).fill('redis://127.0.0.1:1');
  await form.getByRole('button', { name: 'Add target' }).click();
  await expect(form.getByRole('status')).toContainText('Added unreachable-cache');
  await expect(page.getByRole('row', { name: /unreachable-cache/ })).toContainText('stored (encrypted)');
  expect(await page.content()).not.toContain('a-secret-that-must-not-leak');

  // Scanning an unreachable target is an error with the reason, never a pass.
  await page.goto('/instances');
  await page.getByRole('link', { name: 'unreachable-cache' }).click();
  await page.getByRole('button', { name: 'Scan now' }).click();
  await expect(page.getByTestId('scan-progress')).toContainText('failed', { timeout: 60_000 });
  await expect(page.getByTestId('scan-progress').locator('..')).toContainText('unreachable-cache');
  await expect(page.locator('[data-status="pass"]')).toHaveCount(0);
  await expect(page.locator('[data-status="error"]').first()).toBeVisible();
});

test('an auditor sees results but has no scan button and cannot add targets', async ({ page }) => {
  await signInAs(page, 'auditor');
  await page.goto('/instances');
  await expect(page.getByRole('button', { name: /Scan/ })).toHaveCount(0);
  await page.getByRole('link', { name: 'demo-hardened' }).click();
  await expect(page.getByRole('button', { name: 'Scan now' })).toHaveCount(0);
  const response = await page.goto('/connections');
  expect(response?.status()).toBe(403);
});
