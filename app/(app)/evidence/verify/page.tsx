import { VerifyPackageForm } from '@/components/evidence/verify-package-form';
import { PageTitle } from '@/components/ui/page-title';
import { requirePage } from '@/lib/auth/guard';

export const dynamic = 'force-dynamic';

export default async function VerifyEvidencePage() {
  await requirePage('evidence:view');
  return (
    <>
      <PageTitle title="Verify an evidence package">
        Checks every file&apos;s SHA-256 and size against manifest.json, the Ed25519 signature of the manifest, and that the signing key is one of this organisation&apos;s keys (active or retired). The same check runs offline with{' '}
        <code className="font-mono text-sm">npx redis-compliance verify package.zip</code>.
      </PageTitle>
      <VerifyPackageForm />
    </>
  );
}
