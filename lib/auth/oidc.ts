// Optional single sign-on (Okta, Entra ID, any OpenID Connect issuer) from environment variables.
// Accounts are still provisioned by an administrator; OIDC only proves who is signing in.
import type { OAuthConfig } from 'next-auth/providers/oauth';

interface OidcProfile {
  sub: string;
  email?: string;
  name?: string;
  preferred_username?: string;
}

export function oidcProvider(env: Record<string, string | undefined> = process.env): OAuthConfig<OidcProfile> | null {
  const { OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET } = env;
  if (!OIDC_ISSUER || !OIDC_CLIENT_ID || !OIDC_CLIENT_SECRET) return null;
  return {
    id: 'oidc',
    name: env.OIDC_NAME || 'Single sign-on',
    type: 'oauth',
    wellKnown: `${OIDC_ISSUER.replace(/\/$/, '')}/.well-known/openid-configuration`,
    authorization: { params: { scope: 'openid email profile' } },
    idToken: true,
    checks: ['pkce', 'state'],
    clientId: OIDC_CLIENT_ID,
    clientSecret: OIDC_CLIENT_SECRET,
    profile(profile) {
      return { id: profile.sub, email: (profile.email ?? profile.preferred_username ?? '').toLowerCase(), name: profile.name ?? profile.email ?? profile.sub };
    },
  };
}
