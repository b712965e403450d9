// Cloud fixture facts, produced the way production produces them: `collectCloud` with the real
// SDK clients against the emulator (tests/emulators), over one hardened ElastiCache replication
// group, one standalone cache cluster, one serverless cache and one Memorystore instance. On these
// every cloud evaluator passes unless the catalog says it cannot (no data plane, optional APIs this
// build does not collect). Tests edit deep copies.

import { generateKeyPairSync } from 'node:crypto';
import { collectCloud, type CloudCollection } from '@/lib/cloud/collect';
import type { EvaluationContext } from '@/lib/controls/context';
import type { ElastiCacheFacts, ElastiCacheServerlessFacts } from '@/lib/facts/aws';
import type { MemorystoreFacts } from '@/lib/facts/gcp';
import { cacheCluster, memorystoreInstance, parameterList, replicationGroup, serverlessCache } from '../emulators/fixtures';
import { emptyRegion, startCloudEmulator } from '../emulators/server';
import { hardenedRecords, thresholds } from './fixtures';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export const ACCOUNT = '111111111111';
export const REGION = 'us-east-1';
export const PROJECT = 'phi-prod-1';
const KEY = 'AKIAHARDENED00000001';
const SA_EMAIL = 'scanner@phi-prod-1.iam.gserviceaccount.com';
export const KMS_KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/0b1c2d3e-cache`;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface CloudFixtures {
  ec: ElastiCacheFacts;
  standalone: ElastiCacheFacts;
  ecs: ElastiCacheServerlessFacts;
  ms: MemorystoreFacts;
  /** The moment the estate's dates are relative to. */
  now: Date;
}

function users() {
  const user = (UserId: string, UserName: string, AccessString: string) => ({
    UserId,
    UserName,
    Status: 'active',
    Engine: 'redis',
    AccessString,
    Authentication: { Type: 'password' as const, PasswordCount: 1 },
    UserGroupIds: ['ug-hardened'],
  });
  return [
    // The disabled replacement for the built-in `default` (ElastiCache requires a user named default).
    user('default-off', 'default', 'off ~* -@all'),
    user('app', 'app', 'on ~app:* -@all +@read +@write -@dangerous'),
    user('reporting', 'reporting', 'on ~report:* -@all +@read -@dangerous'),
    user('admin', 'admin', 'on ~* +@all'),
  ];
}

/** The emulated estate: every resource hardened, dates relative to `now`. */
function hardenedEstate(now: Date) {
  const data = emptyRegion();
  const { group, clusters } = replicationGroup(ACCOUNT, REGION, 'rg-hardened', {
    port: 6380,
    kmsKeyId: KMS_KEY,
    userGroupIds: ['ug-hardened'],
    securityGroupId: 'sg-hardened',
    parameterGroup: 'phi-redis7',
    subnetGroup: 'phi-private',
  });
  group.LogDeliveryConfigurations!.push({
    LogType: 'slow-log',
    DestinationType: 'cloudwatch-logs',
    DestinationDetails: { CloudWatchLogsDetails: { LogGroup: '/aws/elasticache/rg-hardened/slow' } },
    LogFormat: 'json',
    Status: 'active',
  });
  data.replicationGroups.push(group);
  data.cacheClusters.push(...clusters);
  const standalone = cacheCluster(ACCOUNT, REGION, 'cc-standalone', { port: 6380, securityGroupId: 'sg-hardened', snapshotRetentionLimit: 7 });
  data.cacheClusters.push(standalone);
  const serverless = serverlessCache(ACCOUNT, REGION, 'sl-hardened', {
    UserGroupId: 'ug-hardened',
    KmsKeyId: KMS_KEY,
    SecurityGroupIds: ['sg-hardened'],
    SnapshotRetentionLimit: 7,
  });
  data.serverlessCaches.push(serverless);
  for (const arn of [group.ARN!, standalone.ARN!, serverless.ARN!]) {
    data.tags[arn] = [
      { Key: 'Environment', Value: 'production' },
      { Key: 'DataClassification', Value: 'PHI' },
    ];
  }
  data.snapshots.push(
    {
      SnapshotName: 'automatic.rg-hardened-latest',
      ReplicationGroupId: 'rg-hardened',
      SnapshotStatus: 'available',
      SnapshotSource: 'automated',
      KmsKeyId: KMS_KEY,
      NodeSnapshots: [{ CacheClusterId: clusters[0].CacheClusterId, CacheNodeId: '0001', SnapshotCreateTime: new Date(now.getTime() - 2 * HOUR) }],
    },
    {
      SnapshotName: 'automatic.cc-standalone-latest',
      CacheClusterId: 'cc-standalone',
      SnapshotStatus: 'available',
      SnapshotSource: 'automated',
      NodeSnapshots: [{ CacheClusterId: 'cc-standalone', CacheNodeId: '0001', SnapshotCreateTime: new Date(now.getTime() - 3 * HOUR) }],
    },
  );
  data.serverlessSnapshots.push({
    ServerlessCacheSnapshotName: 'automatic.sl-hardened-latest',
    SnapshotType: 'automated',
    Status: 'available',
    KmsKeyId: KMS_KEY,
    CreateTime: new Date(now.getTime() - 4 * HOUR),
    ServerlessCacheConfiguration: { ServerlessCacheName: 'sl-hardened', Engine: 'valkey', MajorEngineVersion: '8' },
  });
  data.users.push(...users());
  data.userGroups.push({
    UserGroupId: 'ug-hardened',
    Status: 'active',
    Engine: 'redis',
    UserIds: users().map((u) => u.UserId),
    ReplicationGroups: ['rg-hardened'],
    ServerlessCaches: ['sl-hardened'],
  });
  data.subnetGroups.push({
    CacheSubnetGroupName: 'phi-private',
    VpcId: 'vpc-phi',
    Subnets: [
      { SubnetIdentifier: 'subnet-a', SubnetAvailabilityZone: { Name: `${REGION}a` } },
      { SubnetIdentifier: 'subnet-b', SubnetAvailabilityZone: { Name: `${REGION}b` } },
    ],
  });
  data.parameterGroups['phi-redis7'] = parameterList({ timeout: '900', 'tcp-keepalive': '300' });
  data.parameterGroups['default.redis7'] = parameterList({ timeout: '0', 'tcp-keepalive': '300' });
  data.securityGroups.push({
    groupId: 'sg-hardened',
    groupName: 'cache-hardened',
    vpcId: 'vpc-phi',
    ownerId: ACCOUNT,
    ipPermissions: [
      { ipProtocol: 'tcp', fromPort: 6379, toPort: 6380, ipRanges: [{ cidrIp: '10.20.0.0/16', description: 'app subnets' }] },
      { ipProtocol: 'tcp', fromPort: 6380, toPort: 6380, groups: [{ groupId: 'sg-app', userId: ACCOUNT }] },
      { ipProtocol: 'tcp', fromPort: 443, toPort: 443, ipRanges: [{ cidrIp: '0.0.0.0/0' }] },
    ],
    ipPermissionsEgress: [{ ipProtocol: 'tcp', fromPort: 443, toPort: 443, ipRanges: [{ cidrIp: '10.0.0.0/8' }] }],
  });
  data.subnets.push(
    { subnetId: 'subnet-sl-a', vpcId: 'vpc-phi', availabilityZone: `${REGION}a`, cidrBlock: '10.20.1.0/24' },
    { subnetId: 'subnet-sl-b', vpcId: 'vpc-phi', availabilityZone: `${REGION}b`, cidrBlock: '10.20.2.0/24' },
  );
  data.routeTables.push({
    routeTableId: 'rtb-private',
    vpcId: 'vpc-phi',
    routeSet: [
      { destinationCidrBlock: '10.20.0.0/16', gatewayId: 'local', state: 'active' },
      { destinationCidrBlock: '0.0.0.0/0', natGatewayId: 'nat-0abc', state: 'active' },
    ],
    associationSet: [{ routeTableAssociationId: 'rtbassoc-main', routeTableId: 'rtb-private', main: true }],
  });
  return data;
}

function hardenedInstance(now: Date) {
  return memorystoreInstance(PROJECT, 'us-central1', 'hardened', {
    customerManagedKey: `projects/${PROJECT}/locations/us-central1/keyRings/phi/cryptoKeys/redis`,
    serverCaCerts: [
      {
        serialNumber: '0',
        createTime: new Date(now.getTime() - 400 * DAY).toISOString(),
        expireTime: new Date(now.getTime() + 3000 * DAY).toISOString(),
        sha1Fingerprint: 'a1b2c3d4e5',
      },
    ],
  });
}

const only = <T>(collection: CloudCollection, predicate: (r: CloudCollection['resources'][number]) => boolean): T => {
  const found = collection.resources.filter(predicate);
  if (found.length !== 1) throw new Error(`expected one fixture resource, found ${found.length}`);
  return found[0] as T;
};

/** Collects the hardened estate once (the emulator is closed before returning). */
export async function collectHardenedEstate(): Promise<CloudFixtures> {
  const now = new Date();
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const emulator = await startCloudEmulator();
  try {
    emulator.aws.accessKeys[KEY] = { account: ACCOUNT };
    emulator.aws.accounts[ACCOUNT] = { regions: { [REGION]: hardenedEstate(now) } };
    emulator.gcp.serviceAccounts[SA_EMAIL] = publicKey;
    emulator.gcp.projects[PROJECT] = { instances: [hardenedInstance(now)] };
    const credentialsJson = JSON.stringify({ type: 'service_account', client_email: SA_EMAIL, private_key: privateKey });
    const collection = await collectCloud({
      aws: { accessKeyId: KEY, secretAccessKey: 'not-checked-by-the-emulator', regions: [REGION], endpoint: emulator.url },
      gcp: { projects: [PROJECT], credentialsJson, endpoint: emulator.url },
    });
    const problems = collection.sources.filter((s) => s.status !== 'ok');
    if (problems.length) throw new Error(`fixture collection incomplete: ${JSON.stringify(problems)}`);
    return {
      ec: only(collection, (r) => r.platform === 'ec' && r.resourceId === 'rg-hardened'),
      standalone: only(collection, (r) => r.platform === 'ec' && r.resourceId === 'cc-standalone'),
      ecs: only(collection, (r) => r.platform === 'ecs'),
      ms: only(collection, (r) => r.platform === 'ms'),
      now,
    };
  } finally {
    await emulator.close();
  }
}

/** Context in which the hardened cloud fixtures pass: thresholds as for self, records on file. */
export function cloudContext(now: Date, overrides: Partial<EvaluationContext> = {}): EvaluationContext {
  return {
    thresholds: thresholds(),
    now: new Date(now.getTime() + 60_000),
    records: hardenedRecords(),
    fleet: [],
    ...overrides,
  };
}
