// Which AWS accounts to scan and with which credentials: the base credentials (default provider
// chain, a named profile, or supplied keys) and, per target account, an IAM role assumed with its
// ExternalId. Sessions are shared by every client of the account and refreshed before they expire.

import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import { fromIni, fromNodeProviderChain, fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import type { AwsConfig } from '@/lib/cloud/config';
import { createEc2Client, createStsClient, type AwsClientOptions } from './clients';
import { classifyAwsError, type AwsFailure } from './errors';

export const SCANNER_SESSION_NAME = 'redis-compliance-scanner';
const REFRESH_BEFORE_EXPIRY_MS = 5 * 60_000;

export interface AccountTarget {
  /** "base credentials" or the role ARN. */
  via: string;
  /** Account id known before any call (from the role ARN); null for the base credentials. */
  accountHint: string | null;
  credentials: AwsCredentialIdentityProvider;
}

export interface ClientDefaults {
  endpoint?: string;
  maxAttempts: number;
  requestTimeoutMs: number;
  homeRegion: string;
}

export function clientDefaults(aws: AwsConfig): ClientDefaults {
  return {
    endpoint: aws.endpoint,
    maxAttempts: aws.maxAttempts ?? 3,
    requestTimeoutMs: aws.requestTimeoutMs ?? 30_000,
    homeRegion: aws.regions?.[0] ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1',
  };
}

function baseCredentials(aws: AwsConfig): AwsCredentialIdentityProvider {
  if (aws.accessKeyId !== undefined && aws.secretAccessKey !== undefined) {
    const identity: AwsCredentialIdentity = {
      accessKeyId: aws.accessKeyId,
      secretAccessKey: aws.secretAccessKey,
      ...(aws.sessionToken ? { sessionToken: aws.sessionToken } : {}),
    };
    return async () => identity;
  }
  if (aws.profile !== undefined) return fromIni({ profile: aws.profile });
  return fromNodeProviderChain();
}

/**
 * One cached session per account, shared by all its clients (one AssumeRole, not one per client),
 * fetched again when it is within five minutes of expiring. A failed fetch is not cached.
 */
export function sharedSession(provider: AwsCredentialIdentityProvider): AwsCredentialIdentityProvider {
  let cached: AwsCredentialIdentity | undefined;
  let pending: Promise<AwsCredentialIdentity> | undefined;
  return async () => {
    const expiresAt = cached?.expiration?.getTime();
    if (cached && (expiresAt === undefined || expiresAt - Date.now() > REFRESH_BEFORE_EXPIRY_MS)) return cached;
    pending ??= provider()
      .then((identity) => (cached = identity))
      .finally(() => {
        pending = undefined;
      });
    return pending;
  };
}

export function accountTargets(aws: AwsConfig, defaults: ClientDefaults): AccountTarget[] {
  const base = sharedSession(baseCredentials(aws));
  const targets: AccountTarget[] = [];
  if (!aws.skipBaseAccount) targets.push({ via: 'base credentials', accountHint: null, credentials: base });
  for (const role of aws.roles ?? []) {
    const assumed = fromTemporaryCredentials({
      masterCredentials: base,
      params: {
        RoleArn: role.arn,
        RoleSessionName: SCANNER_SESSION_NAME,
        ...(role.externalId ? { ExternalId: role.externalId } : {}),
      },
      clientConfig: {
        region: defaults.homeRegion,
        maxAttempts: defaults.maxAttempts,
        ...(defaults.endpoint ? { endpoint: defaults.endpoint } : {}),
      },
    });
    targets.push({ via: role.arn, accountHint: role.arn.split(':')[4], credentials: sharedSession(assumed) });
  }
  return targets;
}

export type Step<T> = { ok: true; value: T } | { ok: false; api: string; failure: AwsFailure };

function optionsFor(target: AccountTarget, defaults: ClientDefaults): AwsClientOptions {
  return { ...defaults, region: defaults.homeRegion, credentials: target.credentials };
}

/** The account id of the credentials (also proves they work, before any region is read). */
export async function resolveAccountId(target: AccountTarget, defaults: ClientDefaults): Promise<Step<string>> {
  try {
    await target.credentials();
  } catch (error) {
    return { ok: false, api: target.accountHint ? 'sts:AssumeRole' : 'credentials', failure: classifyAwsError(error) };
  }
  const sts = createStsClient(optionsFor(target, defaults));
  try {
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    if (!identity.Account) {
      return { ok: false, api: 'sts:GetCallerIdentity', failure: { outcome: 'unparseable', code: 'Unparseable', message: 'GetCallerIdentity returned no Account' } };
    }
    return { ok: true, value: identity.Account };
  } catch (error) {
    return { ok: false, api: 'sts:GetCallerIdentity', failure: classifyAwsError(error) };
  } finally {
    sts.destroy();
  }
}

/** The configured regions, else the regions enabled for the account (EC2 DescribeRegions). */
export async function resolveRegions(aws: AwsConfig, target: AccountTarget, defaults: ClientDefaults): Promise<Step<string[]>> {
  if (aws.regions) return { ok: true, value: aws.regions };
  const ec2 = createEc2Client(optionsFor(target, defaults));
  try {
    const answer = await ec2.send(new DescribeRegionsCommand({ AllRegions: false }));
    const regions = (answer.Regions ?? []).flatMap((region) => (region.RegionName ? [region.RegionName] : [])).sort();
    return { ok: true, value: regions };
  } catch (error) {
    const failure = classifyAwsError(error);
    return {
      ok: false,
      api: 'ec2:DescribeRegions',
      failure: { ...failure, message: `${failure.message} (set "aws.regions" to scan without DescribeRegions)` },
    };
  } finally {
    ec2.destroy();
  }
}
