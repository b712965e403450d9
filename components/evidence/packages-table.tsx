'use client';
// Evidence packages (/evidence) on the shared server-paginated table: live progress while a
// package builds, the download link and evidence digest once it is ready.
import { createColumnHelper } from '@tanstack/react-table';
import { useMemo } from 'react';
import { DataTable, dataTableFeatures, type DataTableState } from '@/components/ui/data-table/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import type { EvidencePackageRow } from '@/lib/evidence/list-evidence-packages';
import { PackageProgress } from './package-progress';

const helper = createColumnHelper<typeof dataTableFeatures, EvidencePackageRow>();

function sizeOf(bytes: number | null): string {
  if (bytes === null) return '—';
  return bytes > 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

function StatusCell({ p }: { p: EvidencePackageRow }) {
  if (p.status === 'queued' || p.status === 'building') return <PackageProgress packageId={p.id} initial={{ status: p.status, progress: p.progress, stage: p.stage, error: p.error }} />;
  if (p.status === 'failed') return <span className="text-red-800">failed: {p.error}</span>;
  return <span data-testid="package-status">{p.status}</span>;
}

function PackageCell({ p, canDownload }: { p: EvidencePackageRow; canDownload: boolean }) {
  if (p.status !== 'ready') return <>—</>;
  return (
    <>
      {canDownload ? (
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
  );
}

function columnsFor(canDownload: boolean) {
  return helper.columns([
    helper.accessor((p) => p.period.from, {
      id: 'period',
      header: 'Period',
      cell: ({ row }) => (
        <span className="whitespace-nowrap">
          {row.original.period.from} to {row.original.period.to}
        </span>
      ),
    }),
    helper.accessor('scope', { id: 'scope', header: 'Scope', enableSorting: false }),
    helper.accessor('createdAt', {
      id: 'created',
      header: 'Requested',
      cell: ({ row }) => (
        <>
          {row.original.requestedBy}
          <div className="text-xs text-slate-600">{row.original.createdAt.toISOString().replace('T', ' ').slice(0, 16)} UTC</div>
        </>
      ),
    }),
    helper.accessor('status', { id: 'status', header: 'Status', cell: ({ row }) => <StatusCell p={row.original} /> }),
    helper.display({ id: 'package', header: 'Package', cell: ({ row }) => <PackageCell p={row.original} canDownload={canDownload} /> }),
  ]);
}

const empty = <EmptyState title="No packages">Create one above; it is built in the background and listed here.</EmptyState>;

export function PackagesTable({ canDownload, ...page }: { rows: EvidencePackageRow[]; total: number; state: DataTableState; canDownload: boolean }) {
  const columns = useMemo(() => columnsFor(canDownload), [canDownload]);
  return <DataTable {...page} columns={columns} caption="Evidence packages" getRowId={(r) => r.id} rowTestId="evidence-package-row" empty={empty} />;
}
