import type { ControlStatus } from '@/lib/controls/types';

const STYLES: Record<ControlStatus, string> = {
  pass: 'bg-emerald-100 text-emerald-900 border-emerald-300',
  fail: 'bg-red-100 text-red-900 border-red-300',
  error: 'bg-amber-100 text-amber-900 border-amber-300',
  not_assessable: 'bg-violet-100 text-violet-900 border-violet-300',
  not_applicable: 'bg-slate-100 text-slate-700 border-slate-300',
};

export const STATUS_LABELS: Record<ControlStatus, string> = {
  pass: 'Pass',
  fail: 'Fail',
  error: 'Could not evaluate',
  not_assessable: 'Not assessable',
  not_applicable: 'Not applicable',
};

export function StatusBadge({ status, count }: { status: ControlStatus; count?: number }) {
  return (
    <span className={`inline-flex items-center gap-1 rounded border px-2 py-0.5 text-xs font-medium ${STYLES[status]}`}>
      {STATUS_LABELS[status]}
      {count !== undefined ? <span className="font-semibold">{count}</span> : null}
    </span>
  );
}
