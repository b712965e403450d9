// zod runs a schema's refinements even after its .url() check failed: refinements that read the URL
// must not throw on text that does not parse (a thrown TypeError was a 500 from the form's action).
import { describe, expect, it } from 'vitest';
import { selfTargetConfigSchema } from '@/lib/connections/self-target';
import { createWebhookEndpoint } from '@/lib/webhooks/manage-webhook-endpoints';

const notUrls = ['', 'abc', '\u001d\u0005\u0016', 'http://', '::::'];
const actor = { id: 'u1', organizationId: 'o1', email: 'a@example.org', role: 'admin' as const };

describe('URL fields answer with a message for text that is no URL', () => {
  it.each(notUrls)('self-hosted target url %j', (url) => {
    const parsed = selfTargetConfigSchema.safeParse({ url });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0].message).toMatch(/redis:\/\/ or rediss:\/\/ URL/);
  });

  it.each(notUrls)('webhook receiver url %j', async (url) => {
    expect(await createWebhookEndpoint(actor, { url, events: ['finding.opened'] })).toEqual({ ok: false, error: expect.stringMatching(/receiver URL/) });
  });

  it('still refuses credentials in a URL that parses', async () => {
    expect(selfTargetConfigSchema.safeParse({ url: 'rediss://:secret@10.0.0.5:6380' }).error?.issues[0].message).toMatch(/password/);
    expect(await createWebhookEndpoint(actor, { url: 'https://user:pw@hooks.example.org/x', events: ['finding.opened'] })).toEqual({ ok: false, error: expect.stringMatching(/credentials/) });
  });
});
