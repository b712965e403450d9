// What webhook receivers get about a finding (no evidence values: those stay in the app).
import { controlMeta, isControlId } from '../controls/catalog';
import { appLink } from '../webhooks/events';

export interface PayloadFinding {
  id: string;
  controlId: string;
  severity: string;
  state: string;
  firstDetectedAt: Date;
  dueAt: Date;
  instanceId: string;
}

export function controlTitle(controlId: string): string {
  return isControlId(controlId) ? controlMeta(controlId).title : controlId;
}

export function findingPayload(finding: PayloadFinding, instanceName: string): Record<string, unknown> {
  return {
    finding: {
      id: finding.id,
      controlId: finding.controlId,
      title: controlTitle(finding.controlId),
      severity: finding.severity,
      state: finding.state,
      firstDetectedAt: finding.firstDetectedAt.toISOString(),
      dueAt: finding.dueAt.toISOString(),
      instance: { id: finding.instanceId, name: instanceName },
      url: appLink(`/findings/${finding.id}`),
    },
  };
}
