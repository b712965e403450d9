// Cloud accounts end to end: an engineer adds an AWS account and Google Cloud projects on the
// Connections page (pointed at the emulator through the endpoint override), tests them, scans them,
// and finds the resources on the Cloud inventory page with results and history. The emulator runs
// in this test process; the app reaches it over HTTP like any provider endpoint.
import { generateKeyPairSync } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { buildRegion, memorystoreInstance, replicationGroup } from '../tests/emulators/fixtures';
import { startCloudEmulator, type CloudEmulator } from '../tests/emulators/server';
import { signInAs } from './support/auth';

const ACCOUNT = '777777777777';
const KEY = 'AKIAE2ECLOUD00000001';
const SECRET = 'e2e-cloud-secret-that-must-never-show';
const SA = 'scanner@phi-e2e-1.iam.gserviceaccount.com';
let emulator: CloudEmulator;
let keyJson: string;

test.beforeAll(async () => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  keyJson = JSON.stringify({ type: 'service_account', project_id: 'phi-e2e-1', client_email: SA, private_key: privateKey });
  emulator = await startCloudEmulator();
  emulator.aws.accessKeys[KEY] = { account: ACCOUNT };
  const region = buildRegion(ACCOUNT, 'us-east-1', { replicationGroups: 1, standalone: 0, serverless: 1 }, 'e2e');
  const { group, clusters } = replicationGroup(ACCOUNT, 'us-east-1', 'e2e-preferred', { transitEncryptionMode: 'preferred', authTokenEnabled: true, authTokenLastModifiedDate: new Date() });
  region.replicationGroups.push(group);
  region.cacheClusters.push(...clusters);
  emulator.aws.accounts[ACCOUNT] = { regions: { 'us-east-1': region } };
  emulator.gcp.serviceAccounts[SA] = publicKey;
  emulator.gcp.projects['phi-e2e-1'] = { instances: [memorystoreInstance('phi-e2e-1', 'us-central1', 'e2e-sessions', { tier: 'BASIC' })] };
});
test.afterAll(async () => {
  await emulator?.close();
});

test('an engineer adds an AWS account, tests it, scans it and finds the caches in the cloud inventory', async ({ page }) => {
  await signInAs(page, 'engineer');
  await page.goto('/connections');
  const form = page.getByRole('form', { name: 'Add an AWS account' });
  await form.getByLabel('Name', { exact: true }).fill('aws-e2e');
  await form.getByLabel('Access key id').fill(KEY);
  await form.getByLabel(/^Secret access key/).fill(SECRET);
  await form.getByLabel(/^Regions/).fill('us_east_1');
  await form.getByLabel(/^Endpoint override/).fill(emulator.url);
  await form.getByRole('button', { name: 'Add AWS account' }).click();
  await expect(form.getByRole('alert')).toContainText('regions (line/entry 1): must be an AWS region name such as "us-east-1"');
  await expect(form.getByLabel('Name', { exact: true })).toHaveValue('aws-e2e');
  await form.getByLabel(/^Regions/).fill('us-east-1');
  await form.getByRole('button', { name: 'Add AWS account' }).click();
  await expect(form.getByRole('status')).toContainText('Added aws-e2e');

  const row = page.getByTestId('cloud-connection-row').filter({ hasText: 'aws-e2e' });
  await expect(row).toContainText('access keys (stored encrypted)');
  await row.getByRole('button', { name: 'Test connection' }).click();
  await expect(row.getByTestId('connection-test-result')).toContainText('OK: 1 scope(s) read, 3 resource(s) found');
  expect(await page.content()).not.toContain(SECRET);

  await row.getByRole('button', { name: 'Scan' }).click();
  await expect(row.getByTestId('scan-progress')).toContainText('succeeded', { timeout: 60_000 });

  await page.getByRole('link', { name: 'Cloud inventory' }).click();
  const group = page.getByTestId('inventory-group').filter({ hasText: `AWS · account ${ACCOUNT} · us-east-1` });
  await expect(group.getByTestId('inventory-row')).toHaveCount(3);
  await group.getByRole('link', { name: 'e2e-preferred' }).click();
  // TLS on but plaintext still accepted: every well-known scanner passes this; RED-TLS-002 fails it.
  await expect(page.locator('[data-control="RED-TLS-001"]').first()).toHaveAttribute('data-status', 'pass');
  await expect(page.locator('[data-control="RED-TLS-002"]').first()).toHaveAttribute('data-status', 'fail');
  await expect(page.getByTestId('inventory-change').first()).toContainText('first inventoried');
  await expect(page.getByRole('button', { name: 'Scan its AWS account' })).toBeVisible();
});

test('a rejected access key is explained by Test connection', async ({ page }) => {
  await signInAs(page, 'engineer');
  await page.goto('/connections');
  const form = page.getByRole('form', { name: 'Add an AWS account' });
  await form.getByLabel('Name', { exact: true }).fill('aws-e2e-badkey');
  await form.getByLabel('Access key id').fill('AKIAE2EUNKNOWN000001');
  await form.getByLabel(/^Secret access key/).fill('whatever-secret');
  await form.getByLabel(/^Regions/).fill('us-east-1');
  await form.getByLabel(/^Endpoint override/).fill(emulator.url);
  await form.getByRole('button', { name: 'Add AWS account' }).click();
  await expect(form.getByRole('status')).toContainText('Added aws-e2e-badkey');
  const row = page.getByTestId('cloud-connection-row').filter({ hasText: 'aws-e2e-badkey' });
  await row.getByRole('button', { name: 'Test connection' }).click();
  await expect(row.getByTestId('connection-test-result')).toContainText('the access key was rejected');
});

test('Google Cloud projects through a service-account key: Memorystore in the inventory', async ({ page }) => {
  await signInAs(page, 'engineer');
  await page.goto('/connections');
  const form = page.getByRole('form', { name: 'Add Google Cloud projects' });
  await form.getByLabel('Name', { exact: true }).fill('gcp-e2e');
  await form.getByLabel(/^Project ids/).fill('phi-e2e-1');
  await form.getByLabel(/^Service-account key file/).fill(keyJson);
  await form.getByLabel(/^Endpoint override/).fill(emulator.url);
  await form.getByRole('button', { name: 'Add Google Cloud projects' }).click();
  await expect(form.getByRole('status')).toContainText('Added gcp-e2e');
  const row = page.getByTestId('cloud-connection-row').filter({ hasText: 'gcp-e2e' });
  await expect(row).toContainText(SA);
  expect(await page.content()).not.toContain('PRIVATE KEY');
  await row.getByRole('button', { name: 'Scan' }).click();
  await expect(row.getByTestId('scan-progress')).toContainText('succeeded', { timeout: 60_000 });
  await page.goto('/inventory?provider=gcp');
  const group = page.getByTestId('inventory-group').filter({ hasText: 'Google Cloud · project phi-e2e-1 · us-central1' });
  await group.getByRole('link', { name: 'e2e-sessions' }).click();
  await expect(page.locator('[data-control="RED-AVL-001"]').first()).toHaveAttribute('data-status', 'fail');
});

test('an auditor sees the cloud inventory but cannot reach connections or scan', async ({ page }) => {
  await signInAs(page, 'auditor');
  await page.goto('/inventory');
  await expect(page.getByRole('heading', { name: 'Cloud inventory' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Scan/ })).toHaveCount(0);
  const response = await page.goto('/connections');
  expect(response?.status()).toBe(403);
});
