// manifest.json: every file of the package with its SHA-256 and size, the period, the resolved
// scope and the generator; signed (manifest.sig) by the organisation's Ed25519 key. Parsed back
// with a strict schema when a package is verified.
import crypto from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from './canonical-json';
import { PACKAGE_FORMAT } from './generator';

export const MANIFEST_FILE = 'manifest.json';
export const SIGNATURE_FILE = 'manifest.sig';
export const PUBLIC_KEY_FILE = 'public-key.pem';
export const REPORT_FILE = 'report.pdf';

export const REPRODUCIBILITY_NOTE =
  'Every file except report.pdf is a function of the period, the scope and the stored data: built again, the package has byte-identical evidence files and the same evidenceDigest (SHA-256 over the lines "<sha256>  <path>\\n" of every listed file except report.pdf). report.pdf shows its generation time, so it and this manifest differ between builds. A period that includes today can still gain scans and audit-log entries.';

const fileSchema = z.object({ path: z.string().min(1), sha256: z.string().regex(/^[0-9a-f]{64}$/), size: z.number().int().nonnegative() }).strict();

export const manifestSchema = z
  .object({
    format: z.literal(PACKAGE_FORMAT),
    generator: z.object({ name: z.string(), version: z.string() }).strict(),
    organization: z.object({ id: z.string(), name: z.string(), slug: z.string() }).strict(),
    period: z.object({ from: z.string(), to: z.string(), start: z.string(), endExclusive: z.string() }).strict(),
    scope: z
      .object({
        environments: z.array(z.string()).optional(),
        platforms: z.array(z.string()).optional(),
        instances: z.array(z.string()).optional(),
        frameworks: z.array(z.string()),
        instanceIds: z.array(z.string()),
      })
      .strict(),
    generatedAt: z.string(),
    generatedBy: z.string(),
    signingKey: z.object({ algorithm: z.literal('Ed25519'), fingerprint: z.string(), file: z.literal(PUBLIC_KEY_FILE) }).strict(),
    evidenceDigest: z.string().regex(/^[0-9a-f]{64}$/),
    reproducibility: z.string(),
    files: z.array(fileSchema),
  })
  .strict();

export type Manifest = z.infer<typeof manifestSchema>;

/** SHA-256 over "<sha256>  <path>\n" of every file except the report (sorted by path). */
export function evidenceDigest(files: readonly { path: string; sha256: string }[]): string {
  const hash = crypto.createHash('sha256');
  for (const f of [...files].filter((f) => f.path !== REPORT_FILE).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) hash.update(`${f.sha256}  ${f.path}\n`);
  return hash.digest('hex');
}

export function manifestBytes(manifest: Manifest): Buffer {
  return Buffer.from(`${canonicalJson(manifest, 2)}\n`, 'utf8');
}

export function signatureText(signature: Buffer): string {
  return `${signature.toString('base64')}\n`;
}

export function parseSignature(text: string): Buffer | null {
  const trimmed = text.trim();
  return /^[A-Za-z0-9+/]+=*$/.test(trimmed) ? Buffer.from(trimmed, 'base64') : null;
}
