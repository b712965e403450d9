// Who performs a findings/tickets/exceptions action (the signed-in user, or a test's fixture user).
import type { Role } from '../auth/roles';

export interface ActingUser {
  id: string;
  email: string;
  organizationId: string;
  role: Role;
}

export type ActionResult<T = object> = ({ ok: true } & T) | { ok: false; error: string };

/** The first zod issue as one sentence naming the field. */
export function firstIssue(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0];
  return issue.path.length ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message;
}
