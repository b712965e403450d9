import { PageTitle } from '@/components/ui/page-title';
import { requirePage } from '@/lib/auth/guard';
import { listAuditEntries } from '@/lib/audit-log/list-audit-entries';

export const dynamic = 'force-dynamic';

export default async function AuditLogPage() {
  const user = await requirePage('audit-log:view');
  const entries = await listAuditEntries(user.organizationId, { take: 200 });
  return (
    <>
      <PageTitle title="Audit log">Who did what in this app, and with what outcome (latest 200 entries).</PageTitle>
      <div className="overflow-x-auto rounded border border-slate-200 bg-white">
        <table className="min-w-full text-sm">
          <thead className="bg-slate-100 text-left">
            <tr>
              <th scope="col" className="px-4 py-2">Time (UTC)</th>
              <th scope="col" className="px-4 py-2">Who</th>
              <th scope="col" className="px-4 py-2">Action</th>
              <th scope="col" className="px-4 py-2">Target</th>
              <th scope="col" className="px-4 py-2">Outcome</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} className="border-t border-slate-200">
                <td className="px-4 py-2 font-mono text-xs">{e.at.toISOString().replace('T', ' ').slice(0, 19)}</td>
                <td className="px-4 py-2">{e.actorEmail ?? 'system'}</td>
                <td className="px-4 py-2">{e.action}</td>
                <td className="px-4 py-2">{e.targetType ? `${e.targetType} ${e.targetId ?? ''}` : '—'}</td>
                <td className="px-4 py-2">{e.outcome}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
