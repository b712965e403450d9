import type { InventoryFilter } from '@/lib/cloud-scans/list-inventory';

const select = 'mt-1 rounded border border-slate-400 px-2 py-1';

/** A plain GET form: the filters live in the URL, so a filtered view can be bookmarked and shared. */
export function InventoryFilters({ filter, accounts, regions }: { filter: InventoryFilter; accounts: string[]; regions: string[] }) {
  return (
    <form method="get" className="mb-6 flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-4 text-sm" aria-label="Filter the inventory">
      <label>
        <span className="block font-medium">Provider</span>
        <select name="provider" defaultValue={filter.provider ?? ''} className={select}>
          <option value="">All</option>
          <option value="aws">AWS</option>
          <option value="gcp">Google Cloud</option>
        </select>
      </label>
      <label>
        <span className="block font-medium">Account / project</span>
        <select name="account" defaultValue={filter.account ?? ''} className={select}>
          <option value="">All</option>
          {accounts.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span className="block font-medium">Region / location</span>
        <select name="region" defaultValue={filter.region ?? ''} className={select}>
          <option value="">All</option>
          {regions.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span className="block font-medium">Platform</span>
        <select name="platform" defaultValue={filter.platform ?? ''} className={select}>
          <option value="">All</option>
          <option value="ec">ElastiCache</option>
          <option value="ecs">ElastiCache Serverless</option>
          <option value="ms">Memorystore</option>
        </select>
      </label>
      <label>
        <span className="block font-medium">State</span>
        <select name="state" defaultValue={filter.state} className={select}>
          <option value="present">Present</option>
          <option value="gone">Gone</option>
          <option value="all">All</option>
        </select>
      </label>
      <label>
        <span className="block font-medium">Name or id contains</span>
        <input name="q" defaultValue={filter.q ?? ''} className={select} />
      </label>
      <button type="submit" className="rounded bg-sky-800 px-4 py-1.5 font-medium text-white hover:bg-sky-900">
        Filter
      </button>
    </form>
  );
}
