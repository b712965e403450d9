// One node:http server that speaks the wire formats the scanner's real SDK clients use: the AWS
// Query APIs of ElastiCache (2015-02-02), EC2 (2016-11-15) and STS (2011-06-15) — told apart by
// `Version` —, Memorystore for Redis v1 REST and the GCE metadata server (OAuth access tokens for
// Application Default Credentials). Programmable per test: resources per account/region/project,
// and faults (AccessDenied, Throttling N times, 500, malformed bodies, latency, a call never answered). Every call is
// recorded, so tests and the benchmark count API calls at the server.

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ec2Error, parseQueryRequest, queryError, type WireResponse } from './aws-wire';
import { handleEc2 } from './ec2';
import { handleElastiCache } from './elasticache';
import { GcpAuth, googleError, handleMemorystoreList, handleMetadata } from './memorystore';
import { handleSts, type SessionKey } from './sts';
import type { AwsRegionData, AwsWorld, CallRecord, Fault, GcpWorld, Service } from './world';

const VERSION_TO_SERVICE: Record<string, Service> = {
  '2015-02-02': 'elasticache',
  '2016-11-15': 'ec2',
  '2011-06-15': 'sts',
};

export interface CloudEmulator {
  /** http://127.0.0.1:<port> */
  url: string;
  /** host:port, for GCE_METADATA_HOST. */
  host: string;
  aws: AwsWorld;
  gcp: GcpWorld;
  calls: CallRecord[];
  addFault(fault: Fault): void;
  clearFaults(): void;
  /** Calls matching every given field. */
  count(filter?: Partial<CallRecord>): number;
  close(): Promise<void>;
}

export function emptyRegion(): AwsRegionData {
  return {
    replicationGroups: [],
    cacheClusters: [],
    serverlessCaches: [],
    users: [],
    userGroups: [],
    snapshots: [],
    serverlessSnapshots: [],
    subnetGroups: [],
    parameterGroups: {},
    tags: {},
    securityGroups: [],
    subnets: [],
    routeTables: [],
  };
}

/** What a hung call "answers": nothing (the client already closed the connection). */
const NO_ANSWER: WireResponse = { status: 0, contentType: 'text/plain', body: '' };

interface ActiveFault extends Fault {
  used: number;
}

export async function startCloudEmulator(
  initial: { aws?: Partial<AwsWorld>; gcp?: Partial<GcpWorld> } = {},
): Promise<CloudEmulator> {
  const aws: AwsWorld = { accessKeys: {}, roles: {}, accounts: {}, ...initial.aws };
  const gcp: GcpWorld = { projects: {}, serviceAccounts: {}, ...initial.gcp };
  const calls: CallRecord[] = [];
  let faults: ActiveFault[] = [];
  const sessions = new Map<string, SessionKey>();
  const gcpAuth = new GcpAuth();

  const takeFaults = (call: Omit<CallRecord, 'status'>): ActiveFault[] =>
    faults.filter((fault) => {
      const matches =
        (fault.service === undefined || fault.service === call.service) &&
        (fault.action === undefined || fault.action === call.action) &&
        (fault.account === undefined || fault.account === call.account) &&
        (fault.region === undefined || fault.region === call.region) &&
        (fault.project === undefined || fault.project === call.project) &&
        (fault.times === undefined || fault.used < fault.times);
      if (matches) fault.used += 1;
      return matches;
    });

  /**
   * Applies latency, then returns the response of the first error fault, if any. A `hang` fault
   * answers nothing until the client gives up and closes the connection (status 0 in `calls`).
   */
  const applyFaults = async (call: Omit<CallRecord, 'status'>, res: http.ServerResponse): Promise<WireResponse | null> => {
    const active = takeFaults(call);
    if (active.some((fault) => fault.kind === 'hang')) {
      await new Promise((resolve) => res.once('close', resolve));
      return NO_ANSWER;
    }
    const delay = active.filter((fault) => fault.kind === 'latency').reduce((sum, fault) => sum + (fault.latencyMs ?? 0), 0);
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    const fault = active.find((candidate) => candidate.kind !== 'latency');
    return fault ? faultResponse(fault, call.service) : null;
  };

  const handleAws = async (body: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<{ call: Omit<CallRecord, 'status'>; response: WireResponse }> => {
    const request = parseQueryRequest(body, req.headers.authorization);
    const service = VERSION_TO_SERVICE[request.version] ?? 'elasticache';
    const errorFor = service === 'ec2' ? ec2Error : queryError;
    const sessionKey = request.accessKeyId ? sessions.get(request.accessKeyId) : undefined;
    const longTermKey = request.accessKeyId ? aws.accessKeys[request.accessKeyId] : undefined;
    const account = sessionKey?.account ?? longTermKey?.account ?? null;
    const call = { service, action: request.action, account, region: request.region, project: null };

    const injected = await applyFaults(call, res);
    if (injected) return { call, response: injected };
    if (!account) {
      return {
        call,
        response: service === 'ec2' ? ec2Error(401, 'AuthFailure', 'AWS was not able to validate the provided access credentials') : queryError(403, 'InvalidClientTokenId', 'The security token included in the request is invalid.'),
      };
    }
    if (longTermKey?.expired || (sessionKey && sessionKey.expiresAt < Date.now())) {
      return { call, response: errorFor(400, 'ExpiredToken', 'The security token included in the request is expired') };
    }
    if (service === 'sts') return { call, response: handleSts(request.action, request.params, account, aws, sessions) };

    const accountData = aws.accounts[account];
    const regionData = request.region ? accountData?.regions[request.region] : undefined;
    const data: AwsRegionData = { ...emptyRegion(), ...regionData };
    if (service === 'ec2') {
      const enabled = accountData?.enabledRegions ?? Object.keys(accountData?.regions ?? {});
      return { call, response: handleEc2(request.action, request.params, data, enabled) };
    }
    return { call, response: handleElastiCache(request.action, request.params, data) };
  };

  const handleGoogle = async (url: URL, req: http.IncomingMessage, res: http.ServerResponse): Promise<{ call: Omit<CallRecord, 'status'>; response: WireResponse & { metadataFlavor?: boolean } }> => {
    if (url.pathname.startsWith('/computeMetadata/')) {
      const call = { service: 'metadata' as const, action: url.pathname, account: null, region: null, project: null };
      const injected = await applyFaults(call, res);
      const flavor = req.headers['metadata-flavor'];
      return { call, response: injected ?? handleMetadata(url.pathname, Array.isArray(flavor) ? flavor[0] : flavor, gcpAuth) };
    }
    const project = /^\/v1\/projects\/([^/]+)/.exec(url.pathname)?.[1] ?? null;
    const action = url.pathname.endsWith('/authString') ? 'GetInstanceAuthString' : req.method === 'GET' ? 'ListInstances' : `${req.method} ${url.pathname}`;
    const call = { service: 'memorystore' as const, action, account: null, region: null, project };
    const injected = await applyFaults(call, res);
    if (injected) return { call, response: injected };
    if (!gcpAuth.identify(req.headers.authorization, gcp)) {
      return { call, response: googleError(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials.') };
    }
    const listed = req.method === 'GET' ? handleMemorystoreList(url, gcp) : null;
    return {
      call: { ...call, ...(listed?.note ? { note: listed.note } : {}) },
      response: listed?.response ?? googleError(404, 'NOT_FOUND', `The emulator does not serve ${req.method} ${url.pathname}`),
    };
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://emulator');
      const body = Buffer.concat(chunks).toString('utf8');
      const handled = req.method === 'POST' && !url.pathname.startsWith('/v1/') ? handleAws(body, req, res) : handleGoogle(url, req, res);
      handled
        .then(({ call, response }) => {
          calls.push({ ...call, status: response.status });
          if (response === NO_ANSWER) return;
          const headers: Record<string, string> = { 'content-type': response.contentType };
          if ('metadataFlavor' in response && response.metadataFlavor) headers['metadata-flavor'] = 'Google';
          res.writeHead(response.status, headers).end(response.body);
        })
        .catch((error: unknown) => res.writeHead(500).end(String(error)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    aws,
    gcp,
    calls,
    addFault: (fault) => faults.push({ ...fault, used: 0 }),
    clearFaults: () => {
      faults = [];
    },
    count: (filter = {}) =>
      calls.filter((call) => Object.entries(filter).every(([key, value]) => call[key as keyof CallRecord] === value)).length,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function faultResponse(fault: Fault, service: Service): WireResponse {
  if (service === 'memorystore' || service === 'metadata') {
    switch (fault.kind) {
      case 'RESOURCE_EXHAUSTED':
      case 'Throttling':
        return googleError(429, 'RESOURCE_EXHAUSTED', 'Quota exceeded for quota metric read requests.');
      case 'UNAUTHENTICATED':
        return googleError(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials.');
      case 'InternalError':
        return googleError(500, 'INTERNAL', 'Internal error encountered.');
      case 'malformed':
        return { status: 200, contentType: 'application/json', body: '{"instances": [{"name": "projects/' };
      default:
        return googleError(403, 'PERMISSION_DENIED', "Permission 'redis.instances.list' denied.");
    }
  }
  const ec2 = service === 'ec2';
  switch (fault.kind) {
    case 'AccessDenied':
    case 'PERMISSION_DENIED':
      return ec2
        ? ec2Error(403, 'UnauthorizedOperation', 'You are not authorized to perform this operation.')
        : queryError(403, 'AccessDenied', `User is not authorized to perform: ${service}:${fault.action ?? 'this action'}`);
    case 'Throttling':
    case 'RESOURCE_EXHAUSTED':
      return ec2 ? ec2Error(503, 'RequestLimitExceeded', 'Request limit exceeded.') : queryError(400, 'Throttling', 'Rate exceeded');
    case 'ExpiredToken':
    case 'UNAUTHENTICATED':
      return (ec2 ? ec2Error : queryError)(400, 'ExpiredToken', 'The security token included in the request is expired');
    case 'InternalError':
      return ec2 ? ec2Error(500, 'InternalError', 'An internal error has occurred') : queryError(500, 'InternalFailure', 'An internal error occurred.', 'Receiver');
    case 'InvalidAction':
      return (ec2 ? ec2Error : queryError)(400, 'InvalidAction', 'The action is not valid for this web service.');
    case 'malformed':
      return { status: 200, contentType: 'text/xml', body: '<html><body><h1>502 Bad Gateway</h1><p>upstream sent' };
    case 'latency':
    case 'hang':
      throw new Error(`${fault.kind} is not an error fault`);
  }
}
