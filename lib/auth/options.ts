import 'server-only';
// next-auth configuration: e-mail + password, and OIDC when configured. The JWT cookie carries only a
// server-side session id (lib/auth/sessions.ts); the guard checks that session and reloads the account
// on every request, so inactivity, sign-out, a disabled account, a changed role or an ended auditor
// window take effect immediately.
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { recordAudit } from '../audit-log/record-audit';
import { derivedKey } from '../crypto/keys';
import { db } from '../db/client';
import { verifyCredentials } from '../users/verify-credentials';
import { accessDecision } from './access-window';
import { createSession, endSession } from './sessions';
import { oidcProvider } from './oidc';

// Upper bound for the cookie; the real lifetime and idle timeout are enforced server-side.
const SESSION_MAX_AGE_SECONDS = 24 * 60 * 60;

export function authSecret(): string {
  return process.env.NEXTAUTH_SECRET || derivedKey('session').toString('hex');
}

export function buildAuthOptions(): NextAuthOptions {
  const oidc = oidcProvider();
  return {
    secret: authSecret(),
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: '/signin', error: '/signin' },
    providers: [
      CredentialsProvider({
        id: 'credentials',
        name: 'E-mail and password',
        credentials: { email: { label: 'E-mail', type: 'email' }, password: { label: 'Password', type: 'password' }, otp: { label: 'Authenticator code', type: 'text' } },
        async authorize(credentials) {
          const outcome = await verifyCredentials(credentials);
          // next-auth shows a thrown error's message on the sign-in page (?error=...).
          if (!outcome.ok) throw new Error(outcome.reason);
          return { id: outcome.user.id, email: outcome.user.email, name: outcome.user.name };
        },
      }),
      ...(oidc ? [oidc] : []),
    ],
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.provider !== 'oidc') return true;
        const email = (user.email ?? '').toLowerCase();
        const existing = email ? await db().user.findUnique({ where: { email } }) : null;
        const decision = existing ? accessDecision(existing) : { allowed: false as const, reason: 'no account for this e-mail; ask an administrator to add you' };
        if (!existing || !decision.allowed) {
          await recordAudit({ email, organizationId: existing?.organizationId }, { action: 'auth.sign-in.oidc', outcome: 'denied', detail: { reason: decision.allowed ? 'unknown' : decision.reason } });
          return `/signin?error=${encodeURIComponent(decision.allowed ? 'Access denied.' : decision.reason)}`;
        }
        await db().user.update({ where: { id: existing.id }, data: { oidcSubject: String(profile?.sub ?? user.id), lastLoginAt: new Date() } });
        await recordAudit({ id: existing.id, email, organizationId: existing.organizationId }, { action: 'auth.sign-in.oidc', outcome: 'success' });
        user.id = existing.id;
        return true;
      },
      async jwt({ token, user }) {
        if (user) {
          token.uid = user.id;
          token.sid = (await createSession(user.id)).id;
        }
        return token;
      },
      async session({ session, token }) {
        return { ...session, uid: token.uid, sid: token.sid };
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.sid === 'string') await endSession(token.sid, 'sign-out');
        const user = typeof token?.uid === 'string' ? await db().user.findUnique({ where: { id: token.uid }, select: { id: true, email: true, organizationId: true } }) : null;
        if (user) await recordAudit(user, { action: 'auth.sign-out', outcome: 'success' });
      },
    },
  };
}

export const authOptions = buildAuthOptions();
