// Evidence packages end to end on a real database: contents and hashes, reproducibility, the
// report's sections (read back with pdftotext), tampering detected, auditor periods enforced.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { buildEvidencePackage, type BuildOutcome } from '@/lib/evidence/build-package';
import { manifestBytes, manifestSchema, signatureText } from '@/lib/evidence/manifest';
import { openPackageDownload } from '@/lib/evidence/open-package-download';
import { toPeriod } from '@/lib/evidence/period';
import { listSigningKeys } from '@/lib/evidence/signing-key';
import { startEvidencePackage } from '@/lib/evidence/start-evidence-package';
import { verifyPackage, type TrustedKey } from '@/lib/evidence/verify-package';
import { createOrganization, createUserWithPassword } from '../support/fixtures';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from '../support/test-db';
import { createInstance, DAY_MS, seedDailyScans, seedRecords } from '../evidence/history';
import { readPackage, tamper } from '../evidence/package-files';

let tdb: TestDatabase;
let work: string;
let orgId: string;
let instances: { id: string; name: string }[];
let users: Record<'officer' | 'engineer' | 'admin' | 'auditor' | 'lateAuditor', { id: string; email: string; role: string; organizationId: string }>;
let trusted: TrustedKey[];
let built: BuildOutcome;

const dayOf = (offset: number) => new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);
const D0 = dayOf(-3);
const TODAY = dayOf(0);

beforeAll(async () => {
  tdb = await createTestDatabase();
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'rcd-evidence-'));
  orgId = (await createOrganization('evidence-org')).id;
  const make = async (role: 'officer' | 'engineer' | 'admin' | 'auditor', extra = {}) => {
    const u = await createUserWithPassword(orgId, role, 'a-long-test-passphrase', extra);
    return { id: u.id, email: u.email, role: u.role, organizationId: orgId };
  };
  users = {
    officer: await make('officer'),
    engineer: await make('engineer'),
    admin: await make('admin'),
    auditor: await make('auditor', { validFrom: new Date(`${D0}T00:00:00Z`), validUntil: new Date(Date.now() + 30 * DAY_MS) }),
    lateAuditor: await make('auditor', { validFrom: new Date(`${dayOf(-1)}T00:00:00Z`), validUntil: new Date(Date.now() + 30 * DAY_MS) }),
  };
  const first = new Date(`${D0}T00:00:00Z`);
  instances = [await createInstance(orgId, 'cache-b', first), await createInstance(orgId, 'cache-a', first)];
  // cache-a fails TLS-002 every day; everything else passes; LOG-003 cannot be evaluated on cache-b.
  await seedDailyScans(orgId, instances.map((i) => i.id), D0, 3, (_d, i, control) => (control === 'RED-TLS-002' && i === 1 ? 'fail' : control === 'RED-LOG-003' && i === 0 ? 'not_assessable' : 'pass'));
  await seedRecords(orgId, instances[1].id, { officerId: users.officer.id, engineerId: users.engineer.id, adminId: users.admin.id }, D0);
  // Another organisation's data must never appear.
  const other = await createOrganization('other-org');
  const foreign = await createInstance(other.id, 'foreign-cache', first);
  await seedDailyScans(other.id, [foreign.id], D0, 1, () => 'fail');

  built = await buildEvidencePackage({ organizationId: orgId, period: toPeriod(D0, TODAY), scope: { frameworks: ['hipaa', 'hitrust'] }, generatedBy: 'officer@evidence.test (officer)', outFile: path.join(work, 'package.zip') });
  trusted = (await listSigningKeys(orgId)).map((k) => ({ fingerprint: k.fingerprint, label: 'test organisation key' }));
});

afterAll(async () => {
  if (!process.env.KEEP_EVIDENCE_WORK) fs.rmSync(work, { recursive: true, force: true });
  await tdb?.drop();
});

describe(`evidence packages on ${TEST_ENGINE}`, () => {
  it('lists every file with its SHA-256 and size, signed, with the public key enclosed', async () => {
    const entries = await readPackage(built.file);
    const manifest = manifestSchema.parse(JSON.parse(entries.get('manifest.json')!.toString()));
    expect(manifest.organization.slug).toBe('evidence-org');
    expect(manifest.period).toMatchObject({ from: D0, to: TODAY });
    expect(manifest.scope.instanceIds).toEqual([instances[1].id, instances[0].id]);
    const listed = manifest.files.map((f) => f.path);
    expect([...entries.keys()].sort()).toEqual([...listed, 'manifest.json', 'manifest.sig'].sort());
    for (const f of manifest.files) {
      const data = entries.get(f.path)!;
      expect(data.length, f.path).toBe(f.size);
      expect(crypto.createHash('sha256').update(data).digest('hex'), f.path).toBe(f.sha256);
    }
    for (const name of ['report.pdf', 'public-key.pem', 'evidence/instances.json', 'evidence/controls.json', 'evidence/findings.json', 'evidence/drills.json', 'evidence/rotations.json', 'evidence/audit-log.json', 'evidence/tables/instance-controls.csv', 'evidence/tables/requirements-hipaa.csv', 'evidence/tables/requirements-hitrust.csv', 'evidence/tables/findings.csv', 'evidence/tables/exceptions.csv', 'evidence/tables/drills.csv', 'evidence/tables/rotations.csv', 'evidence/tables/audit-log.csv']) {
      expect(listed, name).toContain(name);
    }
    const signature = crypto.verify(null, entries.get('manifest.json')!, crypto.createPublicKey(entries.get('public-key.pem')!.toString()), Buffer.from(entries.get('manifest.sig')!.toString().trim(), 'base64'));
    expect(signature).toBe(true);
    expect(manifest.signingKey.fingerprint).toBe(trusted[0].fingerprint);
  });

  it('holds the period\'s snapshots and results per instance, and only this organisation\'s', async () => {
    const entries = await readPackage(built.file);
    const results = JSON.parse(entries.get(`evidence/results/${instances[1].id}.json`)!.toString());
    expect(results).toHaveLength(3 * 5);
    expect(results.filter((r: { controlId: string; status: string }) => r.controlId === 'RED-TLS-002').map((r: { status: string }) => r.status)).toEqual(['fail', 'fail', 'fail']);
    const snapshots = JSON.parse(entries.get(`evidence/snapshots/${instances[0].id}.json`)!.toString());
    expect(snapshots.map((s: { facts: { meta: { day: number } } }) => s.facts.meta.day)).toEqual([0, 1, 2]);
    const all = [...entries.values()].map((b) => b.toString('latin1')).join('\n');
    expect(all).not.toContain('foreign-cache');
    expect(all).not.toContain('other-org');

    const shorter = await buildEvidencePackage({ organizationId: orgId, period: toPeriod(D0, dayOf(-2)), scope: { instances: ['cache-a'], frameworks: ['hipaa'] }, generatedBy: 'test', outFile: path.join(work, 'short.zip') });
    const shortEntries = await readPackage(shorter.file);
    expect(shorter.manifest.scope.instanceIds).toEqual([instances[1].id]);
    expect(JSON.parse(shortEntries.get(`evidence/results/${instances[1].id}.json`)!.toString())).toHaveLength(2 * 5);
    expect(shortEntries.has(`evidence/results/${instances[0].id}.json`)).toBe(false);
    expect(shortEntries.has('evidence/tables/requirements-hitrust.csv')).toBe(false);
  });

  it('is reproducible: the same period and data give the same evidence files and digest', async () => {
    const again = await buildEvidencePackage({ organizationId: orgId, period: toPeriod(D0, TODAY), scope: { frameworks: ['hitrust', 'hipaa'] }, generatedBy: 'someone else', outFile: path.join(work, 'again.zip') });
    const hashes = (m: BuildOutcome['manifest']) => Object.fromEntries(m.files.filter((f) => f.path !== 'report.pdf').map((f) => [f.path, f.sha256]));
    expect(hashes(again.manifest)).toEqual(hashes(built.manifest));
    expect(again.manifest.evidenceDigest).toBe(built.manifest.evidenceDigest);
    expect(again.manifest.reproducibility).toMatch(/report\.pdf/);
  });

  it('verifies a genuine package', async () => {
    const report = await verifyPackage(built.file, trusted);
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ ok: true, signature: 'valid', key: { trustedAs: 'test organisation key' } });
    expect(report.filesChecked).toBe(built.manifest.files.length);
  });

  it('detects a tampered evidence file and names it with both hashes', async () => {
    const target = path.join(work, 'tampered-file.zip');
    const file = `evidence/results/${instances[1].id}.json`;
    const original = (await readPackage(built.file)).get(file)!.toString();
    await tamper(built.file, target, { [file]: Buffer.from(original.replaceAll('"fail"', '"pass"')) });
    const report = await verifyPackage(target, trusted);
    expect(report.ok).toBe(false);
    expect(report.signature).toBe('valid');
    expect(report.fileProblems).toEqual([expect.objectContaining({ path: file, kind: 'modified' })]);
    expect(report.problems.join('\n')).toContain(`${file}: content differs from the manifest`);
  });

  it('detects a tampered manifest, a removed file, an added file and a foreign key', async () => {
    const entries = await readPackage(built.file);
    const manifest = manifestSchema.parse(JSON.parse(entries.get('manifest.json')!.toString()));
    const file = `evidence/results/${instances[1].id}.json`;
    const forged = Buffer.from(entries.get(file)!.toString().replaceAll('"fail"', '"pass"'));
    // Attacker updates the hash in the manifest too: the signature no longer matches.
    const edited = { ...manifest, files: manifest.files.map((f) => (f.path === file ? { ...f, sha256: crypto.createHash('sha256').update(forged).digest('hex'), size: forged.length } : f)) };
    await tamper(built.file, path.join(work, 'tampered-manifest.zip'), { [file]: forged, 'manifest.json': manifestBytes(edited) });
    const byManifest = await verifyPackage(path.join(work, 'tampered-manifest.zip'), trusted);
    expect(byManifest).toMatchObject({ ok: false, signature: 'invalid' });
    expect(byManifest.problems.join('\n')).toContain('manifest.sig does not match manifest.json');

    await tamper(built.file, path.join(work, 'removed.zip'), { 'evidence/drills.json': undefined, 'extra.txt': Buffer.from('added later') });
    const removed = await verifyPackage(path.join(work, 'removed.zip'), trusted);
    expect(removed.ok).toBe(false);
    expect(removed.fileProblems).toEqual([{ path: 'evidence/drills.json', kind: 'missing' }, { path: 'extra.txt', kind: 'unexpected' }]);

    // Re-signed with the attacker's own key and public key: valid signature, untrusted key.
    const attacker = crypto.generateKeyPairSync('ed25519');
    const attackerPem = attacker.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const fingerprint = `sha256:${crypto.createHash('sha256').update(attacker.publicKey.export({ type: 'spki', format: 'der' })).digest('hex')}`;
    const resigned = manifestBytes({ ...edited, signingKey: { ...edited.signingKey, fingerprint } });
    const publicKeyEntry = Buffer.from(attackerPem);
    const withKey = { ...edited, signingKey: { ...edited.signingKey, fingerprint }, files: edited.files.map((f) => (f.path === 'public-key.pem' ? { ...f, sha256: crypto.createHash('sha256').update(publicKeyEntry).digest('hex'), size: publicKeyEntry.length } : f)) };
    const resignedBytes = manifestBytes(withKey);
    expect(resigned.length).toBeGreaterThan(0);
    await tamper(built.file, path.join(work, 'foreign-key.zip'), { [file]: forged, 'public-key.pem': publicKeyEntry, 'manifest.json': resignedBytes, 'manifest.sig': Buffer.from(signatureText(crypto.sign(null, resignedBytes, attacker.privateKey))) });
    const foreign = await verifyPackage(path.join(work, 'foreign-key.zip'), trusted);
    expect(foreign).toMatchObject({ ok: false, signature: 'valid', key: { fingerprint, trustedAs: null } });
    expect(foreign.problems.join('\n')).toContain('which is not one of the trusted keys');
  });

  it('reports a file that is not a ZIP instead of throwing', async () => {
    const junk = path.join(work, 'junk.zip');
    fs.writeFileSync(junk, 'not a zip at all');
    const report = await verifyPackage(junk, trusted);
    expect(report.ok).toBe(false);
    expect(report.problems[0]).toMatch(/not a readable ZIP archive/);
  });

  it('prints every section of the report, paginated with contents (pdftotext)', async () => {
    const pdf = path.join(work, 'report.pdf');
    fs.writeFileSync(pdf, (await readPackage(built.file)).get('report.pdf')!);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    for (const expected of [
      'Redis and Valkey audit evidence',
      'Org evidence-org',
      `${D0} to ${TODAY}`,
      'Contents',
      '1 Method',
      'Thresholds in force',
      '2 Summary by HIPAA requirement',
      '164.312(e)(1)',
      'Transmission security',
      '3 Summary by HITRUST CSF reference',
      '0903.10f1',
      '4 Results per instance',
      'cache-a',
      'cache-b',
      '5 Findings and remediation',
      'RED-TLS-002',
      'closing port 6379',
      'risk accepted',
      '6 Risk exceptions',
      '7 Backup restore drills',
      'dump-2026-03-01.rdb',
      '8 Credential and key rotations',
      'acl_password',
      '9 App audit log',
      'finding.assign',
      'Appendix A Control definitions',
      'Appendix B Package files',
      built.manifest.evidenceDigest,
      'Page 1 of',
    ]) {
      expect(text, expected).toContain(expected);
    }
    // The approver's e-mail may wrap inside its table cell: read the cells in drawing order.
    expect(execFileSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '')).toContain(users.admin.email);
    const pages = Number(/Page 1 of (\d+)/.exec(text)![1]);
    expect(pages).toBeGreaterThan(5);
    expect(text).toContain(`Page ${pages} of ${pages}`);
  });

  it('shows "none recorded" sections for a scope without records', async () => {
    const quiet = await buildEvidencePackage({ organizationId: orgId, period: toPeriod(D0, TODAY), scope: { instances: ['cache-b'], frameworks: ['hipaa'] }, generatedBy: 'test', outFile: path.join(work, 'quiet.zip') });
    const pdf = path.join(work, 'quiet.pdf');
    fs.writeFileSync(pdf, (await readPackage(quiet.file)).get('report.pdf')!);
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('No findings recorded for the scoped instances in this period.');
    expect(text).toContain('No backup drills recorded');
    expect(text).toContain('No rotations recorded');
    expect(JSON.parse((await readPackage(quiet.file)).get('evidence/findings.json')!.toString())).toEqual([]);
  });
});

describe(`who may build and download on ${TEST_ENGINE}`, () => {
  it('refuses an auditor a period outside their window, and audits the refusal', async () => {
    const result = await startEvidencePackage(users.lateAuditor as never, { period: { from: D0, to: TODAY } });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/outside your access window/);
    const denied = await db().auditLogEntry.findFirst({ where: { actorId: users.lateAuditor.id, action: 'evidence.create', outcome: 'denied' } });
    expect(denied).not.toBeNull();
    expect(await db().evidencePackage.count({ where: { requestedById: users.lateAuditor.id } })).toBe(0);
  });

  it('lets an auditor build and download inside the window; each download is audited', async () => {
    const started = await startEvidencePackage(users.auditor as never, { period: { from: D0, to: TODAY }, scope: { environments: ['production'] } }, { wait: true });
    expect(started.ok).toBe(true);
    const id = started.ok ? started.packageId : '';
    const row = await db().evidencePackage.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: 'ready', progress: 100, error: null });
    const download = await openPackageDownload(users.auditor as never, id);
    expect(download.ok).toBe(true);
    if (!download.ok) return;
    expect((await verifyPackage(download.file, trusted)).ok).toBe(true);
    expect(await db().auditLogEntry.count({ where: { actorId: users.auditor.id, action: 'evidence.download', targetId: id, outcome: 'success' } })).toBe(1);

    // The late auditor's window starts after this package's period: refused, and audited.
    const refused = await openPackageDownload(users.lateAuditor as never, id);
    expect(refused).toMatchObject({ ok: false, status: 403 });
    expect(await db().auditLogEntry.count({ where: { actorId: users.lateAuditor.id, action: 'evidence.download', outcome: 'denied' } })).toBe(1);
  });

  it('rejects bad requests with a message naming the field', async () => {
    const reversed = await startEvidencePackage(users.officer as never, { period: { from: TODAY, to: D0 } });
    expect(!reversed.ok && reversed.error).toMatch(/from must be on or before to/);
    const badDate = await startEvidencePackage(users.officer as never, { period: { from: '2026-02-30', to: TODAY } });
    expect(!badDate.ok && badDate.error).toMatch(/period\.from: from is not a calendar date/);
    const future = await startEvidencePackage(users.officer as never, { period: { from: D0, to: dayOf(2) } });
    expect(!future.ok && future.error).toMatch(/must not be after today/);
    const unknown = await startEvidencePackage(users.officer as never, { period: { from: D0, to: TODAY }, scope: { instances: ['no-such-cache'] } });
    expect(!unknown.ok && unknown.error).toMatch(/"no-such-cache"/);
  });

  it('keeps verifying packages signed before a key rotation', async () => {
    await db().signingKey.updateMany({ where: { organizationId: orgId }, data: { activeForOrganizationId: null, retiredAt: new Date() } });
    const after = await buildEvidencePackage({ organizationId: orgId, period: toPeriod(D0, TODAY), scope: { frameworks: ['hipaa'] }, generatedBy: 'test', outFile: path.join(work, 'rotated.zip') });
    const keys = await listSigningKeys(orgId);
    expect(keys).toHaveLength(2);
    expect(keys.filter((k) => k.active)).toHaveLength(1);
    expect(after.manifest.signingKey.fingerprint).not.toBe(built.manifest.signingKey.fingerprint);
    const all = keys.map((k) => ({ fingerprint: k.fingerprint, label: k.active ? 'active' : 'retired' }));
    expect((await verifyPackage(built.file, all)).key.trustedAs).toBe('retired');
    expect((await verifyPackage(after.file, all)).key.trustedAs).toBe('active');
  });
});
