// Full scans (probe → controls) of real servers: the verdicts a security engineer would give.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSTURES, seedPhiProblems, type PostureName, type StartedSandbox } from '@/lib/redis-sandbox';
import { DEFAULT_THRESHOLDS } from '@/lib/controls';
import type { ControlResult, ControlStatus } from '@/lib/controls/types';
import { scanTarget, scanTargets, type ScanProgressEvent, type ScanTargetResult } from '@/lib/scan';
import { startPostures, targetFor, TEST_FINGERPRINT_KEY } from '../support/sandbox-targets';

let sandboxes: Record<PostureName, StartedSandbox>;
let stopAll: () => Promise<unknown>;
const scans = {} as Record<PostureName, ScanTargetResult>;
let wrongPassword: ScanTargetResult;
let unreachable: ScanTargetResult;
let renamedWithAlias: ScanTargetResult;
let plainToTlsPort: ScanTargetResult;
let tlsToPlainPort: ScanTargetResult;
const progress: ScanProgressEvent[] = [];

const options = {
  thresholds: { ...DEFAULT_THRESHOLDS, adminUsers: ['admin'] },
  fingerprintKey: TEST_FINGERPRINT_KEY,
};

beforeAll(async () => {
  ({ sandboxes, stopAll } = await startPostures(POSTURES));
  await seedPhiProblems(sandboxes.phiProblems);
  const results = await scanTargets(
    POSTURES.map((p) => targetFor(sandboxes[p])),
    { ...options, concurrency: 4, keyspace: 'values', onProgress: (e) => progress.push(e) },
  );
  POSTURES.forEach((p, i) => (scans[p] = results[i]));
  [wrongPassword, unreachable, renamedWithAlias, plainToTlsPort, tlsToPlainPort] = await Promise.all([
    scanTarget(targetFor(sandboxes.hardened, { password: 'not-the-password' }), options),
    scanTarget({ host: '127.0.0.1', port: 1, tls: false }, options),
    scanTarget(targetFor(sandboxes.configRenamed, { configCommand: sandboxes.configRenamed.renamedCommands.CONFIG }), options),
    scanTarget(targetFor(sandboxes.hardened, { tls: false }), { ...options, stepTimeoutMs: 1000 }),
    scanTarget(targetFor(sandboxes.insecureDefaults, { tls: true }), { ...options, stepTimeoutMs: 1000 }),
  ]);
});

afterAll(async () => {
  await stopAll?.();
});

function status(scan: ScanTargetResult, id: string): ControlStatus {
  const result = scan.results.find((r) => r.controlId === id);
  if (!result) throw new Error(`${id} missing from ${scan.target}`);
  return result.status;
}

function result(scan: ScanTargetResult, id: string): ControlResult {
  return scan.results.find((r) => r.controlId === id)!;
}

describe('scan results', () => {
  it.each(POSTURES)('%s: scanned, engine named, evidence on every decided result, no secret anywhere', (p) => {
    const scan = scans[p];
    expect(scan.status).toBe('ok');
    expect(scan.engine).toEqual({ name: 'redis', version: expect.stringMatching(/^7\.\d+\.\d+$/) });
    expect(scan.results.length).toBeGreaterThan(40);
    for (const r of scan.results) {
      if (r.status === 'pass' || r.status === 'fail') expect(r.evidenceRefs.length, r.controlId).toBeGreaterThan(0);
      else expect(r.reason, r.controlId).toBeTruthy();
    }
    const text = JSON.stringify(scan);
    for (const u of sandboxes[p].users) if (u.password) expect(text).not.toContain(u.password);
  });

  it('reports progress for every target', () => {
    expect(progress.filter((e) => e.kind === 'started')).toHaveLength(POSTURES.length);
    expect(progress.filter((e) => e.kind === 'finished').map((e) => (e.kind === 'finished' ? e.completed : 0)).sort((a, b) => a - b)).toEqual(
      POSTURES.map((_, i) => i + 1),
    );
  });
});

describe('hardened', () => {
  it('passes the TLS, authentication and authorization controls', () => {
    for (const id of ['RED-TLS-001', 'RED-TLS-002', 'RED-TLS-003', 'RED-TLS-004', 'RED-TLS-005', 'RED-TLS-007', 'RED-AUTH-001', 'RED-AUTH-002', 'RED-ACL-001', 'RED-ACL-002', 'RED-ACL-003']) {
      expect(status(scans.hardened, id), id).toBe('pass');
    }
    for (const id of ['RED-NET-005', 'RED-CFG-005', 'RED-CFG-006', 'RED-LOG-003', 'RED-BAK-003', 'RED-ROT-003']) expect(status(scans.hardened, id), id).toBe('pass');
  });
});

describe('insecureDefaults', () => {
  it('fails authentication and transport encryption; plaintext is never a pass', () => {
    expect(status(scans.insecureDefaults, 'RED-AUTH-001')).toBe('fail');
    expect(status(scans.insecureDefaults, 'RED-AUTH-002')).toBe('fail');
    expect(status(scans.insecureDefaults, 'RED-TLS-001')).toBe('fail');
    // Catalog §3.3: with TLS off, TLS-002 reports its root cause once through TLS-001.
    const tls002 = result(scans.insecureDefaults, 'RED-TLS-002');
    expect(tls002.status === 'fail' || (tls002.status === 'not_applicable' && tls002.dependsOn === 'RED-TLS-001')).toBe(true);
    expect(status(scans.insecureDefaults, 'RED-NET-001')).toBe('fail');
    expect(scans.insecureDefaults.results.filter((r) => r.controlId.startsWith('RED-TLS') && r.status === 'pass')).toEqual([]);
  });
});

describe('legacyTls', () => {
  it('fails TLS 1.2+ only, plaintext refused, cipher suites and mTLS', () => {
    expect(status(scans.legacyTls, 'RED-TLS-001')).toBe('pass');
    expect(status(scans.legacyTls, 'RED-TLS-002')).toBe('fail');
    expect(status(scans.legacyTls, 'RED-TLS-003')).toBe('fail');
    expect(status(scans.legacyTls, 'RED-TLS-004')).toBe('fail');
    expect(status(scans.legacyTls, 'RED-TLS-005')).toBe('fail');
  });
});

describe('expiredCert', () => {
  it('fails certificate validity and server identity', () => {
    expect(status(scans.expiredCert, 'RED-ROT-003')).toBe('fail');
    expect(status(scans.expiredCert, 'RED-TLS-007')).toBe('fail');
    expect(result(scans.expiredCert, 'RED-TLS-007').reason).toContain('CERT_HAS_EXPIRED');
  });
});

describe('weakAcl', () => {
  it('fails least privilege, destructive commands and passwordless users', () => {
    expect(status(scans.weakAcl, 'RED-ACL-002')).toBe('fail');
    expect(status(scans.weakAcl, 'RED-ACL-003')).toBe('fail');
    expect(status(scans.weakAcl, 'RED-AUTH-002')).toBe('fail');
    expect(result(scans.weakAcl, 'RED-AUTH-002').reason).toContain('metrics');
  });
});

describe('configRenamed / configDenied', () => {
  const configBased = ['RED-NET-001', 'RED-NET-005', 'RED-TLS-001', 'RED-TLS-005', 'RED-CFG-005', 'RED-LOG-002', 'RED-LOG-003'];
  it.each(['configRenamed', 'configDenied'] as const)('%s: config-based controls are not_assessable, never pass', (p) => {
    for (const id of configBased) expect(status(scans[p], id), id).toBe('not_assessable');
    expect(status(scans[p], 'RED-BAK-003')).not.toBe('pass');
  });
  it('with the configured CONFIG alias, the config-based controls are decided again', () => {
    expect(renamedWithAlias.facts!.config.ok).toBe(true);
    expect(status(renamedWithAlias, 'RED-NET-001')).toBe('pass');
    expect(status(renamedWithAlias, 'RED-CFG-005')).toBe('fail');
    expect(status(renamedWithAlias, 'RED-LOG-003')).toBe('fail');
    expect(renamedWithAlias.facts!.meta.commandsSent['config|get']).toBe(2);
    // CONFIG itself stays renamed: it answers nil under its own name.
    expect(renamedWithAlias.facts!.commands).toMatchObject({ ok: true, value: { CONFIG: 'missing' } });
  });

  it('says why', () => {
    expect(result(scans.configRenamed, 'RED-CFG-005').reason).toMatch(/unknown command/i);
    expect(result(scans.configDenied, 'RED-CFG-005').reason).toMatch(/NOPERM/);
  });
});

describe('phiProblems', () => {
  it('fails the keyspace data controls, with masked evidence', () => {
    for (const id of ['RED-DATA-001', 'RED-DATA-002', 'RED-DATA-003', 'RED-DATA-004', 'RED-DATA-005', 'RED-DATA-006']) {
      expect(status(scans.phiProblems, id), id).toBe('fail');
    }
    const text = JSON.stringify(scans.phiProblems.results);
    expect(text).toContain('patient:{ssn}');
    expect(text).not.toMatch(/\d{3}-\d{2}-\d{4}/);
  });
});

describe('scanner credentials refused', () => {
  it('is a scan error; handshake-based verdicts stay, the rest is not_assessable', () => {
    expect(wrongPassword.status).toBe('error');
    expect(wrongPassword.error).toMatch(/credentials refused: WRONGPASS/);
    expect(status(wrongPassword, 'RED-TLS-003')).toBe('pass');
    for (const id of ['RED-ACL-002', 'RED-ACL-003', 'RED-AUTH-002', 'RED-CFG-005', 'RED-NET-001']) expect(status(wrongPassword, id), id).toBe('not_assessable');
    expect(JSON.stringify(wrongPassword)).not.toContain('not-the-password');
  });
});

describe('unreachable target', () => {
  it('is a scan error with every control error and the reason', () => {
    expect(unreachable.status).toBe('error');
    expect(unreachable.error).toMatch(/ECONNREFUSED/);
    expect(unreachable.engine).toBeNull();
    expect(unreachable.results.length).toBeGreaterThan(40);
    for (const r of unreachable.results) {
      expect(r.status, r.controlId).toBe('error');
      expect(r.reason).toMatch(/unreachable/);
    }
  });
});

describe('wrong scheme for the port', () => {
  it('says so instead of a bare connection error, and decides nothing', () => {
    expect(plainToTlsPort.status).toBe('error');
    expect(plainToTlsPort.error).toMatch(/is this a TLS port\? use rediss:\/\//);
    expect(tlsToPlainPort.status).toBe('error');
    expect(tlsToPlainPort.error).toMatch(/is this a plaintext port\? use redis:\/\//);
    for (const scan of [plainToTlsPort, tlsToPlainPort]) expect(scan.results.filter((r) => r.status !== 'error')).toEqual([]);
  });
});
