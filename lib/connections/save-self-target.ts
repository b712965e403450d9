// Creates or updates a self-hosted target: its Connection (secrets sealed) and its Instance.
// A self-hosted connection has exactly one instance, whose resource id is the endpoint.
import { recordAudit, type AuditActor } from '../audit-log/record-audit';
import { encryptSecrets } from '../crypto/secrets';
import { db } from '../db/client';
import { endpointOf, selfTargetConfigSchema, selfTargetSecretsSchema } from './self-target';

export interface SaveSelfTargetInput {
  organizationId: string;
  name: string;
  config: unknown;
  secrets: unknown;
  tags?: Record<string, string>;
}

export async function saveSelfTarget(actor: AuditActor | null, input: SaveSelfTargetInput) {
  const config = selfTargetConfigSchema.parse(input.config);
  const secrets = selfTargetSecretsSchema.parse(input.secrets);
  const sealed = secrets.password || secrets.keyPem ? encryptSecrets(secrets, `connection:${input.organizationId}:${input.name}`) : null;
  const connection = await db().connection.upsert({
    where: { organizationId_name: { organizationId: input.organizationId, name: input.name } },
    create: { organizationId: input.organizationId, kind: 'self', name: input.name, config, secretCiphertext: sealed },
    update: { config, secretCiphertext: sealed },
  });
  const endpoint = endpointOf(config.url);
  const now = new Date();
  const existing = await db().instance.findFirst({ where: { connectionId: connection.id } });
  const data = { resourceId: endpoint, name: input.name, environment: config.environment ?? null, tags: input.tags ?? {}, lastSeenAt: now, goneAt: null };
  const instance = existing
    ? await db().instance.update({ where: { id: existing.id }, data })
    : await db().instance.create({ data: { ...data, organizationId: input.organizationId, connectionId: connection.id, provider: 'self', platform: 'self', firstSeenAt: now } });
  await recordAudit(actor, { action: existing ? 'connection.update' : 'connection.create', targetType: 'connection', targetId: connection.id, outcome: 'success', detail: { kind: 'self', endpoint } });
  return { connection, instance };
}
