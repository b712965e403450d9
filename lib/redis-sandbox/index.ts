// Real redis-server sandboxes in named security postures (plain Node; shared by tests, the demo
// fleet, benchmarks and drills).
export { findFreePort } from './free-port';
export { createPki, type Pki } from './pki';
export { POSTURES, SCANNER_ACL_RULES, type PostureName, type SandboxUser, type SandboxUserRole } from './postures';
export { startSandbox, SandboxStartError, type StartedSandbox, type StartOptions } from './server';
export { startReplica, startSentinel, type StartedSentinel } from './topology';
export { startCluster, type StartedCluster } from './cluster';
export { connectSandbox } from './connect';
export { seedPhiProblems, type PhiSeedSummary } from './seed';
