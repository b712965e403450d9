// Rotating the evidence-signing key on the Evidence page: administrators only, after an explicit
// confirmation; the old key is listed as retired and the new one shown in full (no serious axe findings).
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { signInAs } from './support/auth';

test('an administrator rotates the signing key; the old one stays listed as retired', async ({ page }) => {
  await signInAs(page, 'admin');
  await page.goto('/evidence');
  const before = (await page.getByTestId('signing-key-fingerprint').textContent())!;
  const form = page.getByRole('form', { name: 'Rotate the signing key' });
  await form.getByRole('button', { name: 'Rotate signing key' }).click();
  await expect(form.getByRole('alert')).toHaveText('Tick the box to confirm the rotation first.');
  await expect(page.getByTestId('signing-key-fingerprint')).toHaveText(before);

  await form.getByRole('checkbox').check();
  await form.getByRole('button', { name: 'Rotate signing key' }).click();
  await expect(form.getByRole('status')).toContainText(`The previous key ${before} is retired`);
  await expect(page.getByTestId('signing-key-fingerprint')).not.toHaveText(before);
  await expect(page.getByRole('region', { name: 'Signing key' }).getByRole('listitem').filter({ hasText: before })).toBeVisible();
  const axe = await new AxeBuilder({ page }).include('section[aria-labelledby="signing-key-heading"]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
});

test('an officer sees the signing key but no rotation', async ({ page }) => {
  await signInAs(page, 'officer');
  await page.goto('/evidence');
  await expect(page.getByTestId('signing-key-fingerprint')).toBeVisible();
  await expect(page.getByRole('form', { name: 'Rotate the signing key' })).toHaveCount(0);
});
