import { describe, expect, it } from 'vitest';
import { oidcProvider } from '@/lib/auth/oidc';

describe('optional OIDC single sign-on', () => {
  it('is off unless issuer, client id and secret are all set', () => {
    expect(oidcProvider({})).toBeNull();
    expect(oidcProvider({ OIDC_ISSUER: 'https://login.example.org', OIDC_CLIENT_ID: 'x' })).toBeNull();
  });

  it('uses the issuer discovery document, PKCE and state, and maps the profile by e-mail', () => {
    const provider = oidcProvider({ OIDC_ISSUER: 'https://hospital.okta.com/oauth2/default/', OIDC_CLIENT_ID: 'client', OIDC_CLIENT_SECRET: 'secret', OIDC_NAME: 'Okta' })!;
    expect(provider).toMatchObject({ id: 'oidc', name: 'Okta', type: 'oauth', idToken: true, checks: ['pkce', 'state'], clientId: 'client' });
    expect(provider.wellKnown).toBe('https://hospital.okta.com/oauth2/default/.well-known/openid-configuration');
    expect(provider.profile!({ sub: 'abc', email: 'Dr.Who@Hospital.org', name: 'Dr Who' }, {} as never)).toEqual({ id: 'abc', email: 'dr.who@hospital.org', name: 'Dr Who' });
  });
});
