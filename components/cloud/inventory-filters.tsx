import type { InventoryFilter } from '@/lib/cloud-scans/list-inventory';

const select = 'mt-1 rounded border border-slate-400 px-2 py-1';

/** One filter: `anyLabel` is the option that leaves the filter off (null when the filter is always set). */
function FilterSelect({ label, name, value, options, anyLabel = 'All' }: { label: string; name: string; value: string | undefined; options: [value: string, label: string][]; anyLabel?: string | null }) {
  return (
    <label>
      <span className="block font-medium">{label}</span>
      <select name={name} defaultValue={value ?? ''} className={select}>
        {anyLabel !== null && <option value="">{anyLabel}</option>}
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A plain GET form: the filters live in the URL, so a filtered view can be bookmarked and shared. */
export function InventoryFilters({ filter, accounts, regions }: { filter: InventoryFilter; accounts: string[]; regions: string[] }) {
  return (
    <form method="get" className="mb-6 flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-4 text-sm" aria-label="Filter the inventory">
      <FilterSelect label="Provider" name="provider" value={filter.provider} options={[['aws', 'AWS'], ['gcp', 'Google Cloud']]} />
      <FilterSelect label="Account / project" name="account" value={filter.account} options={accounts.map((a) => [a, a])} />
      <FilterSelect label="Region / location" name="region" value={filter.region} options={regions.map((r) => [r, r])} />
      <FilterSelect label="Platform" name="platform" value={filter.platform} options={[['ec', 'ElastiCache'], ['ecs', 'ElastiCache Serverless'], ['ms', 'Memorystore']]} />
      <FilterSelect label="State" name="state" value={filter.state} anyLabel={null} options={[['present', 'Present'], ['gone', 'Gone'], ['all', 'All']]} />
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
