// Every page and route handler × every role (plus signed-out and out-of-window), generated from the
// app/ folder so a new route cannot be forgotten: a route missing from ROUTE_PERMISSIONS fails here.
import Database from 'better-sqlite3';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { can, ROLES, type Permission } from '../lib/auth/roles';
import { demoAccount, signInWithApi } from './support/auth';
import { discoverRoutes } from './support/routes';
import { ensureSampleTicket } from './support/sample-ticket';
import { E2E_DB_FILE } from './support/state';

/** Route → permission it requires; `public` routes need none. */
const ROUTE_PERMISSIONS: Record<string, Permission | 'public'> = {
  'page /': 'public',
  'page /signin': 'public',
  'page /dashboard': 'dashboard:view',
  'page /instances': 'instances:view',
  'page /inventory': 'instances:view',
  'page /audit-log': 'audit-log:view',
  'page /admin/users': 'users:manage',
  'page /connections': 'connections:view',
  'page /instances/[id]': 'results:view',
  'page /snapshots/[id]': 'results:view',
  'page /account/security': 'account:manage',
  'page /settings': 'settings:manage',
  'GET /api/scan-runs/[id]': 'results:view',
  'page /evidence': 'evidence:view',
  'page /evidence/verify': 'evidence:view',
  'GET /api/evidence/[id]': 'evidence:view',
  'GET /api/evidence/[id]/download': 'evidence:download',
  'GET /api/evidence/public-key': 'evidence:view',
  // An empty upload gets a verification report (ok: false) like any file that does not verify.
  'POST /api/evidence/verify': 'evidence:view',
  'GET /api/health': 'public',
  'GET /api/instances': 'instances:view',
  'page /results': 'results:view',
  'GET /api/results': 'results:view',
  'GET /api/dashboard/trend': 'dashboard:view',
  'GET /api/dashboard/activity': 'dashboard:view',
  'page /findings': 'findings:view',
  'page /findings/[id]': 'findings:view',
  'page /tickets': 'tickets:view',
  'page /tickets/[id]': 'tickets:view',
  'page /schedules': 'schedules:view',
  'page /settings/webhooks': 'webhooks:manage',
  'GET /api/findings': 'findings:view',
  'GET /api/findings/[id]': 'findings:view',
  'GET /api/tickets': 'tickets:view',
  'GET /api/tickets/[id]': 'tickets:view',
  'page /drills': 'drills:view',
  'page /rotations': 'rotations:view',
  'page /records': 'records:view',
  'GET /api/attachments/[id]': 'records:view',
  'GET /api/auth/[...nextauth]': 'public',
  'POST /api/auth/[...nextauth]': 'public',
};

/** Real ids from the e2e database for dynamic segments (the server scanned the demo fleet). */
function sampleIds(): Record<string, string> {
  const dbh = new Database(E2E_DB_FILE, { readonly: true });
  try {
    const one = (sql: string) => (dbh.prepare(sql).get() as { id: string } | undefined)?.id ?? 'missing';
    return {
      '/instances/[id]': one('SELECT id FROM "Instance" LIMIT 1'),
      '/snapshots/[id]': one('SELECT id FROM "FactsSnapshot" LIMIT 1'),
      '/api/scan-runs/[id]': one('SELECT id FROM "ScanRun" LIMIT 1'),
      '/api/evidence/[id]': one(`SELECT id FROM "EvidencePackage" WHERE status = 'ready' LIMIT 1`),
      '/api/evidence/[id]/download': one(`SELECT id FROM "EvidencePackage" WHERE status = 'ready' LIMIT 1`),
      '/findings/[id]': one('SELECT id FROM "Finding" LIMIT 1'),
      '/api/findings/[id]': one('SELECT id FROM "Finding" LIMIT 1'),
      '/tickets/[id]': ensureSampleTicket(),
      '/api/tickets/[id]': ensureSampleTicket(),
      // The demo organisation's DR plan carries an attached runbook (lib/records/seed-demo-records.ts).
      '/api/attachments/[id]': one('SELECT id FROM "Attachment" LIMIT 1'),
    };
  } finally {
    dbh.close();
  }
}

function concrete(route: string): string {
  const [method, url] = route.split(' ');
  if (!url.includes('[')) return route;
  const id = sampleIds()[url];
  if (!id) throw new Error(`no sample id for ${url}: add one to sampleIds()`);
  return `${method} ${url.replace(/\[[^\]]+\]/, id)}`;
}

const routes = discoverRoutes();
const guarded = routes.filter((r) => ROUTE_PERMISSIONS[r] !== 'public');

test('every route in app/ has an entry in the authorization matrix', () => {
  expect(routes.filter((r) => !(r in ROUTE_PERMISSIONS))).toEqual([]);
});

async function statusOf(request: APIRequestContext, route: string) {
  const [method, url] = concrete(route).split(' ');
  const response = await request.fetch(url, { method: method === 'page' ? 'GET' : method, maxRedirects: 0 });
  return { status: response.status(), location: response.headers()['location'] ?? '' };
}

test('signed out: pages redirect to sign-in, APIs answer 401', async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL });
  for (const route of guarded) {
    const { status, location } = await statusOf(request, route);
    if (route.startsWith('page')) {
      expect(status, route).toBe(307);
      expect(location, route).toMatch(/\/signin/);
    } else expect(status, route).toBe(401);
  }
});

for (const role of ROLES) {
  test(`${role}: allowed routes answer 200, the others 403`, async ({ playwright, baseURL }) => {
    const request = await playwright.request.newContext({ baseURL });
    const account = demoAccount(role);
    expect(await signInWithApi(request, account.email, account.password)).toBe(200);
    for (const route of guarded) {
      const permission = ROUTE_PERMISSIONS[route] as Permission;
      const { status } = await statusOf(request, route);
      expect(status, `${role} ${route}`).toBe(can(role, permission) ? 200 : 403);
    }
  });
}

test('an auditor whose window ends mid-session is refused on the next request', async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL });
  const auditor = demoAccount('auditor');
  expect(await signInWithApi(request, auditor.email, auditor.password)).toBe(200);
  expect((await statusOf(request, 'page /dashboard')).status).toBe(200);
  const dbh = new Database(E2E_DB_FILE);
  const original = dbh.prepare('SELECT validUntil FROM "User" WHERE email = ?').get(auditor.email) as { validUntil: unknown };
  try {
    dbh.prepare('UPDATE "User" SET validUntil = ? WHERE email = ?').run(new Date(Date.now() - 60_000).toISOString(), auditor.email);
    for (const route of guarded) {
      const { status, location } = await statusOf(request, route);
      if (route.startsWith('page')) {
        expect(status, route).toBe(307);
        expect(decodeURIComponent(location), route).toMatch(/signin\?error=Access ended/);
      } else expect(status, route).toBe(401);
    }
  } finally {
    dbh.prepare('UPDATE "User" SET validUntil = ? WHERE email = ?').run(original.validUntil, auditor.email);
    dbh.close();
  }
});
