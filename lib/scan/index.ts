// Scan orchestration shared by the CLI and the app: target input → probe → controls → results.
export { scanTarget, type ScanOptions } from './scan-target';
export { scanTargets, type ScanManyOptions } from './scan-targets';
export { resolveTarget, redactUrl, describeIssues, scanTargetInputSchema, TargetError, type ScanTargetInput } from './target';
export { missingFacts } from './missing-facts';
export type { ScanTargetResult, ScanProgressEvent, ScanProgressListener } from './types';
