import { ALL_PLATFORMS, type CatalogEntry } from './entry';

const REPLACE_DEFAULT_USER =
  'Every user group must contain a user named `default`, so create a disabled replacement (`aws elasticache create-user --user-id <id> --user-name default --engine redis --access-string "off ~* -@all" --passwords <random>`) and swap it in (`aws elasticache modify-user-group --user-group-id <g> --user-ids-to-add <id> --user-ids-to-remove default`); give other no-password users a password or IAM authentication.';

export const AUTH_CONTROLS: CatalogEntry[] = [
  {
    id: 'RED-AUTH-001',
    title: 'Authentication required',
    platforms: ALL_PLATFORMS,
    severity: 'critical',
    why: '001: `--auth-enabled` ("Auth Enabled (must be true)"); 000: "Strong credentials … authenticate users and systems".',
    passes: 'ec: `AuthTokenEnabled = true` or `UserGroupIds` non-empty. ecs: `UserGroupId` set. ms: `authEnabled = true`. self: `default` is `off` or has a password, and a `PING` without credentials gets `NOAUTH`.',
    fix: {
      ec: 'Attach an RBAC user group (`aws elasticache modify-replication-group --replication-group-id <id> --user-group-ids-to-add <group> --apply-immediately`) or set an AUTH token (`--auth-token <token> --auth-token-update-strategy SET`); both need TLS.',
      ecs: '`aws elasticache modify-serverless-cache --serverless-cache-name <n> --user-group-id <group>`',
      ms: '`gcloud redis instances update <id> --region=<r> --enable-auth`',
      self: 'Create named users, then `ACL SETUSER default off` (or set `requirepass`).',
    },
    notApplicable: {},
    thresholds: [],
  },
  {
    id: 'RED-AUTH-002',
    title: 'No enabled passwordless user (incl. ElastiCache `default`)',
    platforms: ['self', 'ec', 'ecs'],
    severity: 'critical',
    why: '000: "Generate long, random passphrases"; a user group that still holds AWS\'s `default` user (no password, `on ~* +@all`) lets anyone in the network log in despite RBAC.',
    passes: 'ec/ecs: every user-group member is disabled or authenticates with `password` or `iam`. self: no user is both `on` and `nopass`.',
    fix: {
      ec: REPLACE_DEFAULT_USER,
      ecs: REPLACE_DEFAULT_USER,
      self: '`ACL SETUSER <user> off` or `ACL SETUSER <user> resetpass >…`',
    },
    notApplicable: { ms: 'Memorystore has a single AUTH string and no users.' },
    thresholds: [],
  },
];
