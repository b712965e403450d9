import Link from 'next/link';
import { CreatePackageForm } from '@/components/evidence/create-package-form';
import { PackageProgress } from '@/components/evidence/package-progress';
import { SigningKeyPanel } from '@/components/evidence/signing-key-panel';
import { EmptyState } from '@/components/ui/empty-state';
import { PageTitle } from '@/components/ui/page-title';
import { requirePage } from '@/lib/auth/guard';
import { can } from '@/lib/auth/roles';
import { accessWindowOf } from '@/lib/evidence/period-access';
import { listEvidencePackages } from '@/lib/evidence/list-evidence-packages';
import { scopeOptions } from '@/lib/evidence/scope-options';
import { listSigningKeys } from '@/lib/evidence/signing-key';
import { createEvidencePackageAction } from './actions';

export const dynamic = 'force-dynamic';

const day = (d: Date) => d.toISOString().slice(0, 10);

function sizeOf(bytes: number | null): string {
  if (bytes === null) return '—';
  return bytes > 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

export default async function EvidencePage() {
  const user = await requirePage('evidence:view');
  const window = await accessWindowOf(user.id, user.organizationId);
  const [packages, keys, options] = await Promise.all([listEvidencePackages(user.organizationId, window), listSigningKeys(user.organizationId), scopeOptions(user.organizationId)]);
  const today = new Date();
  const from = new Date(Math.max(today.getTime() - 89 * 86_400_000, window.validFrom?.getTime() ?? 0));
  return (
    <>
      <PageTitle title="Evidence packages">
        Signed, audit-ready packages for a period: report.pdf, the raw evidence as JSON and CSV, and a manifest of SHA-256 hashes signed with the organisation&apos;s key.{' '}
        <Link href="/evidence/verify" className="text-sky-800 underline">
          Verify a package
        </Link>
      </PageTitle>
      {can(user.role, 'evidence:create') ? (
        <div className="mb-8">
          <h2 className="mb-2 font-medium">Create a package</h2>
          <CreatePackageForm
            action={createEvidencePackageAction}
            options={options}
            defaults={{ from: day(from), to: day(today) }}
            windowNote={window.role === 'auditor' ? `Your access window: ${window.validFrom ? day(window.validFrom) : 'open start'} to ${window.validUntil ? day(window.validUntil) : '—'}; packages must cover days inside it.` : undefined}
          />
        </div>
      ) : null}
      <div className="mb-8">
        <SigningKeyPanel keys={keys} />
      </div>
      <h2 className="mb-2 font-medium">Packages</h2>
      {packages.length === 0 ? (
        <EmptyState title="No packages yet">Create one above; it is built in the background and listed here.</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded border border-slate-200 bg-white">
          <table className="min-w-full text-sm">
            <caption className="sr-only">Evidence packages, newest first</caption>
            <thead className="bg-slate-100 text-left">
              <tr>
                <th scope="col" className="px-4 py-2">Period</th>
                <th scope="col" className="px-4 py-2">Scope</th>
                <th scope="col" className="px-4 py-2">Requested</th>
                <th scope="col" className="px-4 py-2">Status</th>
                <th scope="col" className="px-4 py-2">Package</th>
              </tr>
            </thead>
            <tbody>
              {packages.map((p) => (
                <tr key={p.id} className="border-t border-slate-200 align-top" data-testid="evidence-package-row">
                  <td className="px-4 py-2 whitespace-nowrap">
                    {p.period.from} to {p.period.to}
                  </td>
                  <td className="px-4 py-2">{p.scope}</td>
                  <td className="px-4 py-2">
                    {p.requestedBy}
                    <div className="text-xs text-slate-600">{p.createdAt.toISOString().replace('T', ' ').slice(0, 16)} UTC</div>
                  </td>
                  <td className="px-4 py-2">
                    {p.status === 'queued' || p.status === 'building' ? (
                      <PackageProgress packageId={p.id} initial={{ status: p.status, progress: p.progress, stage: p.stage, error: p.error }} />
                    ) : p.status === 'failed' ? (
                      <span className="text-red-800">failed: {p.error}</span>
                    ) : (
                      <span data-testid="package-status">{p.status}</span>
                    )}
                  </td>
                  <td className="px-4 py-2">
                    {p.status === 'ready' ? (
                      <>
                        {can(user.role, 'evidence:download') ? (
                          <a href={`/api/evidence/${p.id}/download`} className="text-sky-800 underline" download>
                            Download ({sizeOf(p.size)})
                          </a>
                        ) : (
                          sizeOf(p.size)
                        )}
                        <div className="mt-1 font-mono text-xs break-all text-slate-600" title="SHA-256 over the hashes of every evidence file: equal for equal period, scope and data">
                          evidence digest {p.evidenceDigest}
                        </div>
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
