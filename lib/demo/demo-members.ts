// Which demo instances exist and in which posture (data only: e2e specs import it without the DB).
import type { PostureName } from '../redis-sandbox/postures';

export interface DemoMember {
  name: string;
  posture: PostureName;
  environment: string;
  description: string;
}

export const DEMO_MEMBERS: DemoMember[] = [
  { name: 'demo-hardened', posture: 'hardened', environment: 'production', description: 'TLS-only with mutual TLS, ACL users, AOF + RDB' },
  { name: 'demo-insecure-defaults', posture: 'insecureDefaults', environment: 'production', description: 'plaintext, no authentication, default settings' },
  { name: 'demo-phi-cache', posture: 'phiProblems', environment: 'production', description: 'sessions without TTL and raw PHI-like values (fake data)' },
  { name: 'demo-legacy-tls', posture: 'legacyTls', environment: 'staging', description: 'accepts TLS 1.0/1.1 and still has a plaintext port' },
];
