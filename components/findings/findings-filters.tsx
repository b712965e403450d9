// A plain GET form: filters live in the URL, so a filtered list can be bookmarked or shared.
import { SEVERITIES } from '@/lib/controls/types';
import type { FindingFilters } from '@/lib/findings/list-findings';
import { FINDING_STATE_LABELS, FINDING_STATES } from '@/lib/findings/lifecycle';

const select = 'mt-1 block rounded border border-slate-400 px-2 py-1';

export function FindingsFilters({ filters, mine }: { filters: FindingFilters; mine: boolean }) {
  return (
    <form method="get" className="mb-4 flex flex-wrap items-end gap-4 rounded border border-slate-200 bg-white p-4 text-sm" aria-label="Filter findings">
      <label>
        <span className="font-medium">State</span>
        <select name="state" defaultValue={filters.state} className={select}>
          <option value="active">Active (open, acknowledged, in remediation, reopened)</option>
          <option value="all">All</option>
          {FINDING_STATES.map((s) => (
            <option key={s} value={s}>
              {FINDING_STATE_LABELS[s]}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span className="font-medium">Severity</span>
        <select name="severity" defaultValue={filters.severity} className={select}>
          <option value="all">All</option>
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label className="flex items-center gap-2">
        <input type="checkbox" name="overdue" value="yes" defaultChecked={filters.overdue === 'yes'} /> Overdue only
      </label>
      <label className="flex items-center gap-2">
        <input type="checkbox" name="mine" value="1" defaultChecked={mine} /> My findings
      </label>
      {filters.instanceId ? <input type="hidden" name="instanceId" value={filters.instanceId} /> : null}
      <button type="submit" className="rounded bg-sky-800 px-4 py-1.5 font-medium text-white hover:bg-sky-900">
        Apply
      </button>
    </form>
  );
}
