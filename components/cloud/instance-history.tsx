import { instanceHistory } from '@/lib/cloud-scans/list-inventory';

interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

const shown = (value: unknown) => (value === null || value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value));

function describe(kind: string, fields: unknown): string {
  if (kind === 'changed' && Array.isArray(fields)) return (fields as FieldChange[]).map((f) => `${f.field}: ${shown(f.before)} → ${shown(f.after)}`).join('; ');
  if (kind === 'new' && (fields as { returned?: boolean })?.returned) return `seen again (gone since ${shown((fields as { goneSince?: string }).goneSince)})`;
  if (kind === 'new') return 'first inventoried';
  if (kind === 'gone') return `no longer listed by ${shown((fields as { scope?: string })?.scope)}`;
  return kind;
}

/** When the cloud scans first saw the resource, what changed between runs, and when it went away. */
export async function InstanceHistory({ organizationId, instanceId }: { organizationId: string; instanceId: string }) {
  const changes = await instanceHistory(organizationId, instanceId);
  if (changes.length === 0) return null;
  return (
    <section className="mt-8" aria-labelledby="inventory-history">
      <h2 id="inventory-history" className="mb-2 font-medium">Inventory history</h2>
      <table className="min-w-full rounded border border-slate-200 bg-white text-sm">
        <caption className="sr-only">Inventory changes of this instance, newest first</caption>
        <thead className="bg-slate-100 text-left">
          <tr>
            <th scope="col" className="px-4 py-2">When (UTC)</th>
            <th scope="col" className="px-4 py-2">Change</th>
            <th scope="col" className="px-4 py-2">Details</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr key={c.id} className="border-t border-slate-200" data-testid="inventory-change">
              <td className="px-4 py-2">{c.at.toISOString().replace('T', ' ').slice(0, 16)}</td>
              <td className="px-4 py-2 font-medium">{c.kind}</td>
              <td className="px-4 py-2">{describe(c.kind, c.fields)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
