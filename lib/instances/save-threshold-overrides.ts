// Per-instance threshold overrides (catalog §1.7 (i) keys — key classes, keyspace budgets, value
// sampling): YAML or JSON text from the instance page, validated against the organisation's
// thresholds with messages naming the key, stored on Instance.thresholdOverrides ({} = none).
import { parse as parseYaml, stringify as toYaml } from 'yaml';
import { recordAudit, type AuditActor } from '../audit-log/record-audit';
import { parseInstanceOverrides } from '../controls/thresholds';
import { db } from '../db/client';
import { organizationThresholds } from '../scan-runs/organization-thresholds';

export type SaveOverridesResult = { ok: true; message: string } | { ok: false; error: string };

/** The stored overrides as YAML for the form ('' when none). */
export function overridesText(overrides: unknown): string {
  return overrides && typeof overrides === 'object' && Object.keys(overrides).length > 0 ? toYaml(overrides) : '';
}

export async function saveThresholdOverrides(actor: AuditActor & { organizationId: string }, instanceId: string, text: string): Promise<SaveOverridesResult> {
  const instance = await db().instance.findFirst({ where: { id: instanceId, organizationId: actor.organizationId }, include: { organization: true } });
  if (!instance) return { ok: false, error: 'No such instance in your organisation.' };
  let overrides: Record<string, unknown> | null = null;
  if (text.trim()) {
    let raw: unknown;
    try {
      raw = parseYaml(text);
    } catch (err) {
      return { ok: false, error: `Not valid YAML or JSON: ${(err as Error).message.split('\n')[0]}` };
    }
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, error: 'Give a mapping of threshold names to values, e.g. "keyspaceMaxOpsPerSec: 20000".' };
    const parsed = parseInstanceOverrides(organizationThresholds(instance.organization.settings), raw);
    if (!parsed.ok) return { ok: false, error: parsed.errors.join('; ') };
    overrides = raw as Record<string, unknown>;
  }
  // Cleared overrides are stored as {} (no key overrides anything).
  await db().instance.update({ where: { id: instance.id }, data: { thresholdOverrides: (overrides ?? {}) as object } });
  await recordAudit(actor, {
    action: 'instance.thresholds.update',
    targetType: 'instance',
    targetId: instance.id,
    outcome: 'success',
    detail: { keys: overrides ? Object.keys(overrides) : [] },
  });
  return { ok: true, message: overrides ? `Saved: ${Object.keys(overrides).join(', ')} override the organisation's values from the next scan.` : 'Cleared: the organisation\'s thresholds apply.' };
}
