import Link from 'next/link';
import { AddSelfTargetForm } from '@/components/connections/add-self-target-form';
import { EmptyState } from '@/components/ui/empty-state';
import { PageTitle } from '@/components/ui/page-title';
import { requirePage } from '@/lib/auth/guard';
import { can } from '@/lib/auth/roles';
import { listConnections } from '@/lib/connections/list-connections';
import { AddAwsConnectionForm } from '@/components/cloud/add-aws-connection-form';
import { AddGcpConnectionForm } from '@/components/cloud/add-gcp-connection-form';
import { CloudConnectionsTable } from '@/components/cloud/cloud-connections-table';
import { listCloudConnections } from '@/lib/cloud-scans/list-cloud-connections';
import { addAwsConnectionAction, addGcpConnectionAction, addSelfTargetAction, scanConnectionAction, testCloudConnectionAction } from './actions';

export const dynamic = 'force-dynamic';

export default async function ConnectionsPage() {
  const user = await requirePage('connections:view');
  const connections = (await listConnections(user.organizationId)).filter((c) => c.kind === 'self');
  const cloud = await listCloudConnections(user.organizationId);
  const manage = can(user.role, 'connections:manage');
  return (
    <>
      <PageTitle title="Connections">Where the scanner finds instances. Secrets are stored encrypted and never shown again.</PageTitle>
      {manage ? (
        <div className="mb-8">
          <h2 className="mb-2 font-medium">Add a self-hosted Redis or Valkey</h2>
          <AddSelfTargetForm action={addSelfTargetAction} />
          <p className="mt-2 text-sm text-slate-700">
            Give the scanner its own read-only ACL user (see docs/scanner-acl.md): it never writes to the instance.
          </p>
        </div>
      ) : null}
      <h2 className="mb-2 font-medium">Self-hosted targets</h2>
      {connections.length === 0 ? (
        <EmptyState title="No self-hosted targets yet">{manage ? 'Add a self-hosted target above.' : 'An engineer or admin adds them here.'}</EmptyState>
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
                <td className="px-4 py-2 font-mono text-xs">
                  {c.endpoint ?? '—'}
                  {c.replicas.length ? <span className="block text-slate-600">replicas: {c.replicas.join(', ')}</span> : null}
                </td>
                <td className="px-4 py-2">{c.user ?? 'default'}</td>
                <td className="px-4 py-2">{c.hasSecret ? 'stored (encrypted)' : 'none'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <section className="mt-10" aria-labelledby="cloud-heading">
        <h2 id="cloud-heading" className="mb-2 font-medium">Cloud accounts and projects</h2>
        <p className="mb-3 text-sm text-slate-700">
          AWS ElastiCache (node-based and Serverless) and Google Cloud Memorystore, read through the providers&apos; Describe/List APIs only
          (IAM policy: docs/aws-iam-policy.json; Google role roles/redis.viewer). Scanned resources appear on the{' '}
          <Link href="/inventory" className="text-sky-800 underline">Inventory</Link> page.
        </p>
        {cloud.length === 0 ? (
          <EmptyState title="No cloud accounts yet">{manage ? 'Add an AWS account or Google Cloud projects below.' : 'An engineer or admin adds them here.'}</EmptyState>
        ) : (
          <CloudConnectionsTable
            connections={cloud}
            test={manage ? (id) => testCloudConnectionAction.bind(null, id) : undefined}
            scan={can(user.role, 'scans:run') ? (id) => scanConnectionAction.bind(null, id) : undefined}
          />
        )}
        {manage ? (
          <div className="mt-6 grid gap-6">
            <div>
              <h3 className="mb-2 font-medium">Add an AWS account</h3>
              <AddAwsConnectionForm action={addAwsConnectionAction} />
            </div>
            <div>
              <h3 className="mb-2 font-medium">Add Google Cloud projects</h3>
              <AddGcpConnectionForm action={addGcpConnectionAction} />
            </div>
          </div>
        ) : null}
      </section>
    </>
  );
}
