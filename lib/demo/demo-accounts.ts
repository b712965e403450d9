// The demo organisation's sign-ins, one per role. Printed by the start script; for local
// evaluation only (the demo is skipped with DEMO=0).
import type { Role } from '../auth/roles';

export interface DemoAccount {
  role: Role;
  email: string;
  name: string;
  password: string;
}

export const DEMO_ORG = { name: 'Demo Health System', slug: 'demo' };

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { role: 'admin', email: 'admin@demo.local', name: 'Avery Admin', password: 'demo-admin-passphrase' },
  { role: 'officer', email: 'officer@demo.local', name: 'Olivia Officer', password: 'demo-officer-passphrase' },
  { role: 'engineer', email: 'engineer@demo.local', name: 'Eli Engineer', password: 'demo-engineer-passphrase' },
  { role: 'auditor', email: 'auditor@demo.local', name: 'Aubrey Auditor', password: 'demo-auditor-passphrase' },
];
