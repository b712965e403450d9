// Where the e2e server keeps its database, shared with the specs (they inspect and change records).
import os from 'node:os';
import path from 'node:path';

export const E2E_DATA_DIR = process.env.E2E_DATA_DIR ?? path.join(os.tmpdir(), `rcd-e2e-${process.env.E2E_PORT ?? 3100}`);
export const E2E_DB_FILE = path.join(E2E_DATA_DIR, 'app.db');
export const EXPIRED_AUDITOR = { email: 'expired-auditor@demo.local', password: 'expired-auditor-passphrase' };
export const LOCKOUT_USER = { email: 'lockout-target@demo.local', password: 'lockout-target-passphrase' };
export const TOTP_USER = { email: 'totp-user@demo.local', password: 'totp-user-passphrase' };
