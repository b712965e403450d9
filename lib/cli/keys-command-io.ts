// What the `keys` subcommands share: their I/O and the app database they work on.
import { db } from '@/lib/db/client';
import { appDatabaseExists } from './verify-command';

export interface KeysIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
}

/** Runs `work` against the app database (exit 2 when there is none) and disconnects afterwards. */
export async function withAppDatabase(io: KeysIo, work: () => Promise<number>): Promise<number> {
  if (!appDatabaseExists()) {
    io.stderr('error: no app database found: set DATABASE_URL, or run this where the app keeps data/app.db\n');
    return 2;
  }
  try {
    return await work();
  } finally {
    await db().$disconnect();
  }
}
