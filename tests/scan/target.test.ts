import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { redactUrl, resolveTarget, TargetError } from '@/lib/scan';

const dir = mkdtempSync(path.join(os.tmpdir(), 'scan-target-test-'));
const pemFile = path.join(dir, 'ca.pem');
writeFileSync(pemFile, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
const notPem = path.join(dir, 'notes.txt');
writeFileSync(notPem, 'hello');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function errorOf(input: unknown, env: Record<string, string | undefined> = {}): string {
  try {
    resolveTarget(input, env);
  } catch (err) {
    expect(err).toBeInstanceOf(TargetError);
    return (err as Error).message;
  }
  throw new Error('expected a TargetError');
}

describe('scan target input', () => {
  it('resolves a TLS target with files, env password and redacts the display form', () => {
    const { probe, display } = resolveTarget(
      { url: 'rediss://scanner:inline-secret@redis.internal:6380', ca: pemFile, passwordEnv: 'SCANNER_PW' },
      { SCANNER_PW: 'from-env' },
    );
    expect(probe).toMatchObject({ host: 'redis.internal', port: 6380, tls: true, username: 'scanner', password: 'from-env' });
    expect(probe.ca).toContain('BEGIN CERTIFICATE');
    expect(display).toBe('rediss://redis.internal:6380');
    expect(redactUrl('redis://u:p@h:1')).toBe('redis://h:1');
  });

  it('resolves Sentinel endpoints with their own credentials', () => {
    const { probe } = resolveTarget(
      { url: 'redis://10.0.0.5:6379', sentinels: ['redis://10.0.0.6', 'rediss://10.0.0.7:26380'], sentinelMaster: 'phi', sentinelUser: 'sentinel-reader', sentinelPasswordEnv: 'S_PW' },
      { S_PW: 'sentinel-secret' },
    );
    expect(probe.sentinels).toEqual({
      masterName: 'phi',
      username: 'sentinel-reader',
      password: 'sentinel-secret',
      endpoints: [
        { host: '10.0.0.6', port: 26379, tls: false },
        { host: '10.0.0.7', port: 26380, tls: true },
      ],
    });
  });

  it('accepts PEM text and defaults the port', () => {
    const { probe } = resolveTarget({ url: 'redis://10.0.0.5', ca: '-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----' });
    expect(probe).toMatchObject({ port: 6379, tls: false, password: undefined });
  });

  it.each([
    [{ url: 'http://x:1' }, /url must start with redis:\/\/ or rediss:\/\//],
    [{ url: 'redis://' }, /url is not a valid URL/],
    [{}, /url is required/],
    [{ url: 'redis://h:1', cert: pemFile }, /cert and key must be given together/],
    [{ url: 'redis://h:1', password: 'a', passwordEnv: 'B' }, /either password or passwordEnv/],
    [{ url: 'redis://h:1', passwordEnv: 'not a var' }, /environment variable name/],
    [{ url: 'redis://h:1', passwordEnv: 'UNSET_VAR' }, /UNSET_VAR is not set/],
    [{ url: 'redis://h:1', ca: path.join(dir, 'missing.pem') }, /ca: cannot read file .*missing\.pem \(ENOENT\)/],
    [{ url: 'redis://h:1', ca: notPem }, /ca: .*notes\.txt is not a PEM file/],
    [{ url: 'redis://h:1', pasword: 'typo' }, /unknown key\(s\) "pasword"/],
    [{ url: 'redis://h:1', sentinels: ['redis://s:26379'] }, /sentinels and sentinelMaster must be given together/],
    [{ url: 'redis://h:1', sentinels: ['s:26379'], sentinelMaster: 'm' }, /each sentinel must be a redis:\/\/ or rediss:\/\/ URL/],
    [{ url: 'redis://h:1', sentinels: ['redis://s'], sentinelMaster: 'm', sentinelPasswordEnv: 'NOPE_UNSET' }, /sentinelPasswordEnv: environment variable NOPE_UNSET is not set/],
  ])('rejects %j with a message naming the problem', (input, message) => {
    expect(errorOf(input)).toMatch(message);
  });
});
