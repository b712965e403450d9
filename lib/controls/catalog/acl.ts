import type { CatalogEntry } from './entry';

const LEAST_PRIVILEGE_EC = '`aws elasticache modify-user --user-id <id> --access-string "on ~app:* -@all +@read +@write -@dangerous"`';
const DENY_ADMIN_EC =
  'Add `-@admin -@dangerous -flushall -flushdb -config -debug -shutdown` to every non-admin user: `aws elasticache modify-user --user-id <id> --access-string …`';
const NO_ACL_USERS_MS = 'Memorystore has no ACL users (single AUTH string).';

export const ACL_CONTROLS: CatalogEntry[] = [
  {
    id: 'RED-ACL-001',
    title: 'Distinct users per role, incl. replication',
    platforms: ['self', 'ec', 'ecs'],
    severity: 'medium',
    why: '000: "distinct users for applications, operators, and automation"; "Use separate accounts for replication and for human operators"; "Use separate credentials for replication".',
    passes: 'self: ≥ 2 enabled named users besides `default`; no client connected as `default`; replicas authenticate with `masteruser` ≠ `default` and ≠ any application user. ec/ecs: RBAC user group with ≥ 2 enabled users other than `default`.',
    fix: {
      self: 'One user per role (`ACL SETUSER app on >… ~app:* +@read +@write -@dangerous`; `ACL SETUSER repl on >… +psync +replconf +ping` with `masteruser repl` on replicas; operators by name) and move clients off `default`.',
      ec: 'Create users and a user group and switch the replication group from the AUTH token to RBAC.',
      ecs: 'Create users and a user group and attach it to the serverless cache.',
    },
    notApplicable: { ms: NO_ACL_USERS_MS },
    thresholds: [],
  },
  {
    id: 'RED-ACL-002',
    title: 'Least privilege for non-admin users',
    platforms: ['self', 'ec', 'ecs'],
    severity: 'high',
    why: '000: "Map each user to explicit key patterns and command categories", "assign only required +@read or +@write", "limit apps to ~app:phi:*".',
    passes: 'Every enabled user not in `adminUsers` and not the scanner is neither unrestricted (all keys and all commands) nor an unscoped writer (write commands with `~*`/`allkeys`). Users limited to keyless commands are exempt from key scoping.',
    fix: {
      self: '`ACL SETUSER <user> resetkeys ~app:* -@all +@read +@write -@dangerous`',
      ec: LEAST_PRIVILEGE_EC,
      ecs: LEAST_PRIVILEGE_EC,
    },
    notApplicable: { ms: NO_ACL_USERS_MS },
    thresholds: ['adminUsers'],
  },
  {
    id: 'RED-ACL-003',
    title: 'Admin and destructive commands denied to non-admin users',
    platforms: ['self', 'ec', 'ecs'],
    severity: 'high',
    why: '000: "Block categories such as @admin and @dangerous, and explicitly disable … FLUSHALL/FLUSHDB, DEBUG, SHUTDOWN, and CONFIG for non-admin roles"; "limit who can reach CONFIG and INFO surfaces".',
    passes: '`FLUSHALL`, `FLUSHDB`, `DEBUG`, `SHUTDOWN`, `CONFIG SET`, `ACL SETUSER`, `MODULE LOAD`, `REPLICAOF`, `MIGRATE` and `KEYS` are denied to every enabled non-admin user (replication users exempt). Users that may run `INFO` are listed as advisory.',
    fix: {
      self: 'Add `-@admin -@dangerous -flushall -flushdb -config -debug -shutdown` to every non-admin user: `ACL SETUSER <user> -@admin -@dangerous -flushall -flushdb -config -debug -shutdown`',
      ec: DENY_ADMIN_EC,
      ecs: DENY_ADMIN_EC,
    },
    notApplicable: { ms: NO_ACL_USERS_MS },
    thresholds: ['adminUsers'],
  },
];
