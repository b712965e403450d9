// Filter fields the findings and tickets lists share.
import type { FilterField } from '@/components/ui/data-table/table-filters';

export const OVERDUE_FIELD: FilterField = { kind: 'select', name: 'overdue', label: 'Due', emptyLabel: 'Any due date', options: [{ value: 'yes', label: 'Overdue only' }] };

export function assigneeField(assignees: { id: string; name: string }[], mine: string): FilterField {
  return { kind: 'select', name: 'assigneeId', label: 'Assignee', emptyLabel: 'Anyone', options: [{ value: 'me', label: mine }, { value: 'none', label: 'Unassigned' }, ...assignees.map((u) => ({ value: u.id, label: u.name }))] };
}
