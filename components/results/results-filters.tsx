// Filters of the results explorer (server component: option lists come from the catalog data).
import { STATUS_LABELS } from '@/components/ui/status-badge';
import { TableFilters, type FilterField } from '@/components/ui/data-table/table-filters';
import { CATALOG } from '@/lib/controls/catalog';
import { PLATFORMS, SEVERITIES, type ControlStatus } from '@/lib/controls/types';
import { requirementsInOrder } from '@/lib/posture/framework-posture';
import { RESULT_STATUS_FILTERS, type ResultsQuery } from '@/lib/posture/results-query';

const statusLabel = (s: string) => (s === 'not_assessed' ? 'Not assessed (could not evaluate or not assessable)' : STATUS_LABELS[s as ControlStatus]);

const FIELDS: FilterField[] = [
  { kind: 'select', name: 'requirement', label: 'Requirement', options: [...requirementsInOrder('hipaa'), ...requirementsInOrder('hitrust')].map((r) => ({ value: r.ref, label: `${r.ref} ${r.title}`.slice(0, 80) })) },
  { kind: 'select', name: 'control', label: 'Control', options: CATALOG.map((c) => ({ value: c.id, label: `${c.id} ${c.title}`.slice(0, 80) })) },
  { kind: 'select', name: 'status', label: 'Status', options: RESULT_STATUS_FILTERS.map((s) => ({ value: s, label: statusLabel(s) })) },
  { kind: 'select', name: 'severity', label: 'Severity', options: SEVERITIES.map((s) => ({ value: s, label: s })) },
  { kind: 'select', name: 'platform', label: 'Platform', options: PLATFORMS.map((p) => ({ value: p, label: p })) },
  { kind: 'search', name: 'q', label: 'Instance name', placeholder: 'contains…' },
  { kind: 'date', name: 'from', label: 'Evaluated from (UTC)' },
  { kind: 'date', name: 'to', label: 'Evaluated to (UTC)' },
];

export function ResultsFilters({ query, period }: { query: ResultsQuery; period: { from: string; to: string } | null }) {
  const values = { requirement: query.requirement, control: query.control, status: query.status, severity: query.severity, platform: query.platform, q: query.q, from: period?.from ?? query.from, to: period?.to ?? query.to };
  return <TableFilters label="Filter results" fields={FIELDS} values={values} keep={{ sort: query.sort, dir: query.dir, size: query.size, instance: query.instance }} />;
}
