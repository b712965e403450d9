// Generated bad input (fast-check) through every form bound to a server action, as an administrator
// (so authorization is not what stops it): every field is filled, hidden ones too, with empty, very
// long, control-character and unicode text, wrong types ("abc" in number and date fields), negative
// numbers and tampered ids. Each submission must answer < 500, leave no error page, show the form's
// message, and — when refused — write nothing (rows and contents of every table but the audit log
// and sessions are compared). Forms without a field (plain buttons) are left out; every form action
// of the build must have been exercised but the few listed in NOT_REACHED.
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { signInAs } from './support/auth';
import { tableDigests } from './support/row-counts';
import { discoverRoutes } from './support/routes';
import { sampleRecordPages } from './support/sample-records';

const RUNS_PER_FORM = 4;
test.use({ actionTimeout: 20_000 });
// Forms whose real hidden ids may be kept (so the visible fields are what is refused): a success
// there only adds a comment, (un)assigns, or is restored below. Everywhere else every hidden input
// is replaced, so no sample can move, delete, disable or re-key a record other specs rely on.
const KEEPS_REAL_IDS = /^(Comment|Comment on the ticket|Assign|Assign the ticket|Request a risk exception|Add a finding|Keyspace policy for this instance)$/;
// Forms edited in place: after an accepted sample (an empty document means "the defaults") the
// original values are submitted again.
const RESTORED = /^(Organisation settings|Keyspace policy for this instance)$/;
// Not a server action: posts the file to /api/evidence/verify (covered by bad-input.spec.ts).
const NOT_SERVER_ACTIONS = /^Verify an evidence package$/;
// Form actions this run cannot reach without changing state other specs rely on.
const NOT_REACHED: Record<string, string> = {
  confirmTotpAction: 'needs an enrolment begun on the admin account (totp.spec.ts covers it)',
  disableTotpAction: 'needs TOTP on the admin account (totp.spec.ts covers it)',
  decideExceptionAction: 'needs an exception requested by someone else',
  updateWebhookAction: 'needs a webhook endpoint (the demo has none)',
  reviewRunbookAction: 'needs a drill run without a runbook review',
};

const control = fc.array(fc.integer({ min: 0, max: 0x1f }), { minLength: 1, maxLength: 12 }).map((codes) => String.fromCharCode(...codes));
const veryLong = fc.tuple(fc.string({ minLength: 1, maxLength: 6 }), fc.integer({ min: 1_000, max: 20_000 })).map(([s, n]) => s.repeat(n).slice(0, n));
const badText = fc.oneof(
  fc.constantFrom('', '   ', 'abc', '0', '-1', '-2147483649', '1e309', 'NaN', '9'.repeat(40), 'null', 'true', '[]', '{}', "' OR 1=1 --", '<script>alert(1)</script>', '../../etc/passwd', '2026-02-30', '9999-12-31T25:61', '\u202Eevil\u0000'),
  fc.integer({ min: -1_000_000_000, max: -1 }).map(String),
  fc.string({ unit: 'binary', maxLength: 40 }),
  control,
  veryLong,
);
// Ids of nothing: garbage, one shaped like another organisation's record, injection, very long.
const badId = fc.oneof(fc.constantFrom('', 'x', '0', '-1', "' OR '1'='1", '../', '%00', 'a'.repeat(5_000)), fc.stringMatching(/^c[a-z0-9]{24}$/), fc.string({ unit: 'binary', maxLength: 30 }));

type FieldKind = 'hidden' | 'file' | 'check' | 'select' | 'text';
type FormInfo = { label: string; nth: number; kinds: FieldKind[] };
type Sample = { keep: boolean; values: string[]; ids: string[]; checked: boolean[]; file: { name: string; bytes: number[] } };

declare global {
  interface Window {
    fuzzFields(form: HTMLFormElement): (HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement)[];
  }
}

/** In every document: the named fields of a form, hidden ones included. */
function installFieldLister() {
  window.fuzzFields = (form) =>
    [...form.elements].filter(
      (e): e is HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement =>
        ((e instanceof HTMLInputElement && !['submit', 'button', 'reset', 'image'].includes(e.type)) || e instanceof HTMLSelectElement || e instanceof HTMLTextAreaElement) && e.name !== '',
    );
}

const hydrated = (page: Page) => page.waitForFunction(() => [...document.forms].every((f) => Object.keys(f).some((k) => k.startsWith('__reactProps$'))));

/** The hydrated server-action forms of the page with at least one field, one per field layout. */
async function serverActionForms(page: Page): Promise<FormInfo[]> {
  await hydrated(page);
  const forms = await page.evaluate(() => {
    const seen = new Map<string, number>();
    // GET forms (filters) and forms posting to an URL are not server actions.
    return [...document.forms]
      .filter((f) => !f.hasAttribute('action') && !f.hasAttribute('method'))
      .map((f) => {
        const label = f.getAttribute('aria-label') ?? document.getElementById(f.getAttribute('aria-labelledby') ?? '')?.textContent?.trim() ?? '';
        const fields = window.fuzzFields(f);
        const nth = seen.get(label) ?? 0;
        seen.set(label, nth + 1);
        const kinds = fields.map((e) => (e.type === 'hidden' ? 'hidden' : e.type === 'file' ? 'file' : e.type === 'checkbox' || e.type === 'radio' ? 'check' : e instanceof HTMLSelectElement ? 'select' : 'text'));
        return { label, nth, kinds, layout: fields.map((e) => e.name).join(',') };
      });
  });
  const byLayout = new Map<string, FormInfo>();
  for (const { layout, ...form } of forms) if (layout && !NOT_SERVER_ACTIONS.test(form.label) && !byLayout.has(layout)) byLayout.set(layout, form as FormInfo);
  return [...byLayout.values()];
}

const formLocator = (page: Page, info: FormInfo) => page.getByRole('form', { name: info.label, exact: true, includeHidden: true }).nth(info.nth);

/** Sets every field (a null value keeps it), with types changed to text so "abc" reaches number and date fields, bypassing browser validation. */
async function fill(form: Locator, values: (string | null)[], checked: boolean[], file: Sample['file']) {
  await form.evaluate(
    (el, { values, checked }) => {
      const f = el as HTMLFormElement;
      f.noValidate = true;
      for (let d = f.closest('details'); d; d = d.parentElement?.closest('details') ?? null) d.open = true;
      window.fuzzFields(f).forEach((e, i) => {
        const value = values[i];
        if (value === null || e.type === 'file') return;
        if (e instanceof HTMLSelectElement) {
          const option = e.querySelector<HTMLOptionElement>('option[data-fuzz]') ?? e.appendChild(Object.assign(document.createElement('option'), { textContent: 'generated' }));
          option.dataset.fuzz = '1';
          option.value = value;
          for (const o of e.options) o.selected = o === option;
        } else if (e instanceof HTMLInputElement && (e.type === 'checkbox' || e.type === 'radio')) {
          e.value = value;
          e.checked = checked[i];
        } else {
          if (e instanceof HTMLInputElement && !['hidden', 'password', 'text'].includes(e.type)) e.type = 'text';
          e.value = value;
        }
      });
    },
    { values, checked },
  );
  const upload = form.locator('input[type=file]');
  if (await upload.count()) await upload.first().setInputFiles({ name: file.name, mimeType: 'application/octet-stream', buffer: Buffer.from(file.bytes) });
}

const ERROR_PAGE = /Application error|server-side exception|client-side exception|Internal Server Error|This page couldn.t load/;

/** Submits the filled form; what went wrong (nothing when the app answered as it should) and whether it was accepted. */
async function submit(page: Page, form: Locator): Promise<{ problems: string[]; accepted: boolean; message: string }> {
  const responded = page.waitForResponse((r) => r.request().headers()['next-action'] !== undefined, { timeout: 30_000 });
  await form.evaluate((f) => (f as HTMLFormElement).requestSubmit());
  const response = await responded;
  const problems = response.status() >= 500 ? [`answered ${response.status()}`] : [];
  const button = form.locator('button[type=submit]').first();
  const shown = form.locator('[role=alert], [role=status]').first();
  const crashed = async () => ERROR_PAGE.test(await page.locator('body').innerText()) || !(await button.count());
  // React renders the answer a moment after it arrives: wait for the message (or the crash).
  const settled = async () => (await crashed()) || ((await button.isEnabled()) && (await shown.isVisible()));
  await expect.poll(settled, { timeout: 10_000 }).toBe(true).catch(() => undefined);
  if (await crashed()) return { problems: [...problems, 'shows an error page'], accepted: false, message: '' };
  const message = (await shown.isVisible()) ? (await shown.innerText()).trim() : '';
  if (!message) return { problems: [...problems, 'shows no message'], accepted: false, message };
  return { problems, accepted: (await shown.getAttribute('role')) === 'status', message };
}

function sampleFor(info: FormInfo): fc.Arbitrary<Sample> {
  const n = info.kinds.length;
  return fc.record({
    keep: fc.boolean(),
    values: fc.array(badText, { minLength: n, maxLength: n }),
    ids: fc.array(badId, { minLength: n, maxLength: n }),
    checked: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
    file: fc.record({ name: badText.map((s) => `${s.slice(0, 200)}.bin`), bytes: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 2_048 }) }),
  });
}

// The demo has no schedule: one that never matches an instance puts the list's row forms on the page.
const SCHEDULE = 'bad-input row forms';

async function scheduleForm(page: Page, name: string) {
  await page.goto('/schedules');
  await hydrated(page);
  return page.getByRole('form', { name, exact: true });
}

async function addSchedule(page: Page) {
  const form = await scheduleForm(page, 'Create a schedule');
  await form.getByLabel('Name').fill(SCHEDULE);
  await form.getByLabel('Cron (minute hour day month weekday)').fill('0 3 1 1 *');
  await form.getByLabel('Target').selectOption('tag');
  await form.getByLabel('Tag (key=value)').fill('bad-input=none');
  await form.getByRole('button', { name: 'Create schedule' }).click();
  await expect(form.getByRole('status')).toHaveText(`Created ${SCHEDULE}.`);
}

async function deleteSchedule(page: Page) {
  const form = await scheduleForm(page, `Delete ${SCHEDULE}`);
  await form.getByRole('button', { name: 'Delete' }).click();
  await expect(form).toHaveCount(0);
}

/** Exported name by action id of every form action (an action taking FormData) in the build being served. */
function formActionNames(): Map<string, string> {
  const manifest = JSON.parse(fs.readFileSync(path.join('.next', 'server', 'server-reference-manifest.json'), 'utf8')) as { node: Record<string, { filename: string; exportedName: string }> };
  const names = new Map<string, string>();
  for (const [id, { filename, exportedName }] of Object.entries(manifest.node)) {
    if (new RegExp(`export async function ${exportedName}\\([^)]*FormData`).test(fs.readFileSync(filename, 'utf8'))) names.set(id, exportedName);
  }
  return names;
}

/** Submits generated samples through one form; what went wrong, one line each. */
async function fuzzForm(page: Page, url: string, info: FormInfo, seed: number): Promise<string[]> {
  const failures: string[] = [];
  const original = await formLocator(page, info).evaluate((f) => window.fuzzFields(f as HTMLFormElement).map((e) => e.value));
  let accepted = false;
  const trySample = async (form: Locator, sample: Sample): Promise<string[]> => {
    const keep = sample.keep && KEEPS_REAL_IDS.test(info.label);
    const before = tableDigests();
    await fill(form, info.kinds.map((kind, i) => (kind !== 'hidden' ? sample.values[i] : keep ? null : sample.ids[i])), sample.checked, sample.file);
    const outcome = await submit(page, form);
    accepted ||= outcome.accepted;
    if (outcome.accepted) test.info().annotations.push({ type: 'accepted', description: `${url} «${info.label}»: ${outcome.message}` });
    const after = tableDigests();
    const written = Object.keys({ ...before, ...after }).filter((t) => before[t] !== after[t]);
    if (!outcome.accepted && written.length) outcome.problems.push(`refused ("${outcome.message.slice(0, 100)}") but wrote to ${written.join(', ')}`);
    return outcome.problems;
  };
  await fc.assert(
    fc.asyncProperty(sampleFor(info), async (sample) => {
      const form = formLocator(page, info);
      if (!(await form.count())) return true; // an accepted sample took it away (an exception was requested)
      const problems = await trySample(form, sample).catch((err: Error) => [err.message.split('\n')[0]]);
      for (const p of problems) failures.push(`${url} «${info.label}» ${p}; sample ${JSON.stringify(sample).slice(0, 300)}`);
      if (problems.length) await page.goto(url);
      return true;
    }),
    { numRuns: RUNS_PER_FORM, seed, endOnFailure: true },
  );
  if (accepted && RESTORED.test(info.label)) {
    const form = formLocator(page, info);
    await fill(form, original, [], { name: 'x', bytes: [] });
    if (!(await submit(page, form)).accepted) failures.push(`${url} «${info.label}» could not be restored`);
  }
  return failures;
}

test('server-action forms answer generated bad input with a message, never a 5xx, and refusals write nothing', async ({ page }) => {
  test.setTimeout(420_000);
  const actionNames = formActionNames();
  const exercised = new Set<string>();
  page.on('request', (r) => {
    const id = r.headers()['next-action'];
    if (id) exercised.add(actionNames.get(id) ?? id);
  });
  await page.addInitScript(installFieldLister);
  await signInAs(page, 'admin');
  const pages = [
    ...discoverRoutes()
      .filter((r) => r.startsWith('page ') && !r.includes('[') && !['page /', 'page /signin'].includes(r))
      .map((r) => r.slice('page '.length)),
    ...sampleRecordPages(),
  ];
  const failures: string[] = [];
  let seed = 20261129;
  await addSchedule(page);
  try {
    for (const url of pages) {
      await test.step(url, async () => {
        await page.goto(url);
        for (const info of await serverActionForms(page)) failures.push(...(await fuzzForm(page, url, info, seed++)));
      });
    }
  } finally {
    await deleteSchedule(page);
  }
  expect(failures).toEqual([]);
  const missed = [...new Set(actionNames.values())].filter((name) => !exercised.has(name) && !(name in NOT_REACHED));
  expect(missed, 'form actions no page exercised').toEqual([]);
});
