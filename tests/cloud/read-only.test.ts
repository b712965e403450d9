// Static guarantees of the collection code: every AWS SDK operation it can send is a read
// (Describe/List/Get) and is granted by the shipped least-privilege policy — and nothing more is
// granted than it uses; the Google code never references the instance AUTH-string method.

import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const AWS_CODE = ['lib/inventory/aws', 'lib/probe/aws', 'lib/cloud'];
const GCP_CODE = ['lib/inventory/gcp', 'lib/probe/gcp', 'lib/cloud', 'lib/facts/gcp.ts'];
const SERVICE_OF_PACKAGE: Record<string, string> = {
  '@aws-sdk/client-elasticache': 'elasticache',
  '@aws-sdk/client-ec2': 'ec2',
  '@aws-sdk/client-sts': 'sts',
};
/** Credential providers send these on the caller's behalf (base credentials, not the scanner role). */
const CREDENTIAL_PROVIDER_CALLS = ['sts:AssumeRole'];

async function sourceFiles(entry: string): Promise<string[]> {
  const full = path.join(ROOT, entry);
  if (full.endsWith('.ts')) return [full];
  const entries = await readdir(full, { withFileTypes: true, recursive: true });
  return entries.filter((file) => file.isFile() && file.name.endsWith('.ts')).map((file) => path.join(file.parentPath, file.name));
}

/** Code without comments, so a comment naming an API is not mistaken for a call. */
function stripComments(code: string): string {
  return code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

/** `service:Operation` for every Command class and paginator imported from an AWS SDK client. */
function awsOperations(code: string): string[] {
  const operations: string[] = [];
  for (const match of code.matchAll(/import\s*{([^}]*)}\s*from\s*'(@aws-sdk\/client-[a-z0-9-]+)'/g)) {
    const service = SERVICE_OF_PACKAGE[match[2]];
    for (const raw of match[1].split(',')) {
      const name = raw.replace(/^\s*type\s+/, '').trim();
      const operation = /^(\w+)Command$/.exec(name)?.[1] ?? /^paginate(\w+)$/.exec(name)?.[1];
      if (!operation) continue;
      if (!service) throw new Error(`${match[2]} has no IAM service prefix in this test: add it`);
      operations.push(`${service}:${operation}`);
    }
  }
  return operations;
}

async function codeOf(entries: string[]): Promise<Map<string, string>> {
  const files = (await Promise.all(entries.map(sourceFiles))).flat();
  return new Map(await Promise.all(files.map(async (file) => [path.relative(ROOT, file), stripComments(await readFile(file, 'utf8'))] as const)));
}

describe('AWS: read-only and least privilege', () => {
  it('sends only Describe/List/Get operations, each granted by docs/aws-iam-policy.json, and the policy grants nothing unused', async () => {
    const code = await codeOf(AWS_CODE);
    const used = new Set([...code.values()].flatMap(awsOperations));
    expect(used.size).toBeGreaterThan(10);
    for (const operation of used) expect(operation).toMatch(/^[a-z0-9]+:(Describe|List|Get)[A-Za-z]+$/);

    const policy = JSON.parse(await readFile(path.join(ROOT, 'docs/aws-iam-policy.json'), 'utf8')) as {
      Statement: { Effect: string; Action: string[]; Resource: string }[];
    };
    const granted = new Set(policy.Statement.flatMap((statement) => {
      expect(statement.Effect).toBe('Allow');
      return statement.Action;
    }));
    for (const action of granted) expect(action).not.toContain('*');
    expect([...used].filter((operation) => !granted.has(operation))).toEqual([]);
    expect([...granted].filter((action) => !used.has(action))).toEqual([]);
  });

  it('detects a write operation if one were imported (the scan is not vacuous)', () => {
    const sample = "import { DescribeUsersCommand, ModifyUserCommand, paginateDescribeSnapshots } from '@aws-sdk/client-elasticache';";
    expect(awsOperations(sample)).toEqual(['elasticache:DescribeUsers', 'elasticache:ModifyUser', 'elasticache:DescribeSnapshots']);
  });

  it('assumes roles only through the credential provider, documented as a permission of the base principal', async () => {
    const docs = await readFile(path.join(ROOT, 'docs/cloud.md'), 'utf8');
    for (const call of CREDENTIAL_PROVIDER_CALLS) expect(docs).toContain(call);
    const code = await codeOf(AWS_CODE);
    expect([...code.values()].some((text) => text.includes('fromTemporaryCredentials('))).toBe(true);
  });
});

describe('Google: the AUTH string is never read', () => {
  it('references no AUTH-string method anywhere in the Google collection code', async () => {
    const code = await codeOf(GCP_CODE);
    expect(code.size).toBeGreaterThan(3);
    for (const [file, text] of code) {
      expect({ file, hit: /getInstanceAuthString|GetInstanceAuthString|getAuthString|authString/i.test(text) }).toEqual({ file, hit: false });
    }
  });

  it('would catch a reference (the pattern is not vacuous)', () => {
    expect(/getInstanceAuthString|GetInstanceAuthString|getAuthString|authString/i.test(stripComments('await client.getInstanceAuthString({ name })'))).toBe(true);
    expect(/getInstanceAuthString/i.test(stripComments('// never call getInstanceAuthString'))).toBe(false);
  });
});
