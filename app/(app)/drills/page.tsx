import { ActionForm, inputClass } from '@/components/findings/action-form';
import { TrendChart } from '@/components/drills/trend-chart';
import { DueBadge, type Tone } from '@/components/records/due-badge';
import { duration, utc } from '@/components/records/format';
import { EmptyState } from '@/components/ui/empty-state';
import { PageTitle } from '@/components/ui/page-title';
import { requirePage } from '@/lib/auth/guard';
import { can } from '@/lib/auth/roles';
import { drillsOverview, type DrillInstanceRow, type DrillState } from '@/lib/drills/drills-overview';
import { BACKUP_KINDS, INTEGRITY_METHODS } from '@/lib/drills/record-manual-drill';
import { recordDrillAction, reviewRunbookAction, runDrillAction, saveDrillScheduleAction } from './actions';

export const dynamic = 'force-dynamic';

const STATE: Record<DrillState, { tone: Tone; label: string }> = {
  ok: { tone: 'good', label: 'current' },
  due_soon: { tone: 'soon', label: 'due soon' },
  overdue: { tone: 'bad', label: 'overdue' },
  never: { tone: 'bad', label: 'no passing drill' },
};

function ScheduleForm({ row }: { row: DrillInstanceRow }) {
  const s = row.schedule;
  return (
    <details className="mt-1">
      <summary className="cursor-pointer text-sky-800 underline">{s ? 'Change backup location' : 'Configure backup location'}</summary>
      <ActionForm action={saveDrillScheduleAction} hidden={{ instanceId: row.instanceId }} submitLabel="Save schedule" label={`Drill schedule of ${row.name}`} className="mt-2 rounded border border-slate-200 bg-slate-50 p-3">
        <label>
          <span className="block font-medium">Backup kind</span>
          <select name="backupKind" defaultValue={s?.backupKind ?? 'rdb'} className={inputClass}>
            <option value="rdb">RDB file (dump.rdb)</option>
            <option value="aof">AOF file or appendonly directory</option>
          </select>
        </label>
        <label>
          <span className="block font-medium">Backup path (absolute, readable by the app)</span>
          <input name="backupPath" defaultValue={s?.backupPath ?? ''} required className={`${inputClass} font-mono text-xs`} placeholder="/backups/redis/dump.rdb" />
        </label>
        <label>
          <span className="block font-medium">Drill every (days)</span>
          <input name="everyDays" type="number" min={1} max={365} defaultValue={s?.everyDays ?? 30} className={inputClass} />
        </label>
        <label>
          <span className="block font-medium">Key count tolerance (%)</span>
          <input name="keyCountTolerancePercent" type="number" min={0} max={50} defaultValue={s?.keyCountTolerancePercent ?? 0} className={inputClass} />
        </label>
        <label className="flex items-center gap-2">
          <input name="enabled" type="checkbox" defaultChecked={s?.enabled ?? true} /> Run on schedule
        </label>
      </ActionForm>
    </details>
  );
}

export default async function DrillsPage() {
  const user = await requirePage('drills:view');
  const overview = await drillsOverview(user.organizationId);
  const mayRun = can(user.role, 'drills:run');
  const overdue = overview.instances.filter((i) => i.state === 'overdue' || i.state === 'never');
  const trend = overview.instances
    .map((i) => ({ row: i, drills: overview.history.filter((h) => h.instanceId === i.instanceId).slice(0, 12).reverse() }))
    .filter((t) => t.drills.length > 0);
  return (
    <>
      <PageTitle title="Restore drills">
        A passing restore drill within {overview.drillMaxAgeDays} days per instance, with RTO and RPO within the DR plan&apos;s targets (RED-PRC-001). Automated drills restore a copy of the
        backup into a sandbox redis-server on loopback; the production instance is never touched.
      </PageTitle>

      <section aria-labelledby="drill-status" className="mb-8">
        <h2 id="drill-status" className="mb-2 text-lg font-medium">
          Status per instance {overdue.length ? <DueBadge tone="bad">{overdue.length} without a current drill</DueBadge> : null}
        </h2>
        {overview.instances.length === 0 ? (
          <EmptyState title="No instances yet">Add a connection and scan it first.</EmptyState>
        ) : (
          <table className="min-w-full rounded border border-slate-200 bg-white text-sm">
            <caption className="sr-only">Drill status per instance</caption>
            <thead className="bg-slate-100 text-left">
              <tr>
                <th scope="col" className="px-3 py-2">Instance</th>
                <th scope="col" className="px-3 py-2">Last drill</th>
                <th scope="col" className="px-3 py-2">Next passing drill due</th>
                <th scope="col" className="px-3 py-2">Automated schedule</th>
              </tr>
            </thead>
            <tbody>
              {overview.instances.map((row) => (
                <tr key={row.instanceId} className="border-t border-slate-200 align-top" data-testid="drill-instance-row">
                  <th scope="row" className="px-3 py-2 text-left font-medium">
                    {row.name}
                    <span className="block text-xs font-normal text-slate-600">
                      {row.platform} · {row.environment ?? 'no environment'}
                    </span>
                  </th>
                  <td className="px-3 py-2">{row.lastDrill ? `${utc(row.lastDrill.startedAt)} · ${row.lastDrill.result}` : '—'}</td>
                  <td className="px-3 py-2">
                    <DueBadge tone={STATE[row.state].tone}>{STATE[row.state].label}</DueBadge> {row.dueAt ? utc(row.dueAt, false) : ''}
                  </td>
                  <td className="px-3 py-2">
                    {row.schedule ? (
                      <span className="block text-xs">
                        <span className="font-mono">{row.schedule.backupPath}</span> ({row.schedule.backupKind}) · every {row.schedule.everyDays} d ·{' '}
                        {row.schedule.enabled ? `next ${utc(row.schedule.nextRunAt)}` : 'paused'}
                      </span>
                    ) : (
                      <span className="text-xs text-slate-600">{row.platform === 'self' ? 'no backup location configured' : 'record cloud restores as manual drills'}</span>
                    )}
                    {mayRun && row.platform === 'self' ? (
                      <>
                        {row.schedule ? <ActionForm action={runDrillAction} hidden={{ instanceId: row.instanceId }} submitLabel="Run drill now" label={`Run a drill of ${row.name}`} className="mt-2" /> : null}
                        <ScheduleForm row={row} />
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {trend.length ? (
        <section aria-labelledby="drill-trend" className="mb-8">
          <h2 id="drill-trend" className="mb-2 text-lg font-medium">RTO and RPO trend</h2>
          <div className="grid gap-4 md:grid-cols-2">
            {trend.map(({ row, drills }) => (
              <div key={row.instanceId} className="rounded border border-slate-200 bg-white p-3">
                <h3 className="mb-2 font-medium">{row.name}</h3>
                <div className="flex flex-wrap gap-4">
                  <TrendChart label="RTO" targetSeconds={drills.at(-1)?.rtoTargetSeconds ?? null} points={drills.filter((d) => d.rtoSeconds !== null).map((d) => ({ at: d.startedAt, seconds: d.rtoSeconds!, passed: d.result === 'pass' }))} />
                  <TrendChart label="RPO" targetSeconds={drills.at(-1)?.rpoTargetSeconds ?? null} points={drills.filter((d) => d.rpoSeconds !== null).map((d) => ({ at: d.startedAt, seconds: d.rpoSeconds!, passed: d.result === 'pass' }))} />
                </div>
              </div>
            ))}
          </div>
        </section>
      ) : null}

      {mayRun ? (
        <section aria-labelledby="manual-drill" className="mb-8">
          <h2 id="manual-drill" className="mb-2 text-lg font-medium">Record a drill run elsewhere</h2>
          <ActionForm action={recordDrillAction} hidden={{}} submitLabel="Record drill" label="Record a manual drill" className="grid gap-3 rounded border border-slate-200 bg-white p-4 md:grid-cols-3">
            <label>
              <span className="block font-medium">Instance</span>
              <select name="instanceId" required className={inputClass}>
                {overview.instances.map((i) => (
                  <option key={i.instanceId} value={i.instanceId}>{i.name}</option>
                ))}
              </select>
            </label>
            <label>
              <span className="block font-medium">Backup kind</span>
              <select name="backupKind" className={inputClass}>
                {BACKUP_KINDS.map((k) => (
                  <option key={k} value={k}>{k}</option>
                ))}
              </select>
            </label>
            <label>
              <span className="block font-medium">Backup restored (snapshot name/ARN, export URI, file)</span>
              <input name="backupRef" required className={inputClass} />
            </label>
            <label>
              <span className="block font-medium">Backup taken at (UTC)</span>
              <input name="snapshotTakenAt" type="datetime-local" required className={inputClass} />
            </label>
            <label>
              <span className="block font-medium">Restore started (UTC)</span>
              <input name="startedAt" type="datetime-local" required className={inputClass} />
            </label>
            <label>
              <span className="block font-medium">Restore finished (UTC; empty if it did not)</span>
              <input name="restoredAt" type="datetime-local" className={inputClass} />
            </label>
            <label>
              <span className="block font-medium">Integrity check</span>
              <select name="integrityMethod" className={inputClass}>
                {INTEGRITY_METHODS.map((m) => (
                  <option key={m} value={m}>{m}</option>
                ))}
              </select>
            </label>
            <label>
              <span className="block font-medium">Expected keys</span>
              <input name="expectedKeys" type="number" min={0} className={inputClass} />
            </label>
            <label>
              <span className="block font-medium">Restored keys</span>
              <input name="restoredKeys" type="number" min={0} className={inputClass} />
            </label>
            <label className="flex items-center gap-2 self-end">
              <input name="integrityPassed" type="checkbox" /> Integrity check passed
            </label>
            <label>
              <span className="block font-medium">Restored into (account/project/VPC or host)</span>
              <input name="restoreTarget" required className={inputClass} />
            </label>
            <label>
              <span className="block font-medium">Environment of the restore target</span>
              <input name="restoreEnvironment" required className={inputClass} placeholder="dr-test" />
            </label>
            <label>
              <span className="block font-medium">Runbook URL</span>
              <input name="runbookUrl" className={inputClass} />
            </label>
            <label className="md:col-span-2">
              <span className="block font-medium">Notes</span>
              <textarea name="notes" rows={2} className={inputClass} />
            </label>
            <label>
              <span className="block font-medium">Evidence file (≤ 10 MB; SHA-256 recorded)</span>
              <input name="file" type="file" className="mt-1 w-full text-sm" />
            </label>
          </ActionForm>
        </section>
      ) : null}

      <section aria-labelledby="drill-history">
        <h2 id="drill-history" className="mb-2 text-lg font-medium">History</h2>
        {overview.history.length === 0 ? (
          <EmptyState title="No drills yet">{mayRun ? 'Configure a backup location and run a drill, or record one run elsewhere.' : 'Engineers run and record drills.'}</EmptyState>
        ) : (
          <table className="min-w-full rounded border border-slate-200 bg-white text-sm">
            <caption className="sr-only">Drill history, newest first</caption>
            <thead className="bg-slate-100 text-left">
              <tr>
                <th scope="col" className="px-3 py-2">Started</th>
                <th scope="col" className="px-3 py-2">Instance</th>
                <th scope="col" className="px-3 py-2">Backup</th>
                <th scope="col" className="px-3 py-2">Keys restored / expected</th>
                <th scope="col" className="px-3 py-2">RTO / target</th>
                <th scope="col" className="px-3 py-2">RPO / target</th>
                <th scope="col" className="px-3 py-2">Result</th>
                <th scope="col" className="px-3 py-2">Runbook</th>
              </tr>
            </thead>
            <tbody>
              {overview.history.map((d) => (
                <tr key={d.id} className="border-t border-slate-200 align-top" data-testid="drill-history-row">
                  <td className="px-3 py-2 whitespace-nowrap">
                    {utc(d.startedAt)}
                    <span className="block text-xs text-slate-600">{d.automated ? 'automated' : 'recorded'} by {d.performer}</span>
                  </td>
                  <td className="px-3 py-2">{d.instanceName}</td>
                  <td className="px-3 py-2 text-xs">
                    {d.backupKind} <span className="font-mono break-all">{d.backupRef}</span>
                    {d.backupSha256 ? <span className="block font-mono text-slate-600">sha256 {d.backupSha256.slice(0, 16)}…</span> : null}
                    {d.attachments.map((a) => (
                      <a key={a.id} href={`/api/attachments/${a.id}`} className="block text-sky-800 underline">{a.filename}</a>
                    ))}
                  </td>
                  <td className="px-3 py-2">
                    {d.restoredKeys ?? '—'} / {d.expectedKeys ?? '—'}
                  </td>
                  <td className="px-3 py-2">{duration(d.rtoSeconds)} / {duration(d.rtoTargetSeconds)}</td>
                  <td className="px-3 py-2">{duration(d.rpoSeconds)} / {duration(d.rpoTargetSeconds)}</td>
                  <td className="px-3 py-2">
                    <DueBadge tone={d.result === 'pass' ? 'good' : 'bad'}>{d.result}</DueBadge>
                    {d.reason ? <span className="mt-1 block max-w-xs text-xs text-red-900">{d.reason}</span> : null}
                  </td>
                  <td className="px-3 py-2 text-xs">
                    {d.runbookReviewedAt ? (
                      `reviewed ${utc(d.runbookReviewedAt, false)}`
                    ) : mayRun ? (
                      <ActionForm action={reviewRunbookAction} hidden={{ drillId: d.id }} submitLabel="Runbook reviewed" label={`Runbook review of the drill ${d.id}`} tone="secondary">
                        <input name="runbookUrl" aria-label="Runbook URL" placeholder="runbook URL (optional)" className={inputClass} />
                      </ActionForm>
                    ) : (
                      <DueBadge tone={d.runbookReviewOpen ? 'soon' : 'bad'}>{d.runbookReviewOpen ? 'review due' : 'not reviewed'}</DueBadge>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
