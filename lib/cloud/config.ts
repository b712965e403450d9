// What `collectCloud` is told to read. One strict zod schema: a typo in a key is rejected by name
// (never silently ignored), and every message says what to change. Secrets in the input (secret
// access key, service-account private key) are validated for shape only and never echoed.

import { z } from 'zod';

/** Optional APIs (catalog §1.6) that can be switched off per AWS account: facts become `disabled`. */
export const AWS_OPTIONAL_APIS = [
  'DescribeCacheParameters',
  'DescribeRouteTables',
  'DescribeServerlessCacheSnapshots',
] as const;
export type AwsOptionalApi = (typeof AWS_OPTIONAL_APIS)[number];

const regionName = z
  .string()
  .regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'must be an AWS region name such as "us-east-1" or "eu-central-1"');

const roleArn = z
  .string()
  .regex(
    /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/,
    'must be an IAM role ARN such as "arn:aws:iam::123456789012:role/redis-compliance-scanner"',
  );

const endpointUrl = z.string().refine(isHttpUrl, 'must be an http(s) URL such as "http://127.0.0.1:4566" (scheme, host and port)');

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

const awsSchema = z
  .strictObject({
    profile: z.string().min(1, 'a profile name cannot be empty').optional(),
    accessKeyId: z.string().regex(/^[A-Z0-9]{16,128}$/, 'must be an access key id such as "AKIA…" (letters and digits)').optional(),
    secretAccessKey: z.string().min(1, 'the secret access key cannot be empty').optional(),
    sessionToken: z.string().min(1).optional(),
    regions: z.array(regionName).min(1, 'list at least one region, or leave "regions" out to use every enabled region').optional(),
    roles: z
      .array(
        z.strictObject({
          arn: roleArn,
          externalId: z.string().min(2, 'an ExternalId has 2 to 1224 characters').max(1224).optional(),
        }),
      )
      .optional(),
    skipBaseAccount: z.boolean().optional(),
    endpoint: endpointUrl.optional(),
    /** SDK standard-retry attempts per call (throttling, 5xx). */
    maxAttempts: z.number().int().min(1).max(10).optional(),
    requestTimeoutMs: z.number().int().min(100).max(300_000).optional(),
    disabledApis: z.array(z.enum(AWS_OPTIONAL_APIS)).optional(),
  })
  .superRefine((aws, ctx) => {
    if ((aws.accessKeyId === undefined) !== (aws.secretAccessKey === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [aws.accessKeyId === undefined ? 'accessKeyId' : 'secretAccessKey'],
        message: 'give accessKeyId and secretAccessKey together (or neither, to use a profile or the default chain)',
      });
    }
    if (aws.profile !== undefined && aws.accessKeyId !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['profile'], message: 'use either a profile or access keys, not both' });
    }
    if (aws.sessionToken !== undefined && aws.accessKeyId === undefined) {
      ctx.addIssue({ code: 'custom', path: ['sessionToken'], message: 'a session token needs accessKeyId and secretAccessKey' });
    }
    if (aws.skipBaseAccount && !aws.roles?.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['skipBaseAccount'],
        message: 'skipBaseAccount needs at least one entry in "roles" (otherwise nothing would be scanned)',
      });
    }
  });

const serviceAccountKey = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be the JSON text of a service-account key file (it did not parse as JSON)' });
      return z.NEVER;
    }
  })
  .pipe(
    z.looseObject({
      type: z.literal('service_account', { message: 'must be a key of type "service_account"' }),
      client_email: z.string().email('client_email must be the service account e-mail'),
      private_key: z.string().includes('PRIVATE KEY', { message: 'private_key must be a PEM private key' }),
    }),
  );

const gcpSchema = z.strictObject({
  projects: z
    .array(z.string().regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, 'must be a Google Cloud project id such as "phi-prod-123"'))
    .min(1, 'list at least one project id'),
  credentialsJson: serviceAccountKey.optional(),
  endpoint: endpointUrl.optional(),
  /** Attempts per page for 429 / 503 (google-gax REST retries neither for ListInstances). */
  maxAttempts: z.number().int().min(1).max(10).optional(),
  requestTimeoutMs: z.number().int().min(100).max(300_000).optional(),
});

export const cloudConfigSchema = z
  .strictObject({
    aws: awsSchema.optional(),
    gcp: gcpSchema.optional(),
    /** Account/region and project tasks run at most this many at once. */
    concurrency: z.number().int().min(1).max(64).optional(),
    /** Calls in flight at once inside one region (tags, parameters). */
    regionConcurrency: z.number().int().min(1).max(64).optional(),
  })
  .refine((config) => config.aws !== undefined || config.gcp !== undefined, {
    message: 'configure "aws", "gcp" or both',
  });

export type CloudConfigInput = z.input<typeof cloudConfigSchema>;
export type CloudConfig = z.output<typeof cloudConfigSchema>;
export type AwsConfig = NonNullable<CloudConfig['aws']>;
export type GcpConfig = NonNullable<CloudConfig['gcp']>;

export class CloudConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid cloud configuration:\n${issues.map((issue) => `  - ${issue}`).join('\n')}`);
    this.name = 'CloudConfigError';
  }
}

/** Validates the input; throws CloudConfigError naming each wrong field (values are never echoed). */
export function parseCloudConfig(input: unknown): CloudConfig {
  const parsed = cloudConfigSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new CloudConfigError(
    parsed.error.issues.map((issue) => {
      const where = issue.path.length ? issue.path.join('.') : '(config)';
      return `${where}: ${issue.message}`;
    }),
  );
}
