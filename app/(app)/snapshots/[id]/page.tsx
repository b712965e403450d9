import Link from 'next/link';
import { notFound } from 'next/navigation';
import { PageTitle } from '@/components/ui/page-title';
import { requirePage } from '@/lib/auth/guard';
import { findSnapshot } from '@/lib/results/instance-assessment';
import { flattenFacts } from '@/lib/facts-diff/flatten-facts';

export const dynamic = 'force-dynamic';

export default async function SnapshotPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePage('results:view');
  const { id } = await params;
  const snapshot = await findSnapshot(user.organizationId, id);
  if (!snapshot) notFound();
  const rows = flattenFacts(snapshot.facts);
  return (
    <>
      <PageTitle title="Facts snapshot">
        Collected {snapshot.collectedAt.toISOString().replace('T', ' ').slice(0, 19)} UTC · SHA-256 <span className="font-mono text-xs">{snapshot.sha256}</span> ·{' '}
        <Link className="text-sky-800 underline" href={`/instances/${snapshot.instanceId}`}>
          back to the instance
        </Link>
      </PageTitle>
      <p className="mb-4 text-sm text-slate-700">Everything the probe collected, as stored. Secrets appear only as set/fingerprint; key names only as normalized patterns.</p>
      <table className="min-w-full rounded border border-slate-200 bg-white text-sm">
        <thead className="bg-slate-100 text-left">
          <tr>
            <th scope="col" className="px-3 py-2">Fact (JSON pointer)</th>
            <th scope="col" className="px-3 py-2">Value</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.pointer} id={r.pointer} className="border-t border-slate-100 align-top target:bg-amber-50">
              <td className="px-3 py-1 font-mono text-xs">{r.pointer}</td>
              <td className="px-3 py-1 font-mono text-xs break-all">{r.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
