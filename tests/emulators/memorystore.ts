// Emulated Memorystore for Redis v1 REST (instances.list over `locations/-` with pageToken /
// nextPageToken and `unreachable`), bearer-token checks (self-signed service-account JWTs verified
// with the account's public key, or tokens from the emulated metadata server), and the GCE metadata
// server that Application Default Credentials ask for an OAuth access token.

import { createVerify, randomBytes } from 'node:crypto';
import type { WireResponse } from './aws-wire';
import type { GcpWorld } from './world';

/** google.cloud.redis.v1 enum numbers (from the v1 proto), for `enum-encoding=int` replies. */
const V1_ENUMS: Record<string, Record<string, number>> = {
  state: { STATE_UNSPECIFIED: 0, CREATING: 1, READY: 2, UPDATING: 3, DELETING: 4, REPAIRING: 5, MAINTENANCE: 6, IMPORTING: 8, FAILING_OVER: 9 },
  tier: { TIER_UNSPECIFIED: 0, BASIC: 1, STANDARD_HA: 3 },
  connectMode: { CONNECT_MODE_UNSPECIFIED: 0, DIRECT_PEERING: 1, PRIVATE_SERVICE_ACCESS: 2 },
  transitEncryptionMode: { TRANSIT_ENCRYPTION_MODE_UNSPECIFIED: 0, SERVER_AUTHENTICATION: 1, DISABLED: 2 },
  readReplicasMode: { READ_REPLICAS_MODE_UNSPECIFIED: 0, READ_REPLICAS_DISABLED: 1, READ_REPLICAS_ENABLED: 2 },
  persistenceMode: { PERSISTENCE_MODE_UNSPECIFIED: 0, DISABLED: 1, RDB: 2 },
  rdbSnapshotPeriod: { SNAPSHOT_PERIOD_UNSPECIFIED: 0, ONE_HOUR: 3, SIX_HOURS: 4, TWELVE_HOURS: 5, TWENTY_FOUR_HOURS: 6 },
  day: { DAY_OF_WEEK_UNSPECIFIED: 0, MONDAY: 1, TUESDAY: 2, WEDNESDAY: 3, THURSDAY: 4, FRIDAY: 5, SATURDAY: 6, SUNDAY: 7 },
  suspensionReasons: { SUSPENSION_REASON_UNSPECIFIED: 0, CUSTOMER_MANAGED_KEY_ISSUE: 1 },
};

function intEnums(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((item) => intEnums(item, key));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([field, child]) => [field, intEnums(child, field)]));
  }
  if (typeof value === 'string' && V1_ENUMS[key] && value in V1_ENUMS[key]) return V1_ENUMS[key][value];
  return value;
}

export function googleError(status: number, grpcStatus: string, message: string): WireResponse {
  return {
    status,
    contentType: 'application/json',
    body: JSON.stringify({ error: { code: status, message, status: grpcStatus } }),
  };
}

function json(body: unknown): WireResponse {
  return { status: 200, contentType: 'application/json', body: JSON.stringify(body) };
}

export class GcpAuth {
  private readonly issued = new Set<string>();

  issueToken(): { access_token: string; expires_in: number; token_type: string } {
    const token = `ya29.emulated-${randomBytes(12).toString('hex')}`;
    this.issued.add(token);
    return { access_token: token, expires_in: 3599, token_type: 'Bearer' };
  }

  /** The caller's identity, or null when the bearer token is missing, unknown or badly signed. */
  identify(authorization: string | undefined, world: GcpWorld): string | null {
    const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
    if (!token) return null;
    if (this.issued.has(token)) return 'metadata:default';
    const [header, payload, signature] = token.split('.');
    if (!header || !payload || !signature) return null;
    try {
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { iss?: string; exp?: number };
      const publicKey = claims.iss ? world.serviceAccounts[claims.iss] : undefined;
      if (!publicKey || (claims.exp ?? 0) * 1000 < Date.now()) return null;
      const verifier = createVerify('RSA-SHA256');
      verifier.update(`${header}.${payload}`);
      return verifier.verify(publicKey, Buffer.from(signature, 'base64url')) ? claims.iss! : null;
    } catch {
      return null;
    }
  }
}

export function handleMetadata(path: string, flavor: string | undefined, auth: GcpAuth): WireResponse & { metadataFlavor?: boolean } {
  if (flavor !== 'Google') return { status: 403, contentType: 'text/plain', body: 'Missing Metadata-Flavor: Google' };
  const route = path.replace(/^\/computeMetadata\/v1\/?/, '').replace(/\?.*$/, '');
  const ok = (body: string, contentType = 'application/text') => ({ status: 200, contentType, body, metadataFlavor: true });
  if (route === '' || route === 'instance' || route === 'instance/') return ok('');
  if (route === 'instance/service-accounts/default/token') return ok(JSON.stringify(auth.issueToken()), 'application/json');
  if (route === 'project/project-id') return ok('emulated-project');
  if (route === 'universe/universe-domain') return ok('googleapis.com');
  if (route === 'instance/service-accounts/default/email') return ok('scanner@emulated-project.iam.gserviceaccount.com');
  return { status: 404, contentType: 'text/plain', body: 'not found', metadataFlavor: true };
}

/** GET /v1/projects/{p}/locations/{l}/instances — the only Memorystore method served. */
export function handleMemorystoreList(url: URL, world: GcpWorld): { project: string; response: WireResponse; note?: string } | null {
  const match = /^\/v1\/projects\/([^/]+)\/locations\/([^/]+)\/instances$/.exec(url.pathname);
  if (!match) return null;
  const [, project, location] = match;
  const data = world.projects[project];
  if (!data) {
    return {
      project,
      response: googleError(403, 'PERMISSION_DENIED', `Permission 'redis.instances.list' denied on resource '//redis.googleapis.com/projects/${project}/locations/${location}' (or it may not exist).`),
    };
  }
  const instances = data.instances.filter((instance) => location === '-' || String(instance.name).includes(`/locations/${location}/`));
  const requested = Number(url.searchParams.get('pageSize') ?? '0') || 1000;
  const size = Math.min(requested, world.maxPageSize ?? 1000);
  const start = Number(url.searchParams.get('pageToken') || '0');
  const slice = instances.slice(start, start + size);
  const next = start + size < instances.length ? String(start + size) : '';
  const wantsInt =
    world.enumEncoding === 'int' || (world.enumEncoding !== 'string' && /enum-encoding=int/.test(decodeURIComponent(url.search)));
  const body = {
    instances: wantsInt ? slice.map((instance) => intEnums(instance)) : slice,
    ...(next ? { nextPageToken: next } : {}),
    ...(data.unreachable?.length && start === 0 ? { unreachable: data.unreachable } : {}),
  };
  return { project, response: json(body), note: wantsInt ? 'int-enums' : 'string-enums' };
}
