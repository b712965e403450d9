import { expect } from 'vitest';
import { controlCases } from './cases';
import { asSelf, missing } from './fixtures';

controlCases('RED-INV-001', [
  { name: 'environment and classification overrides: pass', status: 'pass' },
  {
    name: 'resolved from tags, case-insensitive keys',
    ctx: (c) => (c.instance = { id: 'i', description: 'cache', tags: { environment: 'prod', 'Data-Class': 'PHI' } }),
    status: 'pass',
  },
  {
    name: 'missing description is advisory only',
    ctx: (c) => (c.instance!.description = undefined),
    status: 'pass',
    check: (r) => expect(r.observed).toMatchObject({ advisory: expect.stringMatching(/description/) }),
  },
  { name: 'no environment: fail', ctx: (c) => (c.instance = { id: 'i', classification: 'PHI' }), status: 'fail', reason: /environment not set/ },
  { name: 'no classification tag: fail', ctx: (c) => (c.instance = { id: 'i', tags: { env: 'prod' } }), status: 'fail', reason: /classification/ },
  { name: 'no inventory record supplied: not_assessable', ctx: (c) => delete c.instance, status: 'not_assessable', reason: /inventory/ },
]);

controlCases('RED-INV-002', [
  { name: 'this snapshot completed: pass', status: 'pass' },
  {
    name: 'unreachable now, last complete snapshot 1 h ago: pass',
    facts: (f) => (f.connection.scannerAuth = missing('refused', 'connect ECONNREFUSED')),
    status: 'pass',
  },
  {
    name: 'unreachable for 3 days: fail',
    facts: (f) => (f.connection.scannerAuth = missing('refused')),
    ctx: (c) => {
      c.records!.lastCompleteSnapshotAt = '2026-05-29T12:00:00.000Z';
      delete c.previousFacts;
    },
    status: 'fail',
    reason: /72 h old/,
  },
  {
    name: 'never assessed: fail (never not_assessable)',
    facts: (f) => (f.connection.scannerAuth = missing('noauth', 'WRONGPASS')),
    ctx: (c) => {
      delete c.records;
      delete c.previousFacts;
    },
    status: 'fail',
    reason: /never assessed/,
  },
  {
    name: 'a stale previous snapshot does not count as fresh',
    facts: (f) => (f.connection.scannerAuth = missing('timeout')),
    ctx: (c) => {
      delete c.records;
      asSelf(c.previousFacts).meta.finishedAt = '2026-05-25T00:00:00.000Z';
    },
    status: 'fail',
  },
]);
