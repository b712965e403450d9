// Turns whatever an AWS SDK call threw into a collection outcome (catalog §1.2) plus the provider's
// code and message for the source's error list. The status mapping itself belongs to the controls.

import type { CollectionOutcome } from '@/lib/facts/common';

export interface AwsFailure {
  outcome: CollectionOutcome;
  code: string;
  message: string;
}

const PERMISSION_CODES = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'AuthorizationError',
  'Forbidden',
]);
const CREDENTIAL_CODES = new Set([
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'AuthFailure',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'InvalidAccessKeyId',
  'CredentialsProviderError',
  'RegionDisabledException',
]);
const UNKNOWN_OPERATION_CODES = new Set(['InvalidAction', 'UnknownOperationException', 'UnsupportedOperation']);
const THROTTLING_CODES = new Set([
  'Throttling',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
]);
const TIMEOUT_CODES = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);

interface SdkLikeError {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
  $response?: unknown;
}

export function classifyAwsError(error: unknown): AwsFailure {
  const err = (error ?? {}) as SdkLikeError;
  const name = typeof err.name === 'string' ? err.name : 'Error';
  const nodeCode = typeof err.code === 'string' ? err.code : undefined;
  const code = name !== 'Error' ? name : (nodeCode ?? name);
  const message = redact(typeof err.message === 'string' ? err.message : String(error));
  const status = err.$metadata?.httpStatusCode;

  if (PERMISSION_CODES.has(code)) return { outcome: 'noperm', code, message };
  if (CREDENTIAL_CODES.has(code)) return { outcome: 'noauth', code, message };
  if (UNKNOWN_OPERATION_CODES.has(code)) return { outcome: 'unknown_command', code, message };
  if (TIMEOUT_CODES.has(code) || (nodeCode !== undefined && TIMEOUT_CODES.has(nodeCode))) {
    return { outcome: 'timeout', code, message };
  }
  // The SDK wraps a body it could not parse; its message says "Deserialization error".
  if (/deseriali[sz]ation|Unexpected|not well-formed|XML|JSON/i.test(message) && err.$response !== undefined) {
    return { outcome: 'unparseable', code: 'Unparseable', message };
  }
  // common.ts has no `throttled` outcome: throttling after the SDK's retries is an `error`-class
  // fault like a refused call (catalog §1.2); the source keeps the provider's code (`Throttling`).
  if (THROTTLING_CODES.has(code)) return { outcome: 'refused', code, message: `throttled after retries: ${message}` };
  // 5xx, unreachable endpoint, connection reset and anything unknown: a fault that may clear.
  return { outcome: 'refused', code: status !== undefined && code === 'Error' ? `HTTP${status}` : code, message };
}

/** Provider messages can quote a request's parameters; access keys must not reach evidence. */
function redact(message: string): string {
  return message.replace(/\b(AKIA|ASIA)[A-Z0-9]{12,}\b/g, '$1…').slice(0, 500);
}
