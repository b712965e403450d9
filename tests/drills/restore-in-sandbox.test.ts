// The restore itself, against real files written by a real redis-server: an RDB loads and its key
// counts per database come back; a corrupt copy is refused with the server's own reason; an AOF
// directory loads too. The original backup is never modified and the sandbox leaves nothing behind.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRdbHeader } from '@/lib/drills/rdb-header';
import { restoreInSandbox } from '@/lib/drills/restore-in-sandbox';
import { connectSandbox, startSandbox, type StartedSandbox } from '@/lib/redis-sandbox';

let sandbox: StartedSandbox;
let aofSandbox: StartedSandbox;
let work: string;
let rdb: string;
let aofDir: string;

const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const drillDirs = () => fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith('redis-sandbox-drill-'));

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'drill-test-'));
  sandbox = await startSandbox('insecureDefaults');
  const client = connectSandbox(sandbox);
  for (let i = 0; i < 40; i++) await client.set(`app:item:${i}`, `value-${i}`);
  await client.select(2);
  for (let i = 0; i < 5; i++) await client.set(`other:${i}`, 'x', 'EX', 86_400);
  await client.save();
  client.disconnect();
  rdb = path.join(work, 'dump.rdb');
  fs.copyFileSync(path.join(sandbox.dir, 'dump.rdb'), rdb);

  aofSandbox = await startSandbox('hardened');
  const admin = connectSandbox(aofSandbox);
  for (let i = 0; i < 25; i++) await admin.set(`app:aof:${i}`, String(i));
  admin.disconnect();
  aofDir = path.join(work, 'appendonlydir');
  fs.cpSync(path.join(aofSandbox.dir, 'appendonlydir'), aofDir, { recursive: true });
}, 60_000);

afterAll(async () => {
  await sandbox?.stop();
  await aofSandbox?.stop();
  fs.rmSync(work, { recursive: true, force: true });
});

describe('restoreInSandbox', () => {
  it('loads a real RDB into a loopback sandbox and reads the key counts per database', async () => {
    const before = sha256(rdb);
    const leftovers = drillDirs();
    const outcome = await restoreInSandbox({ backupPath: rdb, kind: 'rdb' });
    expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.keysPerDb).toEqual({ 0: 40, 2: 5 });
    expect(outcome.backup.sha256).toBe(before);
    expect(outcome.backup.size).toBe(fs.statSync(rdb).size);
    expect(outcome.backup.takenAtSource).toBe('rdb ctime');
    expect(Math.abs(Date.parse(outcome.backup.takenAt) - fs.statSync(rdb).mtimeMs)).toBeLessThan(60_000);
    expect(outcome.target).toMatch(/^sandbox redis-server 127\.0\.0\.1:\d+$/);
    expect(outcome.loadMs).toBeGreaterThanOrEqual(0);
    expect(sha256(rdb), 'the backup is read, never written').toBe(before);
    expect(drillDirs(), 'the sandbox dir is removed').toEqual(leftovers);
  });

  it('refuses a corrupt RDB with the reason redis-server gives', async () => {
    const corrupt = path.join(work, 'corrupt.rdb');
    const bytes = fs.readFileSync(rdb);
    fs.writeFileSync(corrupt, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const outcome = await restoreInSandbox({ backupPath: corrupt, kind: 'rdb' });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.stage).toBe('load');
    expect(outcome.reason).toMatch(/could not load the backup/);
    expect(outcome.reason).toMatch(/Short read|Unexpected EOF|checksum|Bad file format|Unrecoverable/i);
    expect(outcome.backup?.sha256).toBe(sha256(corrupt));
  });

  it('refuses a file that is not an RDB at all', async () => {
    const notRdb = path.join(work, 'notes.txt');
    fs.writeFileSync(notRdb, 'this is not a redis dump\n'.repeat(20));
    const outcome = await restoreInSandbox({ backupPath: notRdb, kind: 'rdb' });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.reason).toMatch(/could not load the backup|exited while loading/);
  });

  it('reports a missing backup before starting anything', async () => {
    const outcome = await restoreInSandbox({ backupPath: path.join(work, 'missing.rdb'), kind: 'rdb' });
    expect(outcome).toMatchObject({ ok: false, stage: 'backup', reason: expect.stringMatching(/ENOENT/) });
  });

  it('loads a Redis 7 appendonly directory (AOF backup)', async () => {
    const outcome = await restoreInSandbox({ backupPath: aofDir, kind: 'aof' });
    expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
    if (outcome.ok) {
      expect(outcome.keysPerDb).toEqual({ 0: 25 });
      expect(outcome.backup.takenAtSource).toBe('file mtime');
    }
  });
});

describe('parseRdbHeader', () => {
  it('reads the version and ctime of a real RDB', () => {
    const header = parseRdbHeader(fs.readFileSync(rdb));
    expect(header?.version).toBeGreaterThanOrEqual(9);
    expect(header?.aux['redis-ver']).toMatch(/^\d+\.\d+\.\d+$/);
    expect(header?.createdAt).not.toBeNull();
  });

  it('rejects what is not an RDB', () => {
    expect(parseRdbHeader(Buffer.from('hello world'))).toBeNull();
  });
});
