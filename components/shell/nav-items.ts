import { can, type Permission, type Role } from '@/lib/auth/roles';

export interface NavItem {
  href: string;
  label: string;
  permission: Permission;
}

export const NAV_ITEMS: NavItem[] = [
  { href: '/dashboard', label: 'Posture', permission: 'dashboard:view' },
  { href: '/instances', label: 'Instances', permission: 'instances:view' },
  { href: '/inventory', label: 'Cloud inventory', permission: 'instances:view' },
  { href: '/results', label: 'Results', permission: 'results:view' },
  { href: '/findings', label: 'Findings', permission: 'findings:view' },
  { href: '/tickets', label: 'Tickets', permission: 'tickets:view' },
  { href: '/schedules', label: 'Schedules', permission: 'schedules:view' },
  { href: '/drills', label: 'Drills', permission: 'drills:view' },
  { href: '/rotations', label: 'Rotations', permission: 'rotations:view' },
  { href: '/records', label: 'Records', permission: 'records:view' },
  { href: '/connections', label: 'Connections', permission: 'connections:view' },
  { href: '/evidence', label: 'Evidence', permission: 'evidence:view' },
  { href: '/audit-log', label: 'Audit log', permission: 'audit-log:view' },
  { href: '/settings', label: 'Settings', permission: 'settings:manage' },
  { href: '/admin/users', label: 'Users', permission: 'users:manage' },
  { href: '/settings/webhooks', label: 'Webhooks', permission: 'webhooks:manage' },
];

export function navFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((item) => can(role, item.permission));
}
