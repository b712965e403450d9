// Remediation due dates (catalog §1.3, threshold `remediationSlaDays`). The due date is computed once,
// at first detection, and never moves: a later severity change or a reopen keeps it.
import type { Severity } from '../controls/types';
import type { Thresholds } from '../controls/thresholds';
import { isActive } from './lifecycle';

export type SlaDays = Thresholds['remediationSlaDays'];

const DAY_MS = 86_400_000;

export function dueDateFor(firstDetectedAt: Date, severity: Severity, sla: SlaDays): Date {
  return new Date(firstDetectedAt.getTime() + sla[severity] * DAY_MS);
}

export function isOverdue(finding: { state: string; dueAt: Date }, now: Date): boolean {
  return isActive(finding.state) && finding.dueAt.getTime() < now.getTime();
}
