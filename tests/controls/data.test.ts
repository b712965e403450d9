import type { KeyspaceAudit } from '@/lib/facts/common';
import type { SelfHostedFacts } from '@/lib/facts/self-hosted';
import { controlCases } from './cases';
import { missing } from './fixtures';

const audit = (f: SelfHostedFacts): KeyspaceAudit => {
  if (!f.keyspace.ok) throw new Error('keyspace missing');
  return f.keyspace.value;
};
const cls = (f: SelfHostedFacts, name: string) => audit(f).classes.find((c) => c.name === name)!;
const partial = (f: SelfHostedFacts) => Object.assign(audit(f), { coverage: 'partial', coverageReason: 'time budget', coveredFraction: 0.4 });

const commonGates = [
  {
    name: 'CLI run without --keyspace: not_assessable, says how to request it',
    facts: (f: SelfHostedFacts) => (f.keyspace = missing('disabled', 'keyspace audit not requested (--keyspace)')),
    status: 'not_assessable' as const,
    reason: /keyspace audit not requested \(--keyspace\)/,
  },
  { name: 'keyspace audit disabled: not_assessable', facts: (f: SelfHostedFacts) => (f.keyspace = missing('disabled', 'keyspace audit not enabled')), status: 'not_assessable' as const, reason: /not enabled/ },
  { name: 'no data-plane access: error', facts: (f: SelfHostedFacts) => (f.keyspace = missing('refused')), status: 'error' as const },
  { name: 'non-PHI instance: not_applicable', ctx: (c: { instance?: { classification?: string } }) => (c.instance!.classification = 'public'), status: 'not_applicable' as const },
];

controlCases('RED-DATA-001', [
  { name: 'every session / phi_cache key expires: pass', status: 'pass' },
  {
    name: 'session keys without expiry: fail',
    facts: (f) => Object.assign(cls(f, 'session'), { keysWithoutTtl: 1204, topPatternsWithoutTtl: [{ pattern: 'session:{token}', count: 1204 }] }),
    status: 'fail',
    reason: /session: 1204 key\(s\) without expiry \(session:\{token\}\)/,
  },
  { name: 'partial run without violation: not_assessable with the covered share', facts: partial, status: 'not_assessable', reason: /40 % of keys covered/ },
  { name: 'partial run with a violation: fail', facts: (f) => { partial(f); cls(f, 'phi_cache').keysWithoutTtl = 3; }, status: 'fail' },
  { name: 'unclassified instance is treated as PHI', ctx: (c) => (c.instance!.classification = undefined), status: 'pass' },
  ...commonGates,
]);

controlCases('RED-DATA-002', [
  { name: 'TTLs within class maxima: pass', status: 'pass' },
  {
    name: 'phi_cache keys with TTL 86 400 s: fail',
    facts: (f) => Object.assign(cls(f, 'phi_cache'), { keysOverMaxTtl: 12, maxTtlSeenSeconds: 86_400 }),
    status: 'fail',
    reason: /phi_cache: 12 key\(s\) over 300 s/,
  },
  { name: 'partial run: not_assessable', facts: partial, status: 'not_assessable' },
  ...commonGates,
]);

controlCases('RED-DATA-003', [
  { name: 'no detector hits: pass', status: 'pass' },
  {
    name: 'SSNs in patient values: fail',
    facts: (f) => audit(f).values.hits.push({ detector: 'ssn', keyClass: 'unclassified', pattern: 'patient:{n}', count: 37, excerpts: ['{"name":⟨str⟩,"ssn":⟨SSN⟩}'] }),
    status: 'fail',
    reason: /SSN in 37 sampled value\(s\) of patient:\{n\}/,
  },
  {
    name: 'field-name hints alone do not fail',
    facts: (f) => audit(f).values.hits.push({ detector: 'field_name_hint', keyClass: 'session', pattern: 'session:{token}', count: 4, excerpts: [] }),
    status: 'pass',
  },
  { name: 'value sampling off: not_assessable', facts: (f) => (audit(f).values.enabled = false), status: 'not_assessable', reason: /not enabled/ },
  { name: 'nothing sampled: not_assessable', facts: (f) => (audit(f).values.sampled = 0), status: 'not_assessable' },
  ...commonGates,
]);

controlCases('RED-DATA-004', [
  { name: 'no identifiers in key names: pass', status: 'pass' },
  {
    name: 'emails in key names: fail',
    facts: (f) => audit(f).keyNameHits.push({ detector: 'email', keyClass: 'unclassified', pattern: 'session-by-email:{email}', count: 90, excerpts: [] }),
    status: 'fail',
    reason: /session-by-email:\{email\}: 90/,
  },
  ...commonGates,
]);

controlCases('RED-DATA-005', [
  { name: 'phi_cache values are ciphertext: pass', status: 'pass' },
  {
    name: 'plaintext JSON in phi_cache: fail',
    facts: (f) => Object.assign(audit(f).values.phiCache, { plaintextLike: 4, ciphertextLike: 6 }),
    status: 'fail',
    reason: /4 of 10/,
  },
  { name: 'no phi_cache keys: not_applicable', facts: (f) => (cls(f, 'phi_cache').keys = 0), status: 'not_applicable' },
  { name: 'value sampling off: not_assessable', facts: (f) => (audit(f).values.enabled = false), status: 'not_assessable' },
  ...commonGates,
]);

controlCases('RED-DATA-006', [
  { name: '2 % unclassified: pass', status: 'pass' },
  {
    name: '40 % unclassified: fail',
    facts: (f) => Object.assign(audit(f).unclassified, { keys: 40, topPatterns: [{ pattern: 'cache:{s}:{n}', count: 40 }] }),
    status: 'fail',
    reason: /40 % .*cache:\{s\}:\{n\}/,
  },
  ...commonGates,
]);

controlCases('RED-DATA-007', [
  { name: 'allowlisted verbs, replica target, complete, read-only scanner: pass', status: 'pass' },
  {
    name: 'scanner user can write: fail',
    facts: (f) => {
      if (f.acl.dryRun.ok) for (const e of f.acl.dryRun.value) if (e.user === 'scanner' && e.command === 'SET') Object.assign(e, { verdict: 'allowed', deniedOn: null });
    },
    status: 'fail',
    reason: /scanner user scanner can write/,
  },
  {
    name: 'audit read the primary although a replica exists: fail',
    facts: (f) => (audit(f).targetRole = 'master'),
    status: 'fail',
    reason: /primary although a replica exists/,
  },
  { name: 'a verb outside the allowlist: fail', facts: (f) => (audit(f).commandsSent.get = 5), status: 'fail', reason: /get/ },
  { name: 'partial coverage: not_assessable', facts: partial, status: 'not_assessable', reason: /partial/ },
  {
    name: 'primary read because the listed replica was unreachable from the scanner: not_assessable, says which',
    facts: (f) =>
      Object.assign(audit(f), {
        targetRole: 'master',
        replicas: [{ endpoint: '10.0.1.6:6380', source: 'role', outcome: 'unreachable', reason: 'ECONNREFUSED' }],
      }),
    status: 'not_assessable',
    reason: /10\.0\.1\.6:6380 not reachable from the scanner/,
  },
  {
    name: 'primary read because the listed replica had lost its primary: not_assessable, says which',
    facts: (f) =>
      Object.assign(audit(f), {
        targetRole: 'master',
        replicas: [
          { endpoint: '10.0.9.9:6379', source: 'inventory', outcome: 'other_primary', reason: 'it replicates another primary' },
          { endpoint: '10.0.1.6:6380', source: 'role', outcome: 'not_in_sync', reason: 'its link to the primary is "connect" (ROLE)' },
        ],
      }),
    status: 'not_assessable',
    reason: /10\.0\.1\.6:6380 not in sync with its primary/,
  },
  {
    name: 'primary read although the listed replica answered as a primary: fail',
    facts: (f) =>
      Object.assign(audit(f), {
        targetRole: 'master',
        replicas: [{ endpoint: '10.0.1.6:6380', source: 'role', outcome: 'not_a_replica', reason: 'ROLE says master' }],
      }),
    status: 'fail',
    reason: /primary although a replica exists/,
  },
  {
    name: 'single shared credential: scanner-rights sub-check not applicable, stated in observed',
    facts: (f) => (f.meta.scannerUser = null),
    ctx: (c) => (c.thresholds = { ...c.thresholds, scannerUser: undefined }),
    status: 'pass',
  },
  ...commonGates,
]);
