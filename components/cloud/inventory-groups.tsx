import Link from 'next/link';
import { StatusBadge } from '@/components/ui/status-badge';
import type { InventoryGroup } from '@/lib/cloud-scans/list-inventory';

const PROVIDERS: Record<string, string> = { aws: 'AWS', gcp: 'Google Cloud' };
const PLATFORMS: Record<string, string> = { ec: 'ElastiCache', ecs: 'ElastiCache Serverless', ms: 'Memorystore' };
const day = (d: Date) => d.toISOString().slice(0, 10);

/** One table per provider / account / region. */
export function InventoryGroups({ groups }: { groups: InventoryGroup[] }) {
  return (
    <div className="space-y-6">
      {groups.map((g) => {
        const title = `${PROVIDERS[g.provider] ?? g.provider} · ${g.provider === 'aws' ? 'account' : 'project'} ${g.account} · ${g.region}`;
        return (
          <section key={`${g.provider}/${g.account}/${g.region}`} aria-label={title} data-testid="inventory-group">
            <h2 className="mb-2 font-medium">{title}</h2>
            <div className="overflow-x-auto rounded border border-slate-200 bg-white">
              <table className="min-w-full text-sm">
                <caption className="sr-only">{title}</caption>
                <thead className="bg-slate-100 text-left">
                  <tr>
                    <th scope="col" className="px-4 py-2">Name</th>
                    <th scope="col" className="px-4 py-2">Platform</th>
                    <th scope="col" className="px-4 py-2">Engine</th>
                    <th scope="col" className="px-4 py-2">Environment</th>
                    <th scope="col" className="px-4 py-2">Latest assessment</th>
                    <th scope="col" className="px-4 py-2">Seen</th>
                    <th scope="col" className="px-4 py-2">Last change</th>
                  </tr>
                </thead>
                <tbody>
                  {g.resources.map((r) => (
                    <tr key={r.id} className="border-t border-slate-200" data-testid="inventory-row">
                      <td className="px-4 py-2">
                        <Link href={`/instances/${r.id}`} className="font-medium text-sky-800 underline">
                          {r.name}
                        </Link>
                        <div className="font-mono text-xs text-slate-700">{r.resourceId}</div>
                      </td>
                      <td className="px-4 py-2">{PLATFORMS[r.platform] ?? r.platform}</td>
                      <td className="px-4 py-2">{r.engine ?? '—'}</td>
                      <td className="px-4 py-2">{r.environment ?? 'unknown'}</td>
                      <td className="px-4 py-2">
                        {r.counts ? (
                          <div className="flex flex-wrap gap-1">
                            <StatusBadge status="fail" count={r.counts.fail} />
                            <StatusBadge status="pass" count={r.counts.pass} />
                            {r.counts.error + r.counts.not_assessable > 0 ? <StatusBadge status="not_assessable" count={r.counts.error + r.counts.not_assessable} /> : null}
                          </div>
                        ) : (
                          'not assessed yet'
                        )}
                      </td>
                      <td className="px-4 py-2">
                        {day(r.firstSeenAt)} – {r.goneAt ? <span className="font-medium text-amber-900">gone {day(r.goneAt)}</span> : day(r.lastSeenAt)}
                      </td>
                      <td className="px-4 py-2">{r.lastChange ? `${r.lastChange.kind} ${day(r.lastChange.at)}` : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        );
      })}
    </div>
  );
}
