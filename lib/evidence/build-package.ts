// Builds one evidence package into a ZIP file: resolve the scope, stream the evidence files into
// a staging folder (hashing as they are written; each finished file joins the ZIP at once), render
// report.pdf, write and sign the manifest. Shared by the app's background job, the CLI and the
// benchmark.
import fs from 'node:fs';
import path from 'node:path';
import { db } from '../db/client';
import { organizationThresholds } from '../scan-runs/organization-thresholds';
import { writeEvidenceFiles, type Progress } from './evidence-files';
import { GENERATOR, PACKAGE_FORMAT } from './generator';
import { evidenceDigest, MANIFEST_FILE, manifestBytes, PUBLIC_KEY_FILE, REPORT_FILE, REPRODUCIBILITY_NOTE, SIGNATURE_FILE, signatureText, type Manifest } from './manifest';
import type { EvidencePeriod } from './period';
import { renderReport } from './pdf/render-report';
import { normalizeScope, resolveScope, type EvidenceScope } from './scope';
import { activeSigningKey } from './signing-key';
import { StagingArea } from './staging-area';
import { ZipWriter } from './zip-archive';

export interface BuildRequest {
  organizationId: string;
  period: EvidencePeriod;
  scope: EvidenceScope;
  /** Shown on the cover and in the manifest, e.g. "officer@example.org (compliance officer)". */
  generatedBy: string;
  outFile: string;
  now?: Date;
  progress?: Progress;
}

export interface BuildOutcome {
  file: string;
  sha256: string;
  size: number;
  manifest: Manifest;
  signingKeyId: string;
}

async function* single(data: string | Buffer) {
  yield data;
}

export async function buildEvidencePackage(request: BuildRequest): Promise<BuildOutcome> {
  const progress: Progress = request.progress ?? (() => undefined);
  const generatedAt = request.now ?? new Date();
  const scope = normalizeScope(request.scope);
  const organization = await db().organization.findUniqueOrThrow({ where: { id: request.organizationId } });
  const thresholds = organizationThresholds(organization.settings);
  const instances = await resolveScope(organization.id, scope, request.period);
  const users = await db().user.findMany({ where: { organizationId: organization.id }, select: { id: true, email: true } });
  const key = await activeSigningKey(organization.id);
  await progress(0.02, `resolved ${instances.length} instance${instances.length === 1 ? '' : 's'}`);

  await fs.promises.mkdir(path.dirname(request.outFile), { recursive: true });
  const zip = new ZipWriter(request.outFile);
  const staging = await StagingArea.create(path.dirname(request.outFile), (file, absolutePath) => zip.add(absolutePath, file.path));
  let complete = false;
  try {
    const data = await writeEvidenceFiles(staging, { organizationId: organization.id, instances, period: request.period, scope, thresholds, emails: new Map(users.map((u) => [u.id, u.email])) }, progress);
    await staging.write(PUBLIC_KEY_FILE, single(key.publicKeyPem));
    const evidenceFiles = staging.files();
    const digest = evidenceDigest(evidenceFiles);

    await progress(0.85, 'rendering report.pdf');
    await staging.write(
      REPORT_FILE,
      renderReport({
        organization,
        period: request.period,
        scope,
        instances,
        generatedAt,
        generatedBy: request.generatedBy,
        generator: GENERATOR,
        signingKeyFingerprint: key.fingerprint,
        evidenceDigest: digest,
        evidenceFiles,
        thresholds,
        data,
      }),
    );

    const manifest: Manifest = {
      format: PACKAGE_FORMAT,
      generator: { ...GENERATOR },
      organization: { id: organization.id, name: organization.name, slug: organization.slug },
      period: { from: request.period.from, to: request.period.to, start: request.period.start.toISOString(), endExclusive: request.period.endExclusive.toISOString() },
      scope: { ...scope, instanceIds: instances.map((i) => i.id) },
      generatedAt: generatedAt.toISOString(),
      generatedBy: request.generatedBy,
      signingKey: { algorithm: 'Ed25519', fingerprint: key.fingerprint, file: PUBLIC_KEY_FILE },
      evidenceDigest: digest,
      reproducibility: REPRODUCIBILITY_NOTE,
      files: staging.files(),
    };
    const bytes = manifestBytes(manifest);
    await staging.write(MANIFEST_FILE, single(bytes));
    await staging.write(SIGNATURE_FILE, single(signatureText(key.sign(bytes))));

    await progress(0.92, 'compressing the package');
    const archive = await zip.finish();
    complete = true;
    return { file: request.outFile, ...archive, manifest, signingKeyId: key.id };
  } finally {
    if (!complete) await zip.abort();
    await staging.remove();
  }
}
