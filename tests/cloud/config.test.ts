// Bad configuration is refused before any call, with a message naming the field and the fix, and
// without echoing secrets.

import { describe, expect, it } from 'vitest';
import { CloudConfigError, collectCloud, parseCloudConfig } from '@/lib/cloud/collect';

function issuesOf(input: unknown): string[] {
  try {
    parseCloudConfig(input);
  } catch (error) {
    if (error instanceof CloudConfigError) return error.issues;
    throw error;
  }
  throw new Error('expected the configuration to be rejected');
}

describe('cloud configuration', () => {
  it('accepts a full AWS and GCP configuration', () => {
    const config = parseCloudConfig({
      aws: {
        profile: 'audit',
        regions: ['us-east-1', 'eu-central-1'],
        roles: [{ arn: 'arn:aws:iam::123456789012:role/redis-compliance-scanner', externalId: 'ext-123' }],
        endpoint: 'http://127.0.0.1:4566',
        disabledApis: ['DescribeRouteTables'],
      },
      gcp: { projects: ['phi-prod-123'], endpoint: 'http://127.0.0.1:8787' },
      concurrency: 4,
    });
    expect(config.aws?.roles?.[0].externalId).toBe('ext-123');
    expect(config.gcp?.projects).toEqual(['phi-prod-123']);
  });

  it('names each wrong field with what to do', () => {
    expect(
      issuesOf({
        aws: { accessKeyId: 'AKIAEXAMPLE000000001', regions: ['us-east'], roles: [{ arn: 'arn:aws:iam::12:role/x' }], endpoint: 'localhost:4566' },
        gcp: { projects: [] },
      }),
    ).toEqual([
      'aws.regions.0: must be an AWS region name such as "us-east-1" or "eu-central-1"',
      'aws.roles.0.arn: must be an IAM role ARN such as "arn:aws:iam::123456789012:role/redis-compliance-scanner"',
      'aws.endpoint: must be an http(s) URL such as "http://127.0.0.1:4566" (scheme, host and port)',
      'aws.secretAccessKey: give accessKeyId and secretAccessKey together (or neither, to use a profile or the default chain)',
      'gcp.projects: list at least one project id',
    ]);
  });

  it('rejects unknown keys by name, empty configurations and contradictory options', () => {
    expect(issuesOf({ aws: { region: 'us-east-1' } })).toEqual(['aws: Unrecognized key: "region"']);
    expect(issuesOf({})).toEqual(['(config): configure "aws", "gcp" or both']);
    expect(issuesOf({ aws: { skipBaseAccount: true } })).toEqual([
      'aws.skipBaseAccount: skipBaseAccount needs at least one entry in "roles" (otherwise nothing would be scanned)',
    ]);
    expect(issuesOf({ aws: { profile: 'p', accessKeyId: 'AKIAEXAMPLE000000001', secretAccessKey: 's' } })).toEqual([
      'aws.profile: use either a profile or access keys, not both',
    ]);
  });

  it('checks a service-account key for shape without echoing it', () => {
    const secret = '-----BEGIN PRIVATE KEY-----\nMIIsecretmaterial\n-----END PRIVATE KEY-----\n';
    const issues = issuesOf({ gcp: { projects: ['phi-prod-123'], credentialsJson: JSON.stringify({ type: 'authorized_user', private_key: secret }) } });
    expect(issues).toEqual([
      'gcp.credentialsJson.type: must be a key of type "service_account"',
      'gcp.credentialsJson.client_email: Invalid input: expected string, received undefined',
    ]);
    expect(issues.join('\n')).not.toContain('MIIsecretmaterial');
    expect(issuesOf({ gcp: { projects: ['phi-prod-123'], credentialsJson: '{not json' } })).toEqual([
      'gcp.credentialsJson: must be the JSON text of a service-account key file (it did not parse as JSON)',
    ]);
  });

  it('makes collectCloud throw the same error before any call', async () => {
    await expect(collectCloud({ gcp: { projects: ['X'] } })).rejects.toThrow(/gcp\.projects\.0: must be a Google Cloud project id/);
  });
});
