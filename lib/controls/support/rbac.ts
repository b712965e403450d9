// The RBAC users of an ElastiCache cache (AUTH-002, ACL-*): the user groups attached to it, resolved
// through DescribeUserGroups and DescribeUsers, with each access string parsed. A group or user the
// API did not return makes the controls that need it not_assessable.

import type { ElastiCacheUser, ElastiCacheUserGroup } from '../../facts/aws';
import type { AwsFacts } from './cloud';
import { missingVerdict, ptr } from './facts';
import { parseAccessString, type AccessString } from './access-string';
import { notApplicable, single, undecided, type Verdict } from './verdict';

export const USER_GROUPS_REF = ptr('userGroups');

export interface RbacUser {
  user: ElastiCacheUser;
  group: string;
  /** Parsed access string; null when it is absent or unparseable (see `problem`). */
  access: AccessString | null;
  problem: string | null;
  ref: string;
}

export type RbacState =
  | { kind: 'no-user-group' }
  | { kind: 'users'; groups: ElastiCacheUserGroup[]; users: RbacUser[] }
  | { kind: 'missing'; verdict: Verdict };

/** The user group ids the describe response attaches to the cache (settings read). */
function attachedUserGroupIds(facts: AwsFacts): string[] {
  if (facts.platform === 'ec') return facts.settings.ok ? facts.settings.value.UserGroupIds : [];
  return facts.settings.ok && facts.settings.value.UserGroupId ? [facts.settings.value.UserGroupId] : [];
}

function parse(user: ElastiCacheUser): Pick<RbacUser, 'access' | 'problem'> {
  if (user.AccessString === null) return { access: null, problem: `user ${user.UserId}: AccessString absent from the API response` };
  try {
    return { access: parseAccessString(user.AccessString), problem: null };
  } catch (err) {
    return { access: null, problem: `user ${user.UserId}: access string not understood (${(err as Error).message})` };
  }
}

export function rbacState(facts: AwsFacts): RbacState {
  if (!facts.settings.ok) return { kind: 'missing', verdict: missingVerdict(facts.settings, ptr('settings')) };
  const ids = attachedUserGroupIds(facts);
  if (ids.length === 0) return { kind: 'no-user-group' };
  if (!facts.userGroups.ok) return { kind: 'missing', verdict: missingVerdict(facts.userGroups, USER_GROUPS_REF) };
  const { groups, missingUserGroupIds } = facts.userGroups.value;
  const gaps = [
    ...missingUserGroupIds.map((id) => `user group ${id} attached but not returned by DescribeUserGroups`),
    ...groups.flatMap((g) => g.missingUserIds.map((id) => `user ${id} of group ${g.UserGroupId} not returned by DescribeUsers`)),
  ];
  if (gaps.length) {
    return { kind: 'missing', verdict: single(undecided('users', 'not_assessable', gaps.join('; '), [USER_GROUPS_REF])) };
  }
  const users = groups.flatMap((group, g) =>
    group.users.map((user, u) => ({ user, group: group.UserGroupId, ...parse(user), ref: ptr('userGroups', 'value', 'groups', g, 'users', u) })),
  );
  return { kind: 'users', groups, users };
}

/** A user that can log in: its access string turns it `on`. */
export function isEnabled(user: RbacUser): boolean {
  return user.access?.enabled === true;
}

/** Admins are named by user name or user id (`adminUsers`); the scanner by `scannerUser`. */
export function isPrivileged(user: RbacUser, thresholds: { adminUsers: string[]; scannerUser?: string }): boolean {
  const names = [user.user.UserId, user.user.UserName].filter((n): n is string => n !== null);
  return names.some((n) => thresholds.adminUsers.includes(n) || n === thresholds.scannerUser);
}

/** ACL-002/003 without RBAC users: reported once by RED-ACL-001 (catalog §3.6 section note). */
export function withoutRbacUsers(facts: AwsFacts): Verdict {
  const tokenOnly = facts.platform === 'ec' && facts.settings.ok && facts.settings.value.AuthTokenEnabled === true;
  const field = facts.platform === 'ec' ? 'UserGroupIds' : 'UserGroupId';
  return notApplicable(
    tokenOnly ? 'AUTH token only: no per-user access strings (reported by RED-ACL-001)' : 'no user group attached: no users to assess (reported by RED-ACL-001)',
    [ptr('settings', 'value', field)],
    'RED-ACL-001',
  );
}
