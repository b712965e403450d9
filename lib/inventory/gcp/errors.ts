// google-gax errors → collection outcome (catalog §1.2) and the provider's code for the source.

import type { CollectionOutcome } from '@/lib/facts/common';

export interface GcpFailure {
  outcome: CollectionOutcome;
  code: string;
  message: string;
}

/** google.rpc.Code numbers used by google-gax errors. */
const RPC = {
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  UNAUTHENTICATED: 16,
} as const;
const RPC_NAMES = new Map<number, string>(Object.entries(RPC).map(([name, code]) => [code, name]));

/** Codes worth another attempt: 429 (google-gax REST never retries it) and 503. */
export function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return code === RPC.RESOURCE_EXHAUSTED || code === RPC.UNAVAILABLE;
}

export function classifyGcpError(error: unknown): GcpFailure {
  const err = (error ?? {}) as { code?: unknown; name?: string; message?: string };
  const message = (typeof err.message === 'string' ? err.message : String(error)).slice(0, 500);
  if (typeof err.code === 'number') {
    const code = RPC_NAMES.get(err.code) ?? `RPC_${err.code}`;
    switch (err.code) {
      case RPC.PERMISSION_DENIED:
        return { outcome: 'noperm', code, message };
      case RPC.UNAUTHENTICATED:
        return { outcome: 'noauth', code, message };
      case RPC.UNIMPLEMENTED:
        return { outcome: 'unknown_command', code, message };
      case RPC.DEADLINE_EXCEEDED:
        return { outcome: 'timeout', code, message };
      default:
        // 429 after our retries, 5xx, NOT_FOUND: faults that may clear (catalog §1.2 → error).
        return { outcome: 'refused', code, message };
    }
  }
  if (error instanceof SyntaxError) return { outcome: 'unparseable', code: 'Unparseable', message };
  const nodeCode = typeof err.code === 'string' ? err.code : (err.name ?? 'Error');
  if (/TIMEDOUT|timeout/i.test(nodeCode) || /timed? ?out/i.test(message)) return { outcome: 'timeout', code: nodeCode, message };
  // Auth library failures (no ADC found, token endpoint refused) carry no RPC code.
  if (/credentials|token|auth/i.test(message) && !/ECONNREFUSED/.test(message)) return { outcome: 'noauth', code: nodeCode, message };
  return { outcome: 'refused', code: nodeCode, message };
}
