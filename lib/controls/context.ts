// What a control is evaluated against: one facts snapshot plus the context of catalog §1.1.

import type { SelfHostedFacts } from '../facts/self-hosted';
import type { Thresholds } from './thresholds';
import type { ControlRecords, InstanceMetadata } from './types';

/** One stored facts snapshot. A union as the cloud platforms add their snapshot types. */
export type FactsSnapshot = SelfHostedFacts;

/** The latest snapshot of another instance (RED-NET-006 compares production with the rest). */
export interface FleetMember {
  instanceId: string;
  instance?: InstanceMetadata;
  facts: FactsSnapshot;
}

export interface EvaluationContext {
  thresholds: Thresholds;
  now: Date;
  /** The instance's previous snapshot (deltas: MON-*). */
  previousFacts?: FactsSnapshot;
  /** App records whose scope covers this instance; absent when the caller has no record store (CLI). */
  records?: ControlRecords;
  /** Latest snapshot of every other instance (RED-NET-006). */
  fleet?: FleetMember[];
  /** Inventory metadata: environment, classification, tags, network and zone labels. */
  instance?: InstanceMetadata;
}
