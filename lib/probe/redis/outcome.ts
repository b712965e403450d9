// Turns a failure into a collection outcome (catalog §1.2) with a short, redacted reason.

import type { CollectedMissing, CollectionOutcome } from '@/lib/facts/common';
import { CommandNotAllowedError } from './allowlist';

export class ProbeTimeoutError extends Error {
  constructor(what: string, ms: number) {
    super(`${what}: no answer within ${ms} ms`);
    this.name = 'ProbeTimeoutError';
  }
}

export class UnparseableReplyError extends Error {
  constructor(what: string) {
    super(`unparseable reply: ${what}`);
    this.name = 'UnparseableReplyError';
  }
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'ECONNABORTED']);

export function classifyError(err: unknown): { outcome: CollectionOutcome; reason: string } {
  const e = err as { message?: string; code?: string; name?: string };
  // Redis echoes the arguments of an unknown command; they add nothing to the reason.
  const message = String(e?.message ?? err).split('\n')[0].replace(/, with args beginning with:.*$/, '').slice(0, 200);
  const code = e?.code ?? '';
  if (err instanceof ProbeTimeoutError || code === 'ETIMEDOUT' || /timed? ?out/i.test(message)) return { outcome: 'timeout', reason: message };
  if (err instanceof UnparseableReplyError) return { outcome: 'unparseable', reason: message };
  if (err instanceof CommandNotAllowedError) return { outcome: 'not_collected', reason: message };
  if (/^NOPERM/.test(message)) return { outcome: 'noperm', reason: message };
  if (/^(NOAUTH|WRONGPASS)/.test(message)) return { outcome: 'noauth', reason: message };
  if (/^ERR unknown (sub)?command/i.test(message)) return { outcome: 'unknown_command', reason: message };
  if (NETWORK_CODES.has(code) || /Connection is closed|connect ECONNREFUSED|socket hang up/i.test(message)) {
    return { outcome: 'refused', reason: code ? `${code}: ${message}` : message };
  }
  if (code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS') || /SSL|TLS|certificate/i.test(message)) {
    return { outcome: 'tls_error', reason: code ? `${code}: ${message}` : message };
  }
  return { outcome: 'unparseable', reason: message };
}

export function missing(source: string, err: unknown): CollectedMissing {
  return { ok: false, source, ...classifyError(err) };
}

export function notCollected(source: string, reason: string, outcome: CollectionOutcome = 'not_collected'): CollectedMissing {
  return { ok: false, outcome, reason, source };
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new ProbeTimeoutError(what, ms)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
