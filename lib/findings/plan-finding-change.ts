// What one control result means for the (instance, control) finding — pure, so the lifecycle rules
// are tested without a database. Re-applying a result that is not newer than the last one reconciled
// is a no-op: that makes reconciliation idempotent (a resumed run never doubles anything).
import type { ControlStatus, Severity } from '../controls/types';
import { transition, type FindingEventName, type FindingState } from './lifecycle';
import { dueDateFor, type SlaDays } from './sla';

export interface ObservedResult {
  controlId: string;
  status: ControlStatus;
  severity: Severity;
}

export interface ExistingFinding {
  state: FindingState;
  severity: string;
  lastStatus: string | null;
  lastEvaluatedAt: Date | null;
}

export type FindingChange =
  | { kind: 'none' }
  | { kind: 'create'; state: 'open'; severity: Severity; dueAt: Date }
  | {
      kind: 'update';
      event: FindingEventName;
      from: FindingState;
      to: FindingState;
      severity: Severity;
      /** The control was evaluated (pass or fail): lastVerifiedAt moves. */
      verified: boolean;
      /** The control failed: lastDetectedAt moves. */
      detected: boolean;
      /** First unverified result after a verified one: worth a history line. */
      lostVerification: boolean;
    };

const VERIFIED: readonly string[] = ['pass', 'fail'];

function scanEvent(status: ControlStatus): FindingEventName {
  if (status === 'fail') return 'scan_fail';
  if (status === 'pass') return 'scan_pass';
  return 'scan_unverified';
}

export function planFindingChange(existing: ExistingFinding | null, result: ObservedResult, evaluatedAt: Date, sla: SlaDays): FindingChange {
  if (!existing) {
    return result.status === 'fail' ? { kind: 'create', state: 'open', severity: result.severity, dueAt: dueDateFor(evaluatedAt, result.severity, sla) } : { kind: 'none' };
  }
  if (existing.lastEvaluatedAt && existing.lastEvaluatedAt.getTime() >= evaluatedAt.getTime()) return { kind: 'none' };
  const event = scanEvent(result.status);
  const outcome = transition(existing.state, event);
  // Scan events are defined for every state (tested); a refusal here is a broken table.
  if (!outcome.ok) throw new Error(outcome.reason);
  const verified = VERIFIED.includes(result.status);
  return {
    kind: 'update',
    event,
    from: existing.state,
    to: outcome.to,
    severity: result.severity,
    verified,
    detected: result.status === 'fail',
    lostVerification: !verified && existing.lastStatus !== null && VERIFIED.includes(existing.lastStatus),
  };
}
