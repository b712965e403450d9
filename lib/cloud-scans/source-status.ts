// What a source's errors mean for the resources it lists (catalog §1.2 mapping): a scope that was
// denied or whose credentials were rejected is `not_assessable`; throttled, failing or unreachable
// is `error`. Shared by the CLI and the app (no server-only imports).

import type { Source } from '@/lib/cloud/collect';
import { statusForOutcome } from '@/lib/controls/support/facts';
import { classifyAwsError } from '@/lib/inventory/aws/errors';

/** google.rpc codes that are standing reasons (permission, credentials, method not offered). */
const GCP_STANDING = new Set(['PERMISSION_DENIED', 'UNAUTHENTICATED', 'UNIMPLEMENTED']);

/** Status of one provider error code: AWS codes through the collector's own classification. */
function codeStatus(provider: Source['provider'], code: string): 'error' | 'not_assessable' {
  if (provider === 'gcp') return GCP_STANDING.has(code) ? 'not_assessable' : 'error';
  return statusForOutcome(classifyAwsError({ name: code }).outcome);
}

/** `error` when any failure may clear on its own (worth retrying), else `not_assessable`. */
export function sourceOutcome(source: Source): 'error' | 'not_assessable' {
  return source.errors.some((e) => codeStatus(source.provider, e.code) === 'error') ? 'error' : 'not_assessable';
}

/** A human label of the scope: `aws 111111111111 us-east-1`, `gcp phi-prod-1`. */
export function sourceLabel(source: Pick<Source, 'provider' | 'account' | 'region'>): string {
  return source.provider === 'aws' ? `aws ${source.account} ${source.region}` : `gcp ${source.account}`;
}

/** The source's errors in one line, never with a secret (the collector redacts access keys). */
export function sourceReason(source: Source): string {
  return source.errors.map((e) => `${e.api} ${e.code}${e.count > 1 ? ` ×${e.count}` : ''}: ${e.message}`).join('; ');
}

/** The source a resource was listed by: same provider, account/project and region (`*` for Google). */
export function sourceOf(sources: Source[], resource: { provider: 'aws' | 'gcp'; account?: string; region?: string; project?: string }): Source | undefined {
  const account = resource.provider === 'aws' ? resource.account : resource.project;
  const region = resource.provider === 'aws' ? resource.region : '*';
  return sources.find((s) => s.provider === resource.provider && s.account === account && s.region === region);
}
