// What a source error means for the person setting up the connection, and what to change. The
// provider's own code and message stay beside it (they are what support will ask for).
import type { Source, SourceError } from '@/lib/cloud/collect';
import { sourceLabel } from './source-status';

const KEY_REJECTED = new Set(['InvalidClientTokenId', 'UnrecognizedClientException', 'AuthFailure', 'SignatureDoesNotMatch', 'IncompleteSignature', 'InvalidAccessKeyId']);
const DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'AuthorizationError', 'Forbidden']);
const TIMED_OUT = /TimeoutError|DEADLINE_EXCEEDED|ETIMEDOUT|RequestTimeout|timed? ?out|no answer within/i;
const UNREACHABLE = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|getaddrinfo|ECONNRESET|socket hang up/i;

export function explainSourceError(error: SourceError): string {
  const { api, code, message } = error;
  if (api === 'sts:AssumeRole' && DENIED.has(code)) {
    return 'the role could not be assumed: its trust policy must allow this principal, and the ExternalId must match the one in the trust policy';
  }
  if (KEY_REJECTED.has(code)) return 'the access key was rejected: check the access key id and the secret access key (or the profile)';
  if (code === 'ExpiredToken' || code === 'ExpiredTokenException') return 'the credentials have expired: renew the session token or sign in to the profile again';
  if (code === 'CredentialsProviderError') return 'no AWS credentials were found: choose stored access keys or a profile that exists on the server';
  if (code === 'RegionDisabledException' || code === 'OptInRequired') return 'the region is not enabled for this account: remove it or enable it in the account settings';
  if (code === 'PERMISSION_DENIED') return 'permission denied: grant roles/redis.viewer on the project to the scanner, and check the project id';
  if (code === 'UNAUTHENTICATED') return 'Google rejected the credentials: upload a valid service-account key, or configure Application Default Credentials on the server';
  if (code === 'UNREACHABLE') return 'Google could not reach some locations of the project: their instances are missing from this listing';
  if (DENIED.has(code)) return `permission missing for ${api}: attach docs/aws-iam-policy.json to the scanner (base principal and every role)`;
  if (code === 'Throttling' || code === 'RequestLimitExceeded' || code === 'RESOURCE_EXHAUSTED') return 'the provider throttled the scanner after every retry: try again later';
  if (TIMED_OUT.test(`${code} ${message}`)) return 'the API did not answer in time, on every attempt: check the network path to the endpoint (proxy, firewall), or try again later';
  if (UNREACHABLE.test(`${code} ${message}`)) return 'the API endpoint could not be reached: check the region name and the endpoint override';
  return 'the provider answered with an error';
}

/** One line per source that is not ok, with the provider's code, for the connection's last test. */
export function describeSources(sources: Source[]): string {
  const problems = sources.filter((s) => s.status !== 'ok');
  if (problems.length === 0) return `${sources.length} scope(s) read, ${sources.reduce((n, s) => n + s.resourceCount, 0)} resource(s) found`;
  return problems
    .map((s) => `${sourceLabel(s)} ${s.status}: ${s.errors.map((e) => `${explainSourceError(e)} (${e.api} ${e.code}: ${e.message.slice(0, 160)})`).join('; ')}`)
    .join('\n');
}
