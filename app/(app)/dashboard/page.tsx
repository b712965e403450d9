import Link from 'next/link';
import { DueWorkPanel } from '@/components/dashboard/due-work-panel';
import { FrameworkTable } from '@/components/dashboard/framework-table';
import { InventoryPanel } from '@/components/dashboard/inventory-panel';
import { LiveActivity } from '@/components/dashboard/live-activity';
import { PostureCards } from '@/components/dashboard/posture-cards';
import { TopFailing } from '@/components/dashboard/top-failing';
import { TrendChart } from '@/components/dashboard/trend-chart';
import { EmptyState } from '@/components/ui/empty-state';
import { PageTitle } from '@/components/ui/page-title';
import { QueryProvider } from '@/components/ui/query-provider';
import { requirePage } from '@/lib/auth/guard';
import { can } from '@/lib/auth/roles';
import { liveActivity } from '@/lib/posture/live-activity';
import { officerHome } from '@/lib/posture/officer-home';
import { viewerWindow } from '@/lib/posture/viewer-window';

export const dynamic = 'force-dynamic';

// The compliance officer's home (also the auditor's, limited to their access window): posture per
// framework from the daily rollups, trend, top failing controls, late work and inventory — every
// number links to the results or records behind it.
export default async function DashboardPage() {
  const user = await requirePage('dashboard:view');
  const window = await viewerWindow(user);
  const [home, activity] = await Promise.all([officerHome(user.organizationId, window), liveActivity(user.organizationId, { packages: can(user.role, 'evidence:view') })]);
  return (
    <QueryProvider>
      <PageTitle title="Compliance posture">
        Latest assessment of every instance against HIPAA 164.312 and HITRUST CSF controls, as of {home.asOf} (UTC).
        {window ? ` Read-only: your access window is ${window.fromDay ?? 'open'} to ${window.toDay}.` : ''}
      </PageTitle>
      <LiveActivity initial={activity} />
      {home.inventory.total === 0 && home.postureDay === null ? (
        <EmptyState title="No instances in the inventory yet">
          {can(user.role, 'connections:view') ? (
            <>
              Add a self-hosted Redis or a cloud account on the{' '}
              <Link href="/connections" className="text-sky-800 underline">
                Connections
              </Link>{' '}
              page; its instances are scanned and appear here.
            </>
          ) : (
            'Nothing has been inventoried yet. Ask a compliance officer or an engineer to add the organisation’s Redis targets.'
          )}
        </EmptyState>
      ) : home.postureDay === null ? (
        <EmptyState title="No scan has completed yet">
          Run a scan from the{' '}
          <Link href="/instances" className="text-sky-800 underline">
            Instances
          </Link>{' '}
          page (or wait for the next scheduled one); the posture appears as soon as results are stored.
        </EmptyState>
      ) : (
        <div className="space-y-6">
          <PostureCards home={home} />
          {home.trend ? <TrendChart initial={home.trend} /> : null}
          <div className="grid gap-6 xl:grid-cols-2">
            <TopFailing controls={home.topFailing} />
            <DueWorkPanel due={home.due} />
          </div>
          <FrameworkTable id="hipaa-heading" title="HIPAA (45 CFR 164.312 technical safeguards, and the 164.308 / 164.310 / 164.314 / 164.316 references controls add)" rows={home.hipaa} />
          <FrameworkTable id="hitrust-heading" title="HITRUST CSF" rows={home.hitrust} />
          <InventoryPanel inventory={home.inventory} />
          <p className="text-sm text-slate-700">
            Figures come from the daily posture rollup of {home.postureDay}.{' '}
            <Link href="/results" className="text-sky-800 underline">
              Explore every result
            </Link>
            {can(user.role, 'evidence:view') ? (
              <>
                {' '}
                or{' '}
                <Link href="/evidence" className="text-sky-800 underline">
                  build an evidence package
                </Link>
              </>
            ) : null}
            .
          </p>
        </div>
      )}
    </QueryProvider>
  );
}
