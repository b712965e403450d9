// Checks a package the way an auditor would: every file's SHA-256 and size against manifest.json,
// files missing from or added to the package, the Ed25519 signature of the manifest with the
// enclosed public key, and that key against the keys the caller trusts. Says exactly what differs.
import crypto from 'node:crypto';
import { evidenceDigest, MANIFEST_FILE, manifestSchema, parseSignature, PUBLIC_KEY_FILE, SIGNATURE_FILE, type Manifest } from './manifest';
import { publicKeyFingerprint, verifySignature } from './signing-key';
import { walkZip, ZipReadError } from './zip-archive';

const SMALL_FILE_LIMIT = 16 * 1024 * 1024;
const MAX_ENTRIES = 200_000;

export interface TrustedKey {
  fingerprint: string;
  /** Where the trust comes from, e.g. "Demo Health System, active key". */
  label: string;
}

export type FileProblem =
  | { path: string; kind: 'modified'; expectedSha256: string; foundSha256: string; expectedSize: number; foundSize: number }
  | { path: string; kind: 'missing' }
  | { path: string; kind: 'unexpected' }
  | { path: string; kind: 'duplicate' };

export interface VerificationReport {
  ok: boolean;
  /** One line per problem, in words. Empty when ok. */
  problems: string[];
  fileProblems: FileProblem[];
  filesChecked: number;
  signature: 'valid' | 'invalid' | 'missing';
  key: { fingerprint: string | null; trustedAs: string | null };
  manifest: Pick<Manifest, 'organization' | 'period' | 'generatedAt' | 'generatedBy' | 'generator' | 'evidenceDigest'> | null;
}

interface Seen {
  sha256: string;
  size: number;
  content?: Buffer;
}

async function readEntries(zipFile: string) {
  const seen = new Map<string, Seen>();
  const duplicates: string[] = [];
  let count = 0;
  await walkZip(zipFile, async (entry) => {
    if (++count > MAX_ENTRIES) throw new ZipReadError(`more than ${MAX_ENTRIES} entries: not an evidence package`);
    if (seen.has(entry.name)) duplicates.push(entry.name);
    const keep = [MANIFEST_FILE, SIGNATURE_FILE, PUBLIC_KEY_FILE].includes(entry.name) && entry.size <= SMALL_FILE_LIMIT;
    const hash = crypto.createHash('sha256');
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of await entry.open()) {
      hash.update(chunk as Buffer);
      size += (chunk as Buffer).length;
      if (keep) chunks.push(chunk as Buffer);
    }
    seen.set(entry.name, { sha256: hash.digest('hex'), size, content: keep ? Buffer.concat(chunks) : undefined });
  });
  return { seen, duplicates };
}

function describe(p: FileProblem): string {
  switch (p.kind) {
    case 'modified':
      return p.expectedSize === p.foundSize
        ? `${p.path}: content differs from the manifest (sha256 expected ${p.expectedSha256}, found ${p.foundSha256})`
        : `${p.path}: content differs from the manifest (size expected ${p.expectedSize} bytes, found ${p.foundSize}; sha256 expected ${p.expectedSha256}, found ${p.foundSha256})`;
    case 'missing':
      return `${p.path}: listed in the manifest but not in the package`;
    case 'unexpected':
      return `${p.path}: in the package but not listed in the manifest`;
    case 'duplicate':
      return `${p.path}: appears more than once in the archive`;
  }
}

function parseManifest(content: Buffer | undefined, problems: string[]): Manifest | null {
  if (!content) {
    problems.push(`${MANIFEST_FILE} is missing: this is not an evidence package, or it was stripped`);
    return null;
  }
  let json: unknown;
  try {
    json = JSON.parse(content.toString('utf8'));
  } catch {
    problems.push(`${MANIFEST_FILE} is not valid JSON`);
    return null;
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    problems.push(`${MANIFEST_FILE} does not have the expected structure (${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || 'manifest'}: ${i.message}`).join('; ')})`);
    return null;
  }
  return parsed.data;
}

export async function verifyPackage(zipFile: string, trustedKeys: readonly TrustedKey[]): Promise<VerificationReport> {
  const report: VerificationReport = { ok: false, problems: [], fileProblems: [], filesChecked: 0, signature: 'missing', key: { fingerprint: null, trustedAs: null }, manifest: null };
  let entries: Awaited<ReturnType<typeof readEntries>>;
  try {
    entries = await readEntries(zipFile);
  } catch (err) {
    if (!(err instanceof ZipReadError)) throw err;
    report.problems.push(err.message);
    return report;
  }
  const { seen, duplicates } = entries;
  const manifestEntry = seen.get(MANIFEST_FILE);
  const manifest = parseManifest(manifestEntry?.content, report.problems);

  // Signature over the manifest's exact bytes, with the enclosed key.
  const keyPem = seen.get(PUBLIC_KEY_FILE)?.content?.toString('utf8');
  const signatureEntry = seen.get(SIGNATURE_FILE)?.content;
  if (!keyPem) report.problems.push(`${PUBLIC_KEY_FILE} is missing: the signature cannot be checked`);
  else {
    try {
      report.key.fingerprint = publicKeyFingerprint(keyPem);
    } catch {
      report.problems.push(`${PUBLIC_KEY_FILE} is not a readable public key`);
    }
  }
  if (!signatureEntry) report.problems.push(`${SIGNATURE_FILE} is missing: the manifest is not signed`);
  else if (manifestEntry?.content && keyPem && report.key.fingerprint) {
    const signature = parseSignature(signatureEntry.toString('utf8'));
    report.signature = signature && verifySignature(keyPem, manifestEntry.content, signature) ? 'valid' : 'invalid';
    if (report.signature === 'invalid') report.problems.push(`${SIGNATURE_FILE} does not match ${MANIFEST_FILE}: the manifest was changed after signing, or signed by another key`);
  }
  if (report.key.fingerprint) {
    const trusted = trustedKeys.find((k) => k.fingerprint === report.key.fingerprint);
    report.key.trustedAs = trusted?.label ?? null;
    if (!trusted) {
      report.problems.push(
        trustedKeys.length
          ? `the package is signed with key ${report.key.fingerprint}, which is not one of the trusted keys (${trustedKeys.map((k) => `${k.fingerprint} — ${k.label}`).join('; ')})`
          : `no trusted key to compare the package's key ${report.key.fingerprint} with: give the organisation's public key (shown on the app's Evidence page)`,
      );
    }
    if (manifest && manifest.signingKey.fingerprint !== report.key.fingerprint) {
      report.problems.push(`${MANIFEST_FILE} names signing key ${manifest.signingKey.fingerprint} but ${PUBLIC_KEY_FILE} is ${report.key.fingerprint}`);
    }
  }

  if (manifest) {
    report.manifest = { organization: manifest.organization, period: manifest.period, generatedAt: manifest.generatedAt, generatedBy: manifest.generatedBy, generator: manifest.generator, evidenceDigest: manifest.evidenceDigest };
    if (evidenceDigest(manifest.files) !== manifest.evidenceDigest) report.problems.push(`${MANIFEST_FILE}: evidenceDigest does not match the files it lists`);
    const listed = new Set<string>();
    for (const expected of manifest.files) {
      listed.add(expected.path);
      const found = seen.get(expected.path);
      if (!found) report.fileProblems.push({ path: expected.path, kind: 'missing' });
      else {
        report.filesChecked += 1;
        if (found.sha256 !== expected.sha256 || found.size !== expected.size) {
          report.fileProblems.push({ path: expected.path, kind: 'modified', expectedSha256: expected.sha256, foundSha256: found.sha256, expectedSize: expected.size, foundSize: found.size });
        }
      }
    }
    for (const name of [...seen.keys()].sort()) {
      if (!listed.has(name) && name !== MANIFEST_FILE && name !== SIGNATURE_FILE) report.fileProblems.push({ path: name, kind: 'unexpected' });
    }
  }
  for (const name of [...new Set(duplicates)].sort()) report.fileProblems.push({ path: name, kind: 'duplicate' });
  report.problems.push(...report.fileProblems.map(describe));
  report.ok = report.problems.length === 0 && report.signature === 'valid' && report.key.trustedAs !== null;
  return report;
}
