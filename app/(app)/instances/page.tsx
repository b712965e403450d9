import Link from 'next/link';
import { ScanNowButton } from '@/components/scans/scan-now-button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageTitle } from '@/components/ui/page-title';
import { StatusBadge } from '@/components/ui/status-badge';
import { requirePage } from '@/lib/auth/guard';
import { can } from '@/lib/auth/roles';
import { listInstances } from '@/lib/inventory/list-instances';
import { startScanAction } from './actions';

export const dynamic = 'force-dynamic';

export default async function InstancesPage() {
  const user = await requirePage('instances:view');
  const rows = await listInstances(user.organizationId);
  return (
    <>
      <PageTitle title="Instances">Every Redis and Valkey in the inventory, with its latest assessment.</PageTitle>
      {can(user.role, 'scans:run') && rows.some((r) => r.platform === 'self' && !r.goneAt) ? (
        <div className="mb-4">
          <ScanNowButton label="Scan all self-hosted instances" start={startScanAction} />
        </div>
      ) : null}
      {rows.length === 0 ? (
        <EmptyState title="The inventory is empty">
          Register a self-hosted target on the <Link href="/connections" className="text-sky-800 underline">Connections</Link> page to start.
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded border border-slate-200 bg-white">
          <table className="min-w-full text-sm">
            <caption className="sr-only">Inventoried instances</caption>
            <thead className="bg-slate-100 text-left">
              <tr>
                <th scope="col" className="px-4 py-2">Name</th>
                <th scope="col" className="px-4 py-2">Platform</th>
                <th scope="col" className="px-4 py-2">Endpoint / resource</th>
                <th scope="col" className="px-4 py-2">Engine</th>
                <th scope="col" className="px-4 py-2">Environment</th>
                <th scope="col" className="px-4 py-2">Latest assessment</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} className="border-t border-slate-200" data-testid="instance-row">
                  <td className="px-4 py-2 font-medium">
                    <Link href={`/instances/${r.id}`} className="text-sky-800 underline">
                      {r.name}
                    </Link>
                  </td>
                  <td className="px-4 py-2">{r.platform}</td>
                  <td className="px-4 py-2 font-mono text-xs">{r.resourceId}</td>
                  <td className="px-4 py-2">{r.engine ? `${r.engine} ${r.engineVersion ?? ''}` : '—'}</td>
                  <td className="px-4 py-2">{r.environment ?? '—'}</td>
                  <td className="px-4 py-2">
                    {r.counts ? (
                      <div className="flex flex-wrap gap-1">
                        <StatusBadge status="fail" count={r.counts.fail} />
                        <StatusBadge status="pass" count={r.counts.pass} />
                        {r.counts.error + r.counts.not_assessable > 0 ? <StatusBadge status="not_assessable" count={r.counts.error + r.counts.not_assessable} /> : null}
                      </div>
                    ) : (
                      <span className="text-slate-700">Not scanned yet</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
