// What a control is evaluated against: one facts snapshot plus the context of catalog §1.1.

import type { ElastiCacheFacts, ElastiCacheServerlessFacts } from '../facts/aws';
import type { MemorystoreFacts } from '../facts/gcp';
import type { SelfHostedFacts } from '../facts/self-hosted';
import type { Thresholds } from './thresholds';
import type { ControlRecords, InstanceMetadata } from './types';

/** One stored facts snapshot, of any platform (catalog §1.4); `platform` tells them apart. */
export type FactsSnapshot = SelfHostedFacts | ElastiCacheFacts | ElastiCacheServerlessFacts | MemorystoreFacts;

/** The snapshots read from a cloud provider's control plane. */
export type CloudFacts = Exclude<FactsSnapshot, SelfHostedFacts>;

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

/** The context a platform's evaluator sees: a previous snapshot only when it is of the same platform. */
export type PlatformContext<F extends FactsSnapshot> = Omit<EvaluationContext, 'previousFacts'> & { previousFacts?: F };
