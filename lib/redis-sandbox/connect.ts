import { readFileSync } from 'node:fs';
import Redis from 'ioredis';
import type { SandboxUser } from './postures';
import type { StartedSandbox } from './server';

/**
 * An ioredis client logged in to a sandbox as `user` (default: its admin), with the sandbox's CA
 * and client certificate when TLS is on. For seeding and test assertions — never the scanner path.
 */
export function connectSandbox(sandbox: StartedSandbox, user: SandboxUser | null = sandbox.admin): Redis {
  const tls = sandbox.url.startsWith('rediss://')
    ? {
        ca: sandbox.caFile ? readFileSync(sandbox.caFile) : undefined,
        cert: sandbox.certFile ? readFileSync(sandbox.certFile) : undefined,
        key: sandbox.keyFile ? readFileSync(sandbox.keyFile) : undefined,
        servername: 'localhost',
        // The expiredCert posture must still be reachable for seeding.
        rejectUnauthorized: sandbox.posture !== 'expiredCert',
      }
    : undefined;
  return new Redis({
    host: '127.0.0.1',
    port: sandbox.port,
    username: user && user.name !== 'default' ? user.name : undefined,
    password: user?.password || undefined,
    tls,
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
  });
}
