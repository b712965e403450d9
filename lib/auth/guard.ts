import 'server-only';
// The one authorization gate. Pages call requirePage(), server actions requireAction(), route
// handlers are wrapped by withPermission(). Each reloads the account, so role changes, disabled
// accounts and ended auditor windows apply to the very next request.
import { getServerSession } from 'next-auth';
import { forbidden, redirect } from 'next/navigation';
import { NextResponse } from 'next/server';
import { recordAudit } from '../audit-log/record-audit';
import { db } from '../db/client';
import { answerDatabaseRefusals, rethrowUnavailable } from '../db/unavailable';
import { accessDecision } from './access-window';
import { authOptions } from './options';
import { checkSession } from './sessions';
import { totpRequiredFor } from './totp';
import { can, isRole, type Permission, type Role } from './roles';

export interface AppUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  organizationId: string;
  validUntil: Date | null;
  /** Policy requires a second factor for this role and none is set up yet: only account security is open. */
  mustEnrolTotp: boolean;
}

export type SessionState = { state: 'anonymous' } | { state: 'refused'; reason: string } | { state: 'ok'; user: AppUser };

export async function sessionState(): Promise<SessionState> {
  const session = (await getServerSession(authOptions)) as { uid?: string; sid?: string } | null;
  if (!session?.uid || !session.sid) return { state: 'anonymous' };
  const check = await checkSession(session.sid);
  if (!check.valid) return check.reason ? { state: 'refused', reason: check.reason } : { state: 'anonymous' };
  const account = await db().user.findUnique({ where: { id: check.userId }, include: { organization: { select: { settings: true } } } });
  if (!account || !isRole(account.role)) return { state: 'anonymous' };
  const decision = accessDecision(account);
  if (!decision.allowed) return { state: 'refused', reason: decision.reason };
  return {
    state: 'ok',
    user: {
      id: account.id,
      email: account.email,
      name: account.name,
      role: account.role,
      organizationId: account.organizationId,
      validUntil: account.validUntil,
      mustEnrolTotp: !account.totpEnabledAt && totpRequiredFor(account.role, account.organization.settings),
    },
  };
}

/** For pages: signs out-of-window users out, 403s roles without the permission. */
export async function requirePage(permission: Permission): Promise<AppUser> {
  const s = await sessionState();
  if (s.state === 'anonymous') redirect('/signin');
  if (s.state === 'refused') redirect(`/signin?error=${encodeURIComponent(s.reason)}`);
  if (s.user.mustEnrolTotp && permission !== 'account:manage') redirect('/account/security?required=1');
  if (!can(s.user.role, permission)) forbidden();
  return s.user;
}

export class AuthorizationError extends Error {
  constructor(
    message: string,
    readonly status: 401 | 403,
  ) {
    super(message);
  }
}

/** For server actions: throws AuthorizationError (and audits the refusal) instead of redirecting. */
export async function requireAction(permission: Permission, action: string): Promise<AppUser> {
  // Actions show their errors' messages: a database that is down gets the clear one, not Prisma's.
  const s = await sessionState().catch(rethrowUnavailable);
  if (s.state !== 'ok') {
    await recordAudit(null, { action, outcome: 'denied', detail: { reason: s.state === 'refused' ? s.reason : 'not signed in' } });
    throw new AuthorizationError(s.state === 'refused' ? s.reason : 'Sign in first.', 401);
  }
  if (s.user.mustEnrolTotp && permission !== 'account:manage') {
    await recordAudit(s.user, { action, outcome: 'denied', detail: { reason: 'second factor not set up' } });
    throw new AuthorizationError('Set up your second factor first (Account security).', 403);
  }
  if (!can(s.user.role, permission)) {
    await recordAudit(s.user, { action, outcome: 'denied', detail: { reason: `role ${s.user.role} lacks ${permission}` } });
    throw new AuthorizationError(`Your role (${s.user.role}) may not do this.`, 403);
  }
  return s.user;
}

type RouteContext = { params: Promise<Record<string, string | string[]>> };
type Handler = (request: Request, context: RouteContext & { user: AppUser }) => Promise<Response>;

/** For route handlers: 401 without a valid session, 403 without the permission, 503 while the database is unavailable. */
export function withPermission(permission: Permission, handler: Handler) {
  return answerDatabaseRefusals(async (request: Request, context: RouteContext): Promise<Response> => {
    const s = await sessionState();
    if (s.state !== 'ok') {
      return NextResponse.json({ error: s.state === 'refused' ? s.reason : 'Sign in first (no valid session).' }, { status: 401 });
    }
    if (s.user.mustEnrolTotp && permission !== 'account:manage') {
      return NextResponse.json({ error: 'Set up your second factor first (Account security).' }, { status: 403 });
    }
    if (!can(s.user.role, permission)) {
      if (request.method !== 'GET') await recordAudit(s.user, { action: `api ${request.method} ${new URL(request.url).pathname}`, outcome: 'denied' });
      return NextResponse.json({ error: `Your role (${s.user.role}) may not do this (needs ${permission}).` }, { status: 403 });
    }
    return handler(request, { ...context, user: s.user });
  });
}
