'use client';
// Filter bar of a server-paginated list: a GET form (next/form navigates on the client) whose fields
// become URL search params; applying filters starts again at page 1 and keeps sort and page size.
import Form from 'next/form';
import Link from 'next/link';
import { usePathname } from 'next/navigation';

export type FilterField =
  | { kind: 'select'; name: string; label: string; options: readonly { value: string; label: string }[]; /** Label of the empty choice (the default). */ emptyLabel?: string }
  | { kind: 'search' | 'date'; name: string; label: string; placeholder?: string };

interface TableFiltersProps {
  label: string;
  fields: FilterField[];
  /** Current values (from the URL). */
  values: Record<string, string | number | undefined>;
  /** Parameters carried over unchanged (sort, dir, size). */
  keep?: Record<string, string | number | undefined>;
}

export function TableFilters({ label, fields, values, keep = {} }: TableFiltersProps) {
  const pathname = usePathname();
  return (
    <Form action={pathname} aria-label={label} className="mb-3 flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-3 text-sm">
      {Object.entries(keep).map(([name, value]) => (value === undefined ? null : <input key={name} type="hidden" name={name} value={String(value)} />))}
      {fields.map((field) => {
        const id = `filter-${field.name}`;
        return (
          <div key={field.name} className="flex flex-col gap-1">
            <label htmlFor={id} className="font-medium">
              {field.label}
            </label>
            {field.kind === 'select' ? (
              <select id={id} name={field.name} defaultValue={String(values[field.name] ?? '')} className="rounded border border-slate-400 px-2 py-1">
                <option value="">{field.emptyLabel ?? 'All'}</option>
                {field.options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            ) : (
              <input id={id} name={field.name} type={field.kind} defaultValue={String(values[field.name] ?? '')} placeholder={field.placeholder} className="rounded border border-slate-400 px-2 py-1" />
            )}
          </div>
        );
      })}
      <button type="submit" className="rounded bg-sky-800 px-3 py-1.5 font-medium text-white hover:bg-sky-900">
        Apply filters
      </button>
      <Link href={pathname} className="py-1.5 text-sky-800 underline">
        Clear
      </Link>
    </Form>
  );
}
