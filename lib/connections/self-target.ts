// A self-hosted Redis/Valkey target as the app stores it (field names as the CLI's targets): non-secret settings in Connection.config,
// secrets (password, PEM private key) sealed in Connection.secretCiphertext.
import { z } from 'zod';
import { replicaUrlsSchema } from '../scan/replica-urls';

const pemOrPath = (what: string) =>
  z
    .string()
    .trim()
    .max(20_000, `${what} is too long`)
    .optional()
    .transform((v) => (v ? v : undefined));

export const selfTargetConfigSchema = z
  .object({
    url: z
      .string()
      .trim()
      .url('Enter a redis:// or rediss:// URL, e.g. rediss://10.0.0.5:6380')
      .refine((u) => /^rediss?:\/\//.test(u), 'The URL must start with redis:// (plaintext) or rediss:// (TLS).')
      // zod runs refinements after a failed check too: a URL that does not parse is reported above.
      .refine((u) => !URL.canParse(u) || !new URL(u).password, 'Do not put the password in the URL; use the password field (it is stored encrypted).'),
    /** ACL user the scanner signs in as (see docs/scanner-acl.md). */
    user: z.string().trim().max(200).optional().transform((v) => v || undefined),
    /** CA certificate: PEM text or a path readable by the server. */
    ca: pemOrPath('CA certificate'),
    /** Client certificate for mutual TLS: PEM text or a path. */
    cert: pemOrPath('Client certificate'),
    /** Client key file path (PEM text of a key is a secret and goes to secrets.keyPem). */
    key: pemOrPath('Client key path').refine((v) => !v || !v.includes('-----BEGIN'), 'Paste a private key into the secret key field, not here: it must be stored encrypted.'),
    servername: z.string().trim().max(253).optional().transform((v) => v || undefined),
    environment: z.string().trim().max(60).optional().transform((v) => v || undefined),
    /** Replicas of this primary (same credentials and TLS material): the keyspace audit prefers one. */
    replicas: replicaUrlsSchema.optional(),
  })
  .strict();

export type SelfTargetConfig = z.infer<typeof selfTargetConfigSchema>;

export const selfTargetSecretsSchema = z
  .object({
    password: z.string().max(1000).optional().transform((v) => v || undefined),
    keyPem: z.string().max(20_000).optional().transform((v) => v || undefined),
  })
  .strict();

export type SelfTargetSecrets = z.infer<typeof selfTargetSecretsSchema>;

/** The endpoint as shown and used as the instance's resource id: scheme://host:port, nothing else. */
export function endpointOf(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.hostname}:${u.port || '6379'}`;
}
