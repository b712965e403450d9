// RED-ROT-002 on self: rotation detected from a new password fingerprint (in this snapshot or
// stored from earlier ones) or recorded by hand; unknown age is not_assessable, never a pass.
import { expect } from 'vitest';
import type { EvaluationContext } from '@/lib/controls/context';
import { controlCases } from './cases';
import { iso, missing, previousFacts } from './fixtures';

const DAY = 86_400_000;

function onlyObservations(c: EvaluationContext, firstSeenDaysAgo: number) {
  c.records!.rotations = [];
  c.records!.credentialObservations = ['app', 'repl', 'scanner', 'admin'].map((name) => ({
    kind: 'acl_password' as const,
    subject: `user ${name}`,
    firstSeenAt: iso(-firstSeenDaysAgo * DAY),
    currentSince: iso(-firstSeenDaysAgo * DAY),
    digest: 'd',
  }));
}

controlCases('RED-ROT-002', [
  { name: 'every password user rotated 100 days ago: pass', status: 'pass', check: (r) => expect(r.evidenceRefs).toContain('records/rotation/rot-app') },
  {
    name: 'one user last rotated 400 days ago: fail',
    ctx: (c) => (c.records!.rotations!.find((r) => r.id === 'rot-app')!.rotatedAt = iso(-400 * DAY)),
    status: 'fail',
    reason: /app: password last rotated 400 days ago/,
  },
  { name: 'fingerprint unchanged for 400 observed days: fail', ctx: (c) => onlyObservations(c, 400), status: 'fail', reason: /unchanged for 400 observed days/ },
  { name: 'observed only 30 days, no rotation: not_assessable', ctx: (c) => onlyObservations(c, 30), status: 'not_assessable', reason: /age is unknown/ },
  {
    name: 'a new fingerprint since the previous snapshot counts as a rotation now',
    ctx: (c) => {
      onlyObservations(c, 400);
      c.previousFacts = previousFacts((f) => {
        if (f.acl.users.ok) for (const u of f.acl.users.value) u.passwords.fingerprints = [`old-${u.name}`];
      });
    },
    status: 'pass',
    check: (r) => expect(JSON.stringify(r.observed)).toContain('this snapshot'),
  },
  {
    name: 'a manual rotation record counts',
    ctx: (c) => {
      onlyObservations(c, 400);
      c.records!.rotations = ['app', 'repl', 'scanner', 'admin'].map((name) => ({ id: `m-${name}`, kind: 'acl_password' as const, subject: `user ${name}`, rotatedAt: iso(-10 * DAY), detectedFrom: 'manual' as const }));
    },
    status: 'pass',
  },
  {
    name: 'no enabled password user: not_applicable',
    facts: (f) => f.acl.users.ok && (f.acl.users.value = f.acl.users.value.filter((u) => u.passwords.count === 0)),
    status: 'not_applicable',
  },
  { name: 'ACL unreadable: not_assessable', facts: (f) => (f.acl.users = missing('noperm')), status: 'not_assessable' },
  { name: 'ACL timed out: error', facts: (f) => (f.acl.users = missing('timeout')), status: 'error' },
  { name: 'no record store: not_assessable', ctx: (c) => delete c.records, status: 'not_assessable', reason: /no record store/ },
  {
    name: 'never puts fingerprints in the evidence',
    status: 'pass',
    check: (r) => expect(JSON.stringify(r)).not.toMatch(/fp-(app|repl|scanner|admin)/),
  },
]);
