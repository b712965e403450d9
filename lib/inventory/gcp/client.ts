// The Memorystore for Redis client (@google-cloud/redis 5.3, google-gax 5 REST transport; 6.x needs
// Node 22). Credentials: a supplied service-account key, else Application Default Credentials.
// Endpoint override: config `gcp.endpoint`, else env GOOGLE_CLOUD_REDIS_ENDPOINT (scheme://host:port).

import { CloudRedisClient } from '@google-cloud/redis';
import type { GcpConfig } from '@/lib/cloud/config';

export const REDIS_ENDPOINT_ENV = 'GOOGLE_CLOUD_REDIS_ENDPOINT';

export interface EndpointOverride {
  apiEndpoint: string;
  port: number;
  protocol: 'http' | 'https';
}

/** google-gax takes the host alone as `apiEndpoint` ("host:port" is ignored): split the URL. */
export function parseEndpoint(url: string): EndpointOverride {
  const parsed = new URL(url);
  const protocol = parsed.protocol === 'http:' ? 'http' : 'https';
  return {
    apiEndpoint: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: parsed.port ? Number(parsed.port) : protocol === 'http' ? 80 : 443,
    protocol,
  };
}

export function createRedisClient(gcp: GcpConfig): CloudRedisClient {
  const endpoint = gcp.endpoint ?? process.env[REDIS_ENDPOINT_ENV];
  return new CloudRedisClient({
    fallback: true,
    ...(endpoint ? parseEndpoint(endpoint) : {}),
    ...(gcp.credentialsJson
      ? { credentials: { client_email: gcp.credentialsJson.client_email, private_key: gcp.credentialsJson.private_key } }
      : {}),
  });
}
