// SDK clients for one account and region. Every client uses the SDK's standard retry (throttling
// and 5xx retried with backoff, `maxAttempts` in total) and a per-request timeout, and honours an
// endpoint override (config `aws.endpoint`, else the SDK's own AWS_ENDPOINT_URL[_<SERVICE>]).

import { EC2Client } from '@aws-sdk/client-ec2';
import { ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentityProvider } from '@smithy/types';

export interface AwsClientOptions {
  region: string;
  credentials: AwsCredentialIdentityProvider;
  endpoint?: string;
  maxAttempts: number;
  requestTimeoutMs: number;
}

function commonConfig(options: AwsClientOptions) {
  return {
    region: options.region,
    credentials: options.credentials,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    maxAttempts: options.maxAttempts,
    retryMode: 'standard',
    // Without throwOnRequestTimeout the Node handler only logs a warning and keeps waiting.
    requestHandler: {
      requestTimeout: options.requestTimeoutMs,
      connectionTimeout: options.requestTimeoutMs,
      throwOnRequestTimeout: true,
    },
  };
}

export interface RegionClients {
  elasticache: ElastiCacheClient;
  ec2: EC2Client;
}

export function createRegionClients(options: AwsClientOptions): RegionClients {
  return {
    elasticache: new ElastiCacheClient(commonConfig(options)),
    ec2: new EC2Client(commonConfig(options)),
  };
}

export function createStsClient(options: AwsClientOptions): STSClient {
  return new STSClient(commonConfig(options));
}

export function createEc2Client(options: AwsClientOptions): EC2Client {
  return new EC2Client(commonConfig(options));
}

export function destroyRegionClients(clients: RegionClients): void {
  clients.elasticache.destroy();
  clients.ec2.destroy();
}
