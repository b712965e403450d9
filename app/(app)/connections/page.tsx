import { AddSelfTargetForm } from '@/components/connections/add-self-target-form';
import { EmptyState } from '@/components/ui/empty-state';
import { PageTitle } from '@/components/ui/page-title';
import { requirePage } from '@/lib/auth/guard';
import { can } from '@/lib/auth/roles';
import { listConnections } from '@/lib/connections/list-connections';
import { addSelfTargetAction } from './actions';

export const dynamic = 'force-dynamic';

export default async function ConnectionsPage() {
  const user = await requirePage('connections:view');
  const connections = await listConnections(user.organizationId);
  return (
    <>
      <PageTitle title="Connections">Where the scanner finds instances. Secrets are stored encrypted and never shown again.</PageTitle>
      {can(user.role, 'connections:manage') ? (
        <div className="mb-8">
          <h2 className="mb-2 font-medium">Add a self-hosted Redis or Valkey</h2>
          <AddSelfTargetForm action={addSelfTargetAction} />
          <p className="mt-2 text-sm text-slate-700">
            Give the scanner its own read-only ACL user (see docs/scanner-acl.md): it never writes to the instance.
          </p>
        </div>
      ) : null}
      {connections.length === 0 ? (
        <EmptyState title="No connections yet">Add a self-hosted target above.</EmptyState>
      ) : (
        <table className="min-w-full rounded border border-slate-200 bg-white text-sm">
          <thead className="bg-slate-100 text-left">
            <tr>
              <th scope="col" className="px-4 py-2">Name</th>
              <th scope="col" className="px-4 py-2">Kind</th>
              <th scope="col" className="px-4 py-2">Endpoint</th>
              <th scope="col" className="px-4 py-2">Scanner user</th>
              <th scope="col" className="px-4 py-2">Credentials</th>
            </tr>
          </thead>
          <tbody>
            {connections.map((c) => (
              <tr key={c.id} className="border-t border-slate-200" data-testid="connection-row">
                <td className="px-4 py-2 font-medium">{c.name}</td>
                <td className="px-4 py-2">{c.kind}</td>
                <td className="px-4 py-2 font-mono text-xs">{c.endpoint ?? '—'}</td>
                <td className="px-4 py-2">{c.user ?? 'default'}</td>
                <td className="px-4 py-2">{c.hasSecret ? 'stored (encrypted)' : 'none'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
