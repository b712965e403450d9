// Test helpers: start sandboxes once per file and turn them into probe targets.

import { readFileSync } from 'node:fs';
import { startSandbox, type PostureName, type StartedSandbox } from '@/lib/redis-sandbox';
import type { ProbeTarget } from '@/lib/probe/redis';

export const TEST_FINGERPRINT_KEY = 'test-fingerprint-key-0123456789abcdef';

/** The scanner's view of a sandbox: its URL, CA, client cert when required, scanner credentials. */
export function targetFor(sandbox: StartedSandbox, overrides: Partial<ProbeTarget> = {}): ProbeTarget {
  const pem = (file?: string) => (file ? readFileSync(file, 'utf8') : undefined);
  const scanner = sandbox.scanner;
  return {
    host: '127.0.0.1',
    port: sandbox.port,
    tls: sandbox.url.startsWith('rediss://'),
    username: scanner && scanner.name !== 'default' ? scanner.name : undefined,
    password: scanner?.password,
    ca: pem(sandbox.caFile),
    cert: sandbox.clientCertRequired ? pem(sandbox.certFile) : undefined,
    key: sandbox.clientCertRequired ? pem(sandbox.keyFile) : undefined,
    ...overrides,
  };
}

/** Starts the postures in parallel; `stopAll` stops every one that started. */
export async function startPostures<P extends PostureName>(postures: readonly P[]) {
  const started = await Promise.allSettled(postures.map((p) => startSandbox(p)));
  const sandboxes = {} as Record<P, StartedSandbox>;
  const failures: unknown[] = [];
  started.forEach((s, i) => (s.status === 'fulfilled' ? (sandboxes[postures[i]] = s.value) : failures.push(s.reason)));
  const stopAll = () => Promise.all(Object.values<StartedSandbox>(sandboxes).map((s) => s.stop()));
  if (failures.length > 0) {
    await stopAll();
    throw failures[0];
  }
  return { sandboxes, stopAll };
}
