import Link from 'next/link';
import { CreatePackageForm } from '@/components/evidence/create-package-form';
import { PackagesTable } from '@/components/evidence/packages-table';
import { SigningKeyPanel } from '@/components/evidence/signing-key-panel';
import { QueryProblem } from '@/components/ui/data-table/query-problem';
import { TableFilters, type FilterField } from '@/components/ui/data-table/table-filters';
import { PageTitle } from '@/components/ui/page-title';
import { requirePage } from '@/lib/auth/guard';
import { can } from '@/lib/auth/roles';
import { accessWindowOf } from '@/lib/evidence/period-access';
import { listEvidencePackagesPage, PACKAGE_STATUSES, packagesQuerySchema } from '@/lib/evidence/list-evidence-packages';
import { parseListQuery, type RawSearchParams } from '@/lib/paging/page-query';
import { scopeOptions } from '@/lib/evidence/scope-options';
import { listSigningKeys } from '@/lib/evidence/signing-key';
import { createEvidencePackageAction, rotateSigningKeyAction } from './actions';

export const dynamic = 'force-dynamic';

const day = (d: Date) => d.toISOString().slice(0, 10);

const FILTERS: FilterField[] = [{ kind: 'select', name: 'status', label: 'Status', options: PACKAGE_STATUSES.map((s) => ({ value: s, label: s })) }];

export default async function EvidencePage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const user = await requirePage('evidence:view');
  const parsed = parseListQuery(packagesQuerySchema, await searchParams);
  const { query } = parsed;
  const window = await accessWindowOf(user.id, user.organizationId);
  const [page, keys, options] = await Promise.all([listEvidencePackagesPage(user.organizationId, window, query), listSigningKeys(user.organizationId), scopeOptions(user.organizationId)]);
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
        <SigningKeyPanel keys={keys} rotateAction={can(user.role, 'evidence:rotate-key') ? rotateSigningKeyAction : undefined} />
      </div>
      <h2 className="mb-2 font-medium">Packages</h2>
      <QueryProblem problem={parsed.ok ? null : parsed.problem} />
      <TableFilters label="Filter packages" fields={FILTERS} values={query} keep={{ sort: query.sort, dir: query.dir, size: query.size }} />
      <PackagesTable rows={page.rows} total={page.total} state={{ page: page.page, size: page.size, sort: query.sort, dir: query.dir }} canDownload={can(user.role, 'evidence:download')} />
    </>
  );
}
