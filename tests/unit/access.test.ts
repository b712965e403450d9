import { describe, expect, it } from 'vitest';
import { accessDecision } from '@/lib/auth/access-window';
import { AUDITOR_EXPORT_PERMISSIONS, SELF_SERVICE_PERMISSIONS, can, HOME_BY_ROLE, PERMISSIONS, ROLES } from '@/lib/auth/roles';
import { NAV_ITEMS } from '@/components/shell/nav-items';

const now = new Date('2026-06-01T00:00:00Z');
const base = { disabled: false, validFrom: null, validUntil: null };

describe('access window', () => {
  it('lets staff in without a window and auditors only inside theirs', () => {
    expect(accessDecision({ ...base, role: 'engineer' }, now)).toEqual({ allowed: true });
    expect(accessDecision({ ...base, role: 'auditor' }, now).allowed).toBe(false);
    expect(accessDecision({ ...base, role: 'auditor', validUntil: new Date('2026-06-02Z') }, now)).toEqual({ allowed: true });
    expect(accessDecision({ ...base, role: 'auditor', validUntil: new Date('2026-05-31Z') }, now).allowed).toBe(false);
    expect(accessDecision({ ...base, role: 'auditor', validFrom: new Date('2026-06-01T00:00:01Z'), validUntil: new Date('2026-07-01Z') }, now).allowed).toBe(false);
    expect(accessDecision({ ...base, role: 'admin', disabled: true }, now).allowed).toBe(false);
  });
});

describe('permission table', () => {
  it('keeps auditors read-only: they hold no manage/run permission (evidence exports excepted)', () => {
    for (const [permission, roles] of Object.entries(PERMISSIONS)) {
      if (!permission.endsWith(':view') && !AUDITOR_EXPORT_PERMISSIONS.includes(permission) && !SELF_SERVICE_PERMISSIONS.includes(permission)) expect(roles as readonly string[], permission).not.toContain('auditor');
    }
  });

  it('gives only admins user management, and every role a home page it may open', () => {
    expect(ROLES.filter((r) => can(r, 'users:manage'))).toEqual(['admin']);
    for (const role of ROLES) {
      const item = NAV_ITEMS.find((n) => n.href === HOME_BY_ROLE[role]);
      expect(item, role).toBeDefined();
      expect(can(role, item!.permission), role).toBe(true);
    }
  });
});
