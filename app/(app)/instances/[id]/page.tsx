import Link from 'next/link';
import { notFound } from 'next/navigation';
import { InstanceFindingsPanel } from '@/components/findings/findings-panel';
import { FactsChanges } from '@/components/results/facts-changes';
import { RequirementGroupView } from '@/components/results/requirement-group';
import { ScanNowButton } from '@/components/scans/scan-now-button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageTitle } from '@/components/ui/page-title';
import { requirePage } from '@/lib/auth/guard';
import { can } from '@/lib/auth/roles';
import type { Platform } from '@/lib/controls/types';
import { findInstance, instanceAssessment } from '@/lib/results/instance-assessment';
import { ThresholdOverridesForm } from '@/components/instances/threshold-overrides-form';
import { overridesText } from '@/lib/instances/save-threshold-overrides';
import { InstanceHistory } from '@/components/cloud/instance-history';
import { scanConnectionAction } from '../../connections/actions';
import { startScanAction } from '../actions';
import { saveThresholdOverridesAction } from './threshold-actions';

export const dynamic = 'force-dynamic';

export default async function InstancePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePage('results:view');
  const { id } = await params;
  const instance = await findInstance(user.organizationId, id);
  if (!instance) notFound();
  const assessment = await instanceAssessment(instance.id, instance.platform as Platform);
  return (
    <>
      <PageTitle title={instance.name}>
        <span className="font-mono text-sm">{instance.resourceId}</span> · {instance.engine ? `${instance.engine} ${instance.engineVersion}` : 'engine not identified yet'} ·{' '}
        {instance.environment ?? 'no environment label'}
      </PageTitle>
      <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
        <p className="text-sm text-slate-700">
          {assessment.snapshot ? (
            <>
              Assessed {assessment.snapshot.collectedAt.toISOString().replace('T', ' ').slice(0, 19)} UTC from{' '}
              <Link className="text-sky-800 underline" href={`/snapshots/${assessment.snapshot.id}`}>
                facts snapshot {assessment.snapshot.sha256.slice(0, 12)}
              </Link>
              .
            </>
          ) : (
            'Not assessed yet.'
          )}
        </p>
        {can(user.role, 'scans:run') && instance.platform === 'self' ? <ScanNowButton instanceIds={[instance.id]} start={startScanAction} /> : null}
        {can(user.role, 'scans:run') && instance.platform !== 'self' && instance.connectionId ? (
          <ScanNowButton label={instance.provider === 'aws' ? 'Scan its AWS account' : 'Scan its Google Cloud projects'} start={scanConnectionAction.bind(null, instance.connectionId)} />
        ) : null}
      </div>
      <InstanceFindingsPanel organizationId={user.organizationId} instanceId={instance.id} />
      {assessment.snapshot ? (
        <div className="space-y-4">
          {assessment.groups.map((g) => (
            <RequirementGroupView key={g.ref} group={g} />
          ))}
          <FactsChanges changes={assessment.changes} since={assessment.previousCollectedAt} />
        </div>
      ) : (
        <EmptyState title="No results yet">Run a scan to collect the facts of this instance and evaluate every control.</EmptyState>
      )}
      {instance.platform !== 'self' ? <InstanceHistory organizationId={user.organizationId} instanceId={instance.id} /> : null}
      {can(user.role, 'settings:manage') ? (
        <ThresholdOverridesForm instanceId={instance.id} current={overridesText(instance.thresholdOverrides)} action={saveThresholdOverridesAction} />
      ) : null}
    </>
  );
}
