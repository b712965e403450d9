// Where the app keeps its local files (SQLite database, generated keys, stored attachments).
import path from 'node:path';

export function dataDir(): string {
  return process.env.APP_DATA_DIR ? path.resolve(process.env.APP_DATA_DIR) : path.resolve(/* turbopackIgnore: true */ process.env.APP_ROOT ?? process.cwd(), 'data');
}
