import YAML from 'yaml';
import { SettingsForm } from '@/components/settings/settings-form';
import { PageTitle } from '@/components/ui/page-title';
import { requirePage } from '@/lib/auth/guard';
import { DEFAULT_THRESHOLDS } from '@/lib/controls/thresholds';
import { readOrganizationSettings } from '@/lib/settings/update-organization-settings';
import { updateSettingsAction } from './actions';

export const dynamic = 'force-dynamic';

export default async function SettingsPage() {
  const user = await requirePage('settings:manage');
  const settings = await readOrganizationSettings(user.organizationId);
  return (
    <>
      <PageTitle title="Organisation settings">
        Thresholds use the control catalog&apos;s names (§1.7); anything you leave out uses the catalog default shown below. Unknown keys and bad values are refused with the reason.
      </PageTitle>
      <SettingsForm document={YAML.stringify(settings)} action={updateSettingsAction} canEdit />
      <details className="mt-6 rounded border border-slate-200 bg-white p-4">
        <summary className="cursor-pointer font-medium">Catalog defaults</summary>
        <pre className="mt-2 overflow-x-auto text-xs">{YAML.stringify(DEFAULT_THRESHOLDS)}</pre>
      </details>
    </>
  );
}
