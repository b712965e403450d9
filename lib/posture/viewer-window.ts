// What an auditor may see: only their access window (User.validFrom … validUntil, and never the
// future). Other roles see everything. The session user carries no validFrom, so it is loaded here.
import { db } from '../db/client';
import { addDays, utcDay } from './day';

export interface ViewerWindow {
  /** Earliest instant (null: open start). */
  start: Date | null;
  /** Latest instant: the end of the window or now, whichever is first. */
  end: Date;
  /** The same as UTC days, for day-based views (trend, explorer period). */
  fromDay: string | null;
  toDay: string;
}

export async function viewerWindow(user: { id: string; role: string; organizationId: string }, now = new Date()): Promise<ViewerWindow | null> {
  if (user.role !== 'auditor') return null;
  const account = await db().user.findFirst({ where: { id: user.id, organizationId: user.organizationId }, select: { validFrom: true, validUntil: true } });
  const start = account?.validFrom ?? null;
  // (An auditor without validUntil cannot sign in at all: lib/auth/access-window.ts.)
  const end = account?.validUntil && account.validUntil < now ? account.validUntil : now;
  return { start, end, fromDay: start ? utcDay(start) : null, toDay: utcDay(end) };
}

/** Clamps a day range to the window: the part of [from, to] the viewer may see (null: none of it). */
export function clampDays(range: { from: string; to: string }, window: ViewerWindow | null): { from: string; to: string } | null {
  if (!window) return range;
  const from = window.fromDay && window.fromDay > range.from ? window.fromDay : range.from;
  const to = window.toDay < range.to ? window.toDay : range.to;
  return from <= to ? { from, to } : null;
}

/** The default period of an auditor's views: the whole window, or its last 90 days when it has no start. */
export function windowDays(window: ViewerWindow): { from: string; to: string } {
  return { from: window.fromDay ?? addDays(window.toDay, -89), to: window.toDay };
}
