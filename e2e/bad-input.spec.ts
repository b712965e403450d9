// Generated bad input (fast-check) against every route handler and page: never a 5xx, and nothing
// written by a refused request. Signed in as an administrator, so authorization is not what stops it.
import fc from 'fast-check';
import { expect, test } from '@playwright/test';
import { demoAccount, signInWithApi } from './support/auth';
import { rowCounts } from './support/row-counts';
import { discoverRoutes } from './support/routes';

// Sign-in endpoints are exercised by their own tests (a random sign-out would end this session).
const routes = discoverRoutes().filter((r) => !r.includes('/api/auth/'));

const segment = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('0', '-1', '..', '%00', 'null', "' OR 1=1 --", 'a'.repeat(300), '😀'));
const queryValue = fc.oneof(fc.string({ maxLength: 30 }), fc.integer().map(String), fc.constantFrom('', '[]', '{}', 'NaN', '9'.repeat(40)));
const query = fc.dictionary(fc.constantFrom('page', 'pageSize', 'sort', 'status', 'from', 'to', 'q', 'id', 'format', 'scope'), queryValue, { maxKeys: 4 });
const body = fc.oneof(fc.json(), fc.string({ maxLength: 200 }), fc.constant('{"unterminated":'));

test('no route answers 5xx or writes anything for generated bad input', async ({ playwright, baseURL }) => {
  test.setTimeout(300_000);
  const request = await playwright.request.newContext({ baseURL });
  const admin = demoAccount('admin');
  expect(await signInWithApi(request, admin.email, admin.password)).toBe(200);
  const before = rowCounts();
  const failures: string[] = [];
  for (const route of routes) {
    const [kind, pattern] = route.split(' ');
    const method = kind === 'page' ? 'GET' : kind;
    await fc.assert(
      fc.asyncProperty(fc.array(segment, { minLength: 3, maxLength: 3 }), query, body, async (segments, params, payload) => {
        let i = 0;
        const url = pattern.replace(/\[[^\]]+\]/g, () => encodeURIComponent(segments[i++] || 'x'));
        const qs = new URLSearchParams(params).toString();
        const response = await request.fetch(`${url}${qs ? `?${qs}` : ''}`, {
          method,
          data: method === 'GET' ? undefined : payload,
          headers: method === 'GET' ? undefined : { 'content-type': typeof payload === 'string' ? 'text/plain' : 'application/json' },
          maxRedirects: 0,
        });
        if (response.status() >= 500) failures.push(`${method} ${url}?${qs} → ${response.status()}`);
        return response.status() < 500;
      }),
      { numRuns: 12, seed: 20261129, endOnFailure: true },
    ).catch(() => undefined);
  }
  expect(failures).toEqual([]);
  expect(rowCounts()).toEqual(before);
});
