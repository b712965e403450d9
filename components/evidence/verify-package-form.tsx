'use client';

import { useState, type FormEvent } from 'react';
import type { VerificationReport } from '@/lib/evidence/verify-package';

/** Uploads a package to the verification endpoint and shows exactly what matches and what differs. */
export function VerifyPackageForm() {
  const [pending, setPending] = useState(false);
  const [report, setReport] = useState<VerificationReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const file = (new FormData(event.currentTarget).get('package') as File | null) ?? null;
    if (!file || file.size === 0) {
      setError('Choose the package .zip file to verify.');
      return;
    }
    setPending(true);
    setError(null);
    setReport(null);
    try {
      const response = await fetch('/api/evidence/verify', { method: 'POST', body: file, headers: { 'Content-Type': 'application/zip' } });
      const body = await response.json().catch(() => ({ error: 'The server answered with something that is not a report.' }));
      if (!response.ok) setError(body.error ?? `Verification failed (HTTP ${response.status}).`);
      else setReport(body as VerificationReport);
    } finally {
      setPending(false);
    }
  };

  return (
    <div className="flex flex-col gap-6">
      <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-4 rounded border border-slate-200 bg-white p-5" aria-label="Verify an evidence package">
        <label className="text-sm">
          <span className="block font-medium">Package (.zip)</span>
          <input name="package" type="file" accept=".zip,application/zip" className="mt-1" />
        </label>
        <button type="submit" disabled={pending} className="rounded bg-sky-800 px-4 py-2 text-sm font-medium text-white hover:bg-sky-900 disabled:opacity-60">
          {pending ? 'Checking…' : 'Verify'}
        </button>
        {error ? (
          <p role="alert" className="text-sm text-red-800">
            {error}
          </p>
        ) : null}
      </form>
      {report ? <VerificationResult report={report} /> : null}
    </div>
  );
}

function VerificationResult({ report }: { report: VerificationReport }) {
  return (
    <section aria-labelledby="verification-heading" className={`rounded border p-5 ${report.ok ? 'border-emerald-300 bg-emerald-50' : 'border-red-300 bg-red-50'}`} data-testid="verification-result">
      <h2 id="verification-heading" className="text-lg font-semibold">
        {report.ok ? 'Verified: every file matches its signed manifest' : 'Not verified'}
      </h2>
      <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="font-medium">Files checked</dt>
        <dd>{report.filesChecked}</dd>
        <dt className="font-medium">Signature</dt>
        <dd>{report.signature}</dd>
        <dt className="font-medium">Signing key</dt>
        <dd className="break-all">
          <code className="font-mono text-xs">{report.key.fingerprint ?? 'none'}</code> {report.key.trustedAs ? `— ${report.key.trustedAs}` : '— not a key of this organisation'}
        </dd>
        {report.manifest ? (
          <>
            <dt className="font-medium">Organisation</dt>
            <dd>{report.manifest.organization.name}</dd>
            <dt className="font-medium">Period</dt>
            <dd>
              {report.manifest.period.from} to {report.manifest.period.to}
            </dd>
            <dt className="font-medium">Generated</dt>
            <dd>
              {report.manifest.generatedAt} by {report.manifest.generatedBy} ({report.manifest.generator.name} {report.manifest.generator.version})
            </dd>
            <dt className="font-medium">Evidence digest</dt>
            <dd className="break-all font-mono text-xs">{report.manifest.evidenceDigest}</dd>
          </>
        ) : null}
      </dl>
      {report.problems.length ? (
        <>
          <h3 className="mt-4 font-medium">What differs</h3>
          <ul className="mt-1 list-disc pl-5 text-sm" data-testid="verification-problems">
            {report.problems.map((p) => (
              <li key={p} className="break-all">
                {p}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
