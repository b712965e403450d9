import YAML from 'yaml';
import { SettingsForm } from '@/components/settings/settings-form';
import { PageTitle } from '@/components/ui/page-title';
import { requirePage } from '@/lib/auth/guard';
import { DEFAULT_THRESHOLDS } from '@/lib/controls/thresholds';
import { AUDIT_LOG_MIN_RETENTION_DAYS } from '@/lib/settings/organization-settings';
import { readOrganizationSettings } from '@/lib/settings/update-organization-settings';
import { updateSettingsAction } from './actions';

export const dynamic = 'force-dynamic';

export default async function SettingsPage() {
  const user = await requirePage('settings:manage');
  const settings = await readOrganizationSettings(user.organizationId);
  return (
    <>
      <PageTitle title="Organisation settings">
        Thresholds use the control catalog&apos;s names (§1.7); anything you leave out uses the catalog default shown below. Unknown keys and bad values are refused with the reason.{' '}
        <code>security.auditLogRetentionDays</code> is how long the audit log keeps its entries: at least {AUDIT_LOG_MIN_RETENTION_DAYS} days (six years, HIPAA 164.316(b)(2)); the longest retention of any organisation applies.
      </PageTitle>
      <SettingsForm document={YAML.stringify(settings)} action={updateSettingsAction} canEdit />
      <details className="mt-6 rounded border border-slate-200 bg-white p-4">
        <summary className="cursor-pointer font-medium">Catalog defaults</summary>
        <pre className="mt-2 overflow-x-auto text-xs">{YAML.stringify(DEFAULT_THRESHOLDS)}</pre>
      </details>
    </>
  );
}
