// Creates the demo organisation and one account per role, once. Existing accounts are left as
// they are (an admin may have changed them), except that the auditor's window is kept open.
import { db } from '../db/client';
import { DEFAULT_ORGANIZATION_SETTINGS } from '../settings/organization-settings';
import { seedDemoRecords } from '../records/seed-demo-records';
import { hashPassword } from '../users/passwords';
import { DEMO_ACCOUNTS, DEMO_ORG } from './demo-accounts';

const AUDITOR_WINDOW_DAYS = 30;

export async function seedDemoOrganization(now = new Date()): Promise<{ organizationId: string; created: boolean }> {
  const existing = await db().organization.findUnique({ where: { slug: DEMO_ORG.slug } });
  const org = existing ?? (await db().organization.create({ data: { ...DEMO_ORG, settings: DEFAULT_ORGANIZATION_SETTINGS as object } }));
  for (const account of DEMO_ACCOUNTS) {
    const user = await db().user.findUnique({ where: { email: account.email } });
    const window = account.role === 'auditor' ? { validFrom: null, validUntil: new Date(now.getTime() + AUDITOR_WINDOW_DAYS * 86_400_000) } : {};
    if (!user) {
      await db().user.create({ data: { organizationId: org.id, email: account.email, name: account.name, role: account.role, passwordHash: await hashPassword(account.password), ...window } });
    } else if (account.role === 'auditor' && user.validUntil && user.validUntil < now) {
      await db().user.update({ where: { id: user.id }, data: window });
    }
  }
  await seedDemoRecords(org.id, now);
  return { organizationId: org.id, created: !existing };
}
