// Officers and admins edit the organisation's thresholds (catalog §1.7 names) and security policy as
// one YAML/JSON document; it is validated completely before anything is saved.
import YAML from 'yaml';
import { recordAudit, type AuditActor } from '../audit-log/record-audit';
import { parseThresholds } from '../controls/thresholds';
import { db } from '../db/client';
import { describeZodError } from '../users/schemas';
import { organizationSettingsSchema, parseOrganizationSettings } from './organization-settings';

export async function readOrganizationSettings(organizationId: string) {
  const org = await db().organization.findUniqueOrThrow({ where: { id: organizationId }, select: { settings: true } });
  return parseOrganizationSettings(org.settings);
}

export type UpdateSettingsResult = { ok: true; changed: string[] } | { ok: false; error: string };

export async function updateOrganizationSettings(actor: AuditActor & { organizationId: string }, text: string): Promise<UpdateSettingsResult> {
  let input: unknown;
  try {
    input = YAML.parse(text);
  } catch (err) {
    return { ok: false, error: `The document is not valid YAML or JSON: ${(err as Error).message.split('\n')[0]}` };
  }
  const parsed = organizationSettingsSchema.safeParse(input ?? {});
  if (!parsed.success) return { ok: false, error: describeZodError(parsed.error) };
  const thresholds = parseThresholds(parsed.data.thresholds);
  if (!thresholds.ok) return { ok: false, error: thresholds.errors.join('; ') };
  const before = await readOrganizationSettings(actor.organizationId);
  const changed = [
    ...diffKeys('thresholds', before.thresholds, parsed.data.thresholds),
    ...diffKeys('security', before.security, parsed.data.security),
  ];
  await db().organization.update({ where: { id: actor.organizationId }, data: { settings: parsed.data as object } });
  await recordAudit(actor, { action: 'settings.update', targetType: 'organization', targetId: actor.organizationId, outcome: 'success', detail: { changed } });
  return { ok: true, changed };
}

function diffKeys(prefix: string, a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k])).map((k) => `${prefix}.${k}`);
}
