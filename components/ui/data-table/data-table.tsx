'use client';
// The shared server-paginated table: TanStack Table in manual mode (the server sorts, filters and
// pages), with its state in the URL — a page, sort or size change navigates, and the page's server
// component loads that page through lib/. Links and back/forward work; the first page is server-rendered.
import {
  functionalUpdate,
  rowPaginationFeature,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnDef,
  type PaginationState,
  type RowData,
  type SortingState,
} from '@tanstack/react-table';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useTransition, type ReactNode } from 'react';
import { PAGE_SIZES } from '@/lib/paging/page-query';

export const dataTableFeatures = tableFeatures({ rowPaginationFeature, rowSortingFeature });
export type DataTableColumn<Row extends RowData> = ColumnDef<typeof dataTableFeatures, Row>;

export interface DataTableState {
  page: number;
  size: number;
  sort: string;
  dir: 'asc' | 'desc';
}

interface DataTableProps<Row extends RowData> {
  columns: DataTableColumn<Row>[];
  rows: Row[];
  total: number;
  state: DataTableState;
  caption: string;
  getRowId: (row: Row) => string;
  /** Shown instead of the table when there are no rows. */
  empty: ReactNode;
  rowTestId?: string;
}

const ARIA_SORT = { asc: 'ascending', desc: 'descending' } as const;

function useNavigate() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [pending, startTransition] = useTransition();
  const navigate = (patch: Record<string, string | number | null>) => {
    const next = new URLSearchParams(searchParams.toString());
    for (const [key, value] of Object.entries(patch)) {
      if (value === null) next.delete(key);
      else next.set(key, String(value));
    }
    startTransition(() => router.push(`${pathname}?${next.toString()}`, { scroll: false }));
  };
  return { navigate, pending };
}

export function DataTable<Row extends RowData>({ columns, rows, total, state, caption, getRowId, empty, rowTestId }: DataTableProps<Row>) {
  const { navigate, pending } = useNavigate();
  const sorting: SortingState = [{ id: state.sort, desc: state.dir === 'desc' }];
  const pagination: PaginationState = { pageIndex: state.page - 1, pageSize: state.size };
  const table = useTable({
    features: dataTableFeatures,
    columns,
    data: rows,
    getRowId,
    manualPagination: true,
    manualSorting: true,
    rowCount: total,
    enableSortingRemoval: false,
    autoResetPageIndex: false,
    autoResetSorting: false,
    state: { sorting, pagination },
    onSortingChange: (updater) => {
      const [next] = functionalUpdate(updater, sorting);
      if (next) navigate({ sort: next.id, dir: next.desc ? 'desc' : 'asc', page: null });
    },
    onPaginationChange: (updater) => {
      const next = functionalUpdate(updater, pagination);
      navigate({ page: next.pageSize === state.size ? next.pageIndex + 1 : null, size: next.pageSize });
    },
  });

  if (total === 0) return <>{empty}</>;
  const first = (state.page - 1) * state.size + 1;
  const last = Math.min(total, state.page * state.size);
  return (
    <div className="rounded border border-slate-200 bg-white" aria-busy={pending}>
      <div className="overflow-x-auto">
        <table className="min-w-full text-sm">
          <caption className="sr-only">{`${caption} (rows ${first} to ${last} of ${total})`}</caption>
          <thead className="bg-slate-100 text-left">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  return (
                    <th key={header.id} scope="col" className="px-4 py-2 font-semibold" aria-sort={header.column.getCanSort() ? (sorted ? ARIA_SORT[sorted] : 'none') : undefined}>
                      {header.column.getCanSort() ? (
                        <button type="button" onClick={header.column.getToggleSortingHandler()} className="inline-flex items-center gap-1 hover:underline focus-visible:outline-2 focus-visible:outline-sky-700">
                          <table.FlexRender header={header} />
                          <span aria-hidden="true" className="text-xs text-slate-600">
                            {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}
                          </span>
                        </button>
                      ) : (
                        <table.FlexRender header={header} />
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody className={pending ? 'opacity-60' : undefined}>
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id} className="border-t border-slate-200 align-top" data-testid={rowTestId}>
                {row.getAllCells().map((cell) => (
                  <td key={cell.id} className="px-4 py-2">
                    <table.FlexRender cell={cell} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav aria-label={`${caption}: pages`} className="flex flex-wrap items-center gap-3 border-t border-slate-200 px-4 py-2 text-sm">
        <p aria-live="polite">
          Rows {first}–{last} of {total}
          {pending ? ' · loading…' : ''}
        </p>
        <label className="ml-auto flex items-center gap-2">
          Rows per page
          <select value={state.size} onChange={(e) => table.setPageSize(Number(e.target.value))} className="rounded border border-slate-400 px-1 py-0.5">
            {PAGE_SIZES.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </select>
        </label>
        <div className="flex items-center gap-1">
          <PageButton label="First page" onClick={() => table.firstPage()} disabled={!table.getCanPreviousPage()}>
            «
          </PageButton>
          <PageButton label="Previous page" onClick={() => table.previousPage()} disabled={!table.getCanPreviousPage()}>
            ‹
          </PageButton>
          <span className="px-2">
            Page {state.page} of {table.getPageCount()}
          </span>
          <PageButton label="Next page" onClick={() => table.nextPage()} disabled={!table.getCanNextPage()}>
            ›
          </PageButton>
          <PageButton label="Last page" onClick={() => table.lastPage()} disabled={!table.getCanNextPage()}>
            »
          </PageButton>
        </div>
      </nav>
    </div>
  );
}

function PageButton({ label, onClick, disabled, children }: { label: string; onClick: () => void; disabled: boolean; children: ReactNode }) {
  return (
    <button type="button" aria-label={label} title={label} onClick={onClick} disabled={disabled} className="rounded border border-slate-400 px-2 py-0.5 disabled:cursor-not-allowed disabled:opacity-50 hover:bg-slate-100">
      {children}
    </button>
  );
}
