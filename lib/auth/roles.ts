// Roles and what each may do. The permission table is data: pages, route handlers and server
// actions name a permission; the guard looks it up here. Shared by the app and the tests.
export const ROLES = ['admin', 'officer', 'engineer', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administrator',
  officer: 'Compliance officer',
  engineer: 'Engineer',
  auditor: 'Auditor (read-only)',
};

const everyone: Role[] = ['admin', 'officer', 'engineer', 'auditor'];
const staff: Role[] = ['admin', 'officer', 'engineer'];

export const PERMISSIONS = {
  'dashboard:view': everyone,
  'instances:view': everyone,
  'results:view': everyone,
  'connections:view': staff,
  'connections:manage': ['admin', 'engineer'],
  'scans:run': staff,
  // Findings lifecycle (lib/findings): people triage, officers/admins decide exceptions, auditors read.
  'findings:view': everyone,
  'findings:update': staff,
  'exceptions:approve': ['admin', 'officer'],
  'tickets:view': everyone,
  'tickets:manage': ['admin', 'engineer'],
  'schedules:view': everyone,
  'schedules:manage': staff,
  'webhooks:manage': ['admin'],
  // Process records (lib/drills, lib/rotations, lib/records): engineers run and record drills and
  // rotations; officers/admins keep the governance records; auditors read (attachments included).
  'drills:view': everyone,
  'drills:run': ['admin', 'engineer'],
  'rotations:view': everyone,
  'rotations:record': staff,
  'records:view': everyone,
  'records:manage': ['admin', 'officer'],
  'audit-log:view': ['admin', 'officer', 'auditor'],
  'users:manage': ['admin'],
  'settings:manage': ['admin', 'officer'],
  'evidence:view': ['admin', 'officer', 'auditor'],
  // Building and downloading a package exports evidence without changing any record, so auditors
  // hold these too — only for periods inside their access window (lib/evidence/period-access.ts).
  'evidence:create': ['admin', 'officer', 'auditor'],
  'evidence:download': ['admin', 'officer', 'auditor'],
  // Retiring the evidence-signing key and making a new one: administrators only.
  'evidence:rotate-key': ['admin'],
  // One's own sign-in security (second factor): everyone, auditors included — it changes no record.
  'account:manage': everyone,
} as const satisfies Record<string, readonly Role[]>;

/** The only non-view permissions auditors hold: evidence exports, limited to their window. */
export const AUDITOR_EXPORT_PERMISSIONS: readonly string[] = ['evidence:create', 'evidence:download'];

/** Permissions over one's own account only. */
export const SELF_SERVICE_PERMISSIONS: readonly string[] = ['account:manage'];

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** Where each role lands after signing in. */
export const HOME_BY_ROLE: Record<Role, string> = {
  admin: '/admin/users',
  officer: '/dashboard',
  engineer: '/instances',
  auditor: '/dashboard',
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
