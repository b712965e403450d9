import { CreateUserForm } from '@/components/admin/create-user-form';
import { UserRowForm } from '@/components/admin/user-row-form';
import { PageTitle } from '@/components/ui/page-title';
import { requirePage } from '@/lib/auth/guard';
import { isRole } from '@/lib/auth/roles';
import { listUsers } from '@/lib/users/manage-users';
import { createUserAction, updateUserAction } from './actions';

export const dynamic = 'force-dynamic';

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : '');

export default async function UsersPage() {
  const user = await requirePage('users:manage');
  const users = await listUsers(user.organizationId);
  return (
    <>
      <PageTitle title="Users and roles">Administrators manage accounts. Auditors are read-only and need an access window.</PageTitle>
      <CreateUserForm action={createUserAction} />
      <section className="mt-8 rounded border border-slate-200 bg-white" aria-label="Accounts">
        {users.map((u) => (
          <UserRowForm
            key={u.id}
            action={updateUserAction}
            user={{
              id: u.id,
              email: u.email,
              name: u.name,
              role: isRole(u.role) ? u.role : 'auditor',
              disabled: u.disabled,
              validFrom: day(u.validFrom),
              validUntil: day(u.validUntil),
              lastLoginAt: u.lastLoginAt ? u.lastLoginAt.toISOString().replace('T', ' ').slice(0, 16) : null,
            }}
          />
        ))}
      </section>
    </>
  );
}
