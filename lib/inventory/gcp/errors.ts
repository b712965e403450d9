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

/** HTTP status → google.rpc.Code name (https://cloud.google.com/apis/design/errors). */
const HTTP_TO_RPC: Record<number, keyof typeof RPC> = {
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  501: 'UNIMPLEMENTED',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

interface ErrorLike {
  code?: unknown;
  status?: unknown;
  response?: { status?: unknown };
  name?: string;
  message?: string;
}

/**
 * The RPC code of a failed call. google-gax REST raises either a GoogleError (numeric RPC code) or,
 * for an HTTP error status, the transport's error carrying the HTTP status and the JSON body.
 */
function rpcCode(error: unknown): { code: number; name: string } | null {
  const err = (error ?? {}) as ErrorLike;
  const http = typeof err.status === 'number' ? err.status : typeof err.response?.status === 'number' ? err.response.status : null;
  if (http !== null) {
    const name = bodyStatus(err.message) ?? HTTP_TO_RPC[http] ?? (http >= 500 ? 'INTERNAL' : `HTTP_${http}`);
    return { code: RPC[name as keyof typeof RPC] ?? -http, name };
  }
  if (typeof err.code === 'number' && err.code < 100) return { code: err.code, name: RPC_NAMES.get(err.code) ?? `RPC_${err.code}` };
  return null;
}

/** The `error.status` of a Google JSON error body, when the message is that body. */
function bodyStatus(message: string | undefined): string | null {
  try {
    const status = (JSON.parse(message ?? '') as { error?: { status?: unknown } }).error?.status;
    return typeof status === 'string' ? status : null;
  } catch {
    return null;
  }
}

/** The human part of the error (the body's message when the error text is the JSON body). */
function messageOf(error: unknown): string {
  const text = (error as ErrorLike)?.message ?? String(error);
  try {
    const message = (JSON.parse(text) as { error?: { message?: unknown } }).error?.message;
    if (typeof message === 'string') return message.slice(0, 500);
  } catch {
    // not a JSON body
  }
  return text.slice(0, 500);
}

/**
 * Codes worth another attempt: 429 (google-gax REST never retries it), 503 and a deadline exceeded
 * (the listing only reads); and a connection reset, which a reused keep-alive socket meets when
 * the server closed it as it was picked up.
 */
export function isRetryable(error: unknown): boolean {
  const code = rpcCode(error)?.code;
  if (code === RPC.RESOURCE_EXHAUSTED || code === RPC.UNAVAILABLE || code === RPC.DEADLINE_EXCEEDED) return true;
  const err = (error ?? {}) as ErrorLike;
  return code === undefined && (err.code === 'ECONNRESET' || /\bECONNRESET\b/.test(err.message ?? ''));
}

export function classifyGcpError(error: unknown): GcpFailure {
  const message = messageOf(error);
  const rpc = rpcCode(error);
  if (rpc) {
    const code = rpc.name;
    switch (rpc.code) {
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
  const err = (error ?? {}) as ErrorLike;
  if (error instanceof SyntaxError) return { outcome: 'unparseable', code: 'Unparseable', message };
  const nodeCode = typeof err.code === 'string' ? err.code : (err.name ?? 'Error');
  if (/TIMEDOUT|timeout/i.test(nodeCode) || /timed? ?out/i.test(message)) return { outcome: 'timeout', code: nodeCode, message };
  // Auth library failures (no ADC found, token endpoint refused) carry no RPC code.
  if (/credentials|token|auth/i.test(message) && !/ECONNREFUSED/.test(message)) return { outcome: 'noauth', code: nodeCode, message };
  return { outcome: 'refused', code: nodeCode, message };
}
