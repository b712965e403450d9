// The probe against real redis-server processes in each posture: the facts it records.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSTURES, seedPhiProblems, type PostureName, type StartedSandbox } from '@/lib/redis-sandbox';
import { probeRedis } from '@/lib/probe/redis';
import type { SelfHostedFacts } from '@/lib/facts/self-hosted';
import { startPostures, targetFor, TEST_FINGERPRINT_KEY } from '../support/sandbox-targets';

let sandboxes: Record<PostureName, StartedSandbox>;
let stopAll: () => Promise<unknown>;
const facts = {} as Record<PostureName, SelfHostedFacts>;

beforeAll(async () => {
  ({ sandboxes, stopAll } = await startPostures(POSTURES));
  await seedPhiProblems(sandboxes.phiProblems);
  await Promise.all(
    POSTURES.map(async (p) => {
      facts[p] = await probeRedis(targetFor(sandboxes[p]), {
        fingerprintKey: TEST_FINGERPRINT_KEY,
        keyspace: p === 'phiProblems' ? { readValues: true } : undefined,
      });
    }),
  );
});

afterAll(async () => {
  await stopAll?.();
});

function value<T>(fact: { ok: true; value: T } | { ok: false; outcome: string; reason: string }): T {
  if (!fact.ok) throw new Error(`fact missing: ${fact.outcome} ${fact.reason}`);
  return fact.value;
}

describe('every posture', () => {
  it.each(POSTURES)('%s: scanner session works, engine identified, nothing blocked, no secret in the snapshot', (p) => {
    const f = facts[p];
    expect(f.platform).toBe('self');
    expect(f.connection.scannerAuth.ok).toBe(true);
    expect(value(f.server)).toMatchObject({ engine: 'redis', major: 7 });
    expect(f.meta.commandsBlocked).toEqual([]);
    const text = JSON.stringify(f);
    for (const user of sandboxes[p].users) if (user.password) expect(text).not.toContain(user.password);
    // Unsalted ACL hashes never appear: only keyed fingerprints.
    expect(text).not.toMatch(/#[0-9a-f]{64}\b/);
    expect(f.meta.target).not.toContain('@');
  });
});

describe('hardened', () => {
  it('records TLS 1.2/1.3 only, modern suites, verified chain, mTLS, no plaintext', () => {
    const tls = facts.hardened.tls;
    expect(value(tls.handshakes.TLSv1).result).toBe('refused');
    expect(value(tls.handshakes['TLSv1.1']).result).toBe('refused');
    expect(value(tls.handshakes['TLSv1.2'])).toMatchObject({ result: 'accepted', negotiatedVersion: 'TLSv1.2' });
    expect(value(tls.handshakes['TLSv1.3'])).toMatchObject({ result: 'accepted', negotiatedVersion: 'TLSv1.3' });
    expect(value(tls.legacyCipherOffer).result).toBe('refused');
    expect(value(tls.verification)).toMatchObject({ chainVerified: true, hostnameMatches: true });
    expect(value(tls.clientCertRequired).required).toBe(true);
    const leaf = value(tls.certificateChain)[0];
    expect(leaf.subjectAltNames).toContain('IP Address:127.0.0.1');
    expect(leaf.keyType).toBe('EC');
    expect(value(facts.hardened.plaintext).every((p) => !p.answered)).toBe(true);
    expect(value(facts.hardened.connection.unauthenticatedPing).reply).toBe('NOAUTH');
  });

  it('records config, ACL users with fingerprints, renamed commands, persistence', () => {
    const config = value(facts.hardened.config);
    expect(config.values).toMatchObject({ port: '0', 'tls-auth-clients': 'yes', appendonly: 'yes', appendfsync: 'everysec', timeout: '300', loglevel: 'notice' });
    expect(config.secrets.requirepass).toEqual({ set: false, fingerprint: null });
    const users = value(facts.hardened.acl.users);
    const byName = Object.fromEntries(users.map((u) => [u.name, u]));
    expect(byName.default.enabled).toBe(false);
    expect(byName.app).toMatchObject({ enabled: true, nopass: false, allKeys: false, allCommands: false, keyPatterns: ['~app:*'] });
    expect(byName.app.passwords.count).toBe(1);
    expect(byName.app.passwords.fingerprints[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(byName.admin.allCommands).toBe(true);
    const commands = value(facts.hardened.commands);
    expect(commands).toMatchObject({ FLUSHALL: 'missing', FLUSHDB: 'missing', DEBUG: 'missing', CONFIG: 'present' });
    expect(value(facts.hardened.persistence)).toMatchObject({ aofEnabled: true, rdbLastBgsaveStatus: 'ok' });
    const dry = value(facts.hardened.acl.dryRun);
    expect(dry.find((d) => d.user === 'app' && d.command === 'SHUTDOWN')).toMatchObject({ verdict: 'denied', deniedOn: 'command' });
    expect(dry.find((d) => d.user === 'scanner' && d.command === 'SET')).toMatchObject({ verdict: 'denied', deniedOn: 'command' });
  });

  it('records the clock, role and clients', () => {
    const clock = value(facts.hardened.clock);
    expect(Math.abs(clock.skewMs)).toBeLessThan(5000);
    expect(value(facts.hardened.role)).toMatchObject({ role: 'master', replicas: [] });
    const clients = value(facts.hardened.clients);
    expect(clients.find((c) => c.self)).toMatchObject({ user: 'scanner' });
    expect(Object.keys(clients[0]).sort()).toEqual(['addr', 'flags', 'self', 'user']);
  });
});

describe('insecureDefaults', () => {
  it('records plaintext PONG without auth, no TLS listener, protected-mode off, nopass default', () => {
    const f = facts.insecureDefaults;
    expect(value(f.connection.unauthenticatedPing).reply).toBe('PONG');
    expect(value(f.plaintext)[0]).toMatchObject({ answered: true, reply: 'PONG' });
    expect(f.tls.endpoint).toBeNull();
    expect(f.tls.handshakes.TLSv1).toMatchObject({ ok: false, outcome: 'not_collected' });
    expect(value(f.config).values['protected-mode']).toBe('no');
    expect(value(f.acl.users)).toEqual([expect.objectContaining({ name: 'default', enabled: true, nopass: true, allCommands: true, allKeys: true })]);
  });
});

describe('legacyTls', () => {
  it('records TLS 1.0/1.1 accepted, the legacy suite offer accepted and the plaintext port answering', () => {
    const f = facts.legacyTls;
    expect(value(f.tls.handshakes.TLSv1)).toMatchObject({ result: 'accepted', negotiatedVersion: 'TLSv1' });
    expect(value(f.tls.handshakes['TLSv1.1'])).toMatchObject({ result: 'accepted', negotiatedVersion: 'TLSv1.1' });
    expect(value(f.tls.legacyCipherOffer).result).toBe('accepted');
    const plain = value(f.plaintext);
    expect(plain.find((p) => p.listener === 'port')).toMatchObject({ answered: true, reply: 'NOAUTH' });
    expect(value(f.tls.clientCertRequired).required).toBe(false);
    // requirepass and the default user's ACL password have the same fingerprint.
    const requirepass = value(f.config).secrets.requirepass!;
    expect(requirepass.set).toBe(true);
    expect(value(f.acl.users)[0].passwords.fingerprints).toEqual([requirepass.fingerprint]);
  });
});

describe('expiredCert', () => {
  it('assesses the server anyway and records the expired leaf and the failed verification', () => {
    const f = facts.expiredCert;
    expect(f.connection.scannerAuth.ok).toBe(true);
    const leaf = value(f.tls.certificateChain)[0];
    expect(new Date(leaf.notAfter).getTime()).toBeLessThan(Date.now());
    expect(value(f.tls.verification)).toMatchObject({ chainVerified: false, chainError: 'CERT_HAS_EXPIRED' });
  });
});

describe('weakAcl', () => {
  it('records the +@all app user, the nopass user and dangerous commands allowed', () => {
    const users = Object.fromEntries(value(facts.weakAcl.acl.users).map((u) => [u.name, u]));
    expect(users.app).toMatchObject({ enabled: true, allCommands: true, allKeys: true });
    expect(users.metrics).toMatchObject({ enabled: true, nopass: true });
    const dry = value(facts.weakAcl.acl.dryRun);
    expect(dry.find((d) => d.user === 'worker' && d.command === 'FLUSHALL')?.verdict).toBe('allowed');
    expect(dry.find((d) => d.user === 'app' && d.command === 'CONFIG SET')?.verdict).toBe('allowed');
  });
});

describe('configRenamed / configDenied', () => {
  it('records CONFIG as unknown_command when renamed and noperm when denied, other facts still collected', () => {
    expect(facts.configRenamed.config).toMatchObject({ ok: false, outcome: 'unknown_command' });
    expect(value(facts.configRenamed.commands).CONFIG).toBe('missing');
    expect(facts.configDenied.config).toMatchObject({ ok: false, outcome: 'noperm' });
    expect(facts.configDenied.acl.users.ok).toBe(true);
    expect(facts.configDenied.info.ok).toBe(true);
  });
});

describe('phiProblems keyspace audit', () => {
  it('counts sessions without TTL, over-long phi_cache TTLs, SSNs in key names and PHI in values — masked', () => {
    const audit = value(facts.phiProblems.keyspace);
    expect(audit.coverage).toBe('complete');
    expect(audit.keysScanned).toBe(100);
    const cls = Object.fromEntries(audit.classes.map((c) => [c.name, c]));
    expect(cls.session).toMatchObject({ keys: 40, keysWithoutTtl: 20 });
    expect(cls.phi_cache).toMatchObject({ keys: 20, keysOverMaxTtl: 20, maxTtlSeenSeconds: 86400 });
    expect(audit.keyNameHits).toContainEqual(expect.objectContaining({ detector: 'ssn', pattern: 'patient:{ssn}', count: 20 }));
    const ssnValues = audit.values.hits.find((h) => h.detector === 'ssn' && h.keyClass === 'unclassified');
    expect(ssnValues?.excerpts[0]).toContain('"ssn":⟨SSN⟩');
    expect(audit.values.phiCache.plaintextLike).toBeGreaterThan(0);
    expect(Object.keys(audit.commandsSent).sort()).toEqual(['dbsize', 'getrange', 'info', 'pttl', 'role', 'scan', 'select', 'type']);
    // Neither raw key names nor values are stored.
    const text = JSON.stringify(audit);
    expect(text).not.toMatch(/\d{3}-\d{2}-\d{4}/);
    expect(text).not.toContain('example.org');
  });

  it('reports the keyspace audit as disabled when it was not requested', () => {
    expect(facts.hardened.keyspace).toMatchObject({ ok: false, outcome: 'disabled' });
  });
});
