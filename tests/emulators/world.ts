// What the emulator serves: accounts with their keys, roles and per-region resources (ElastiCache
// objects in the SDK's shapes, EC2 objects in EC2's wire shape), Google projects with their
// instances (REST JSON), and the faults a test injects.

import type {
  CacheCluster,
  CacheSubnetGroup,
  Parameter,
  ReplicationGroup,
  ServerlessCache,
  ServerlessCacheSnapshot,
  Snapshot,
  Tag,
  User,
  UserGroup,
} from '@aws-sdk/client-elasticache';

/** EC2 wire shapes (element names as EC2 writes them; lists are <item>s). */
export interface Ec2Rule {
  ipProtocol: string;
  fromPort?: number;
  toPort?: number;
  groups?: { groupId: string; userId?: string }[];
  ipRanges?: { cidrIp: string; description?: string }[];
  ipv6Ranges?: { cidrIpv6: string }[];
  prefixListIds?: { prefixListId: string }[];
}
export interface Ec2SecurityGroup {
  groupId: string;
  groupName: string;
  groupDescription?: string;
  vpcId: string;
  ownerId: string;
  ipPermissions: Ec2Rule[];
  ipPermissionsEgress: Ec2Rule[];
}
export interface Ec2Subnet {
  subnetId: string;
  vpcId: string;
  availabilityZone: string;
  cidrBlock: string;
}
export interface Ec2RouteTable {
  routeTableId: string;
  vpcId: string;
  routeSet: { destinationCidrBlock?: string; destinationIpv6CidrBlock?: string; gatewayId?: string; natGatewayId?: string; state: string }[];
  associationSet: { routeTableAssociationId: string; routeTableId: string; subnetId?: string; main: boolean }[];
}

export interface AwsRegionData {
  replicationGroups: ReplicationGroup[];
  cacheClusters: CacheCluster[];
  serverlessCaches: ServerlessCache[];
  /** The built-in `default` user is added by the emulator unless a user with that id exists. */
  users: User[];
  userGroups: UserGroup[];
  snapshots: Snapshot[];
  serverlessSnapshots: ServerlessCacheSnapshot[];
  subnetGroups: CacheSubnetGroup[];
  /** By parameter group name. */
  parameterGroups: Record<string, Parameter[]>;
  /** By resource ARN. */
  tags: Record<string, Tag[]>;
  securityGroups: Ec2SecurityGroup[];
  subnets: Ec2Subnet[];
  routeTables: Ec2RouteTable[];
}

export interface AwsAccountData {
  regions: Record<string, Partial<AwsRegionData>>;
  /** What DescribeRegions returns; default: the keys of `regions`. */
  enabledRegions?: string[];
}

export interface AwsWorld {
  /** Long-term keys → account (a distinct key per account; the secret is not checked). */
  accessKeys: Record<string, { account: string; expired?: boolean }>;
  /** Roles that can be assumed; the account comes from the ARN. */
  roles: Record<string, { externalId?: string }>;
  accounts: Record<string, AwsAccountData>;
  /** Lifetime of AssumeRole sessions (default 3600 s). Expired session keys get ExpiredToken. */
  sessionTtlSeconds?: number;
}

export interface GcpWorld {
  /** Instances in REST JSON (string enums, RFC 3339 times) per project; unknown projects → 403. */
  projects: Record<string, { instances: Record<string, unknown>[]; unreachable?: string[] }>;
  /** Service-account e-mail → public key (PEM) that verifies its self-signed JWTs. */
  serviceAccounts: Record<string, string>;
  /** Largest page the emulator returns, whatever pageSize asks (Google may return fewer). */
  maxPageSize?: number;
  /** `request` (default): ints when the client asks `enum-encoding=int`; or force one form. */
  enumEncoding?: 'request' | 'string' | 'int';
}

export type Service = 'elasticache' | 'ec2' | 'sts' | 'memorystore' | 'metadata';

export type FaultKind =
  | 'AccessDenied'
  | 'Throttling'
  | 'ExpiredToken'
  | 'InternalError'
  | 'InvalidAction'
  | 'malformed'
  | 'latency'
  | 'hang'
  | 'PERMISSION_DENIED'
  | 'RESOURCE_EXHAUSTED'
  | 'UNAUTHENTICATED';

export interface Fault {
  kind: FaultKind;
  service?: Service;
  action?: string;
  account?: string;
  region?: string;
  project?: string;
  /** Only the first N matching calls (default: every matching call). */
  times?: number;
  /** For `latency`: added before the call is answered normally. (`hang`: the call is never answered; the client's timeout must end it.) */
  latencyMs?: number;
}

export interface CallRecord {
  service: Service;
  action: string;
  account: string | null;
  region: string | null;
  project: string | null;
  /** HTTP status sent; 0 when the call was never answered (`hang`). */
  status: number;
  /** Memorystore list replies: which enum encoding was served (`int-enums` / `string-enums`). */
  note?: string;
}
