import { can, type Permission, type Role } from '@/lib/auth/roles';

export interface NavItem {
  href: string;
  label: string;
  permission: Permission;
}

export const NAV_ITEMS: NavItem[] = [
  { href: '/dashboard', label: 'Posture', permission: 'dashboard:view' },
  { href: '/instances', label: 'Instances', permission: 'instances:view' },
  { href: '/connections', label: 'Connections', permission: 'connections:view' },
  { href: '/evidence', label: 'Evidence', permission: 'evidence:view' },
  { href: '/audit-log', label: 'Audit log', permission: 'audit-log:view' },
  { href: '/admin/users', label: 'Users', permission: 'users:manage' },
];

export function navFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((item) => can(role, item.permission));
}
