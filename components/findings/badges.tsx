import { FINDING_STATE_LABELS, type FindingState } from '@/lib/findings/lifecycle';

const SEVERITY_STYLES: Record<string, string> = {
  critical: 'bg-red-700 text-white border-red-800',
  high: 'bg-orange-100 text-orange-900 border-orange-300',
  medium: 'bg-amber-50 text-amber-900 border-amber-300',
  low: 'bg-slate-100 text-slate-800 border-slate-300',
};

const chip = 'inline-flex items-center rounded border px-2 py-0.5 text-xs font-medium';

export function SeverityBadge({ severity }: { severity: string }) {
  return <span className={`${chip} ${SEVERITY_STYLES[severity] ?? SEVERITY_STYLES.low}`}>{severity}</span>;
}

const STATE_STYLES: Partial<Record<FindingState, string>> = {
  open: 'bg-red-50 text-red-900 border-red-300',
  reopened: 'bg-red-50 text-red-900 border-red-300',
  acknowledged: 'bg-sky-50 text-sky-900 border-sky-300',
  in_remediation: 'bg-sky-50 text-sky-900 border-sky-300',
  risk_accepted: 'bg-violet-50 text-violet-900 border-violet-300',
  false_positive: 'bg-slate-100 text-slate-800 border-slate-300',
  resolved: 'bg-emerald-50 text-emerald-900 border-emerald-300',
};

export function FindingStateBadge({ state }: { state: string }) {
  return <span className={`${chip} ${STATE_STYLES[state as FindingState] ?? ''}`}>{FINDING_STATE_LABELS[state as FindingState] ?? state}</span>;
}

export function OverdueBadge({ count }: { count?: number }) {
  return (
    <span className={`${chip} border-red-800 bg-red-700 text-white`} data-testid="overdue-badge">
      Overdue{count !== undefined ? ` ${count}` : ''}
    </span>
  );
}

export const day = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : '—');
export const minute = (d: Date | null | undefined) => (d ? `${d.toISOString().replace('T', ' ').slice(0, 16)} UTC` : '—');
