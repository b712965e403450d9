// Which database engine DATABASE_URL selects, and where its schema and migrations live.
// Shared by prisma.config.ts, the runtime client and the setup scripts (no server-only import).
import path from 'node:path';

export type DatabaseEngine = 'sqlite' | 'postgresql';

export interface DatabaseTarget {
  engine: DatabaseEngine;
  url: string;
  schemaPath: string;
  migrationsPath: string;
}

// Next.js bundles server code (so __dirname is not the source folder); every entry point runs from
// the project root, and APP_ROOT overrides that.
const ROOT = path.resolve(/* turbopackIgnore: true */ process.env.APP_ROOT ?? process.cwd());

export function defaultSqliteUrl(): string {
  return `file:${path.join(ROOT, 'data', 'app.db')}`;
}

export function databaseTarget(url = process.env.DATABASE_URL || defaultSqliteUrl()): DatabaseTarget {
  const engine: DatabaseEngine = /^postgres(ql)?:\/\//.test(url) ? 'postgresql' : 'sqlite';
  if (engine === 'sqlite' && !url.startsWith('file:')) {
    throw new Error(`DATABASE_URL must be a postgres:// URL or a SQLite file: URL, got "${url.split(':')[0]}:…"`);
  }
  return {
    engine,
    url,
    schemaPath: engine === 'sqlite' ? path.join(ROOT, 'prisma', 'schema.prisma') : path.join(ROOT, 'lib', 'generated', 'schema.postgresql.prisma'),
    migrationsPath: path.join(ROOT, 'prisma', 'migrations', engine),
  };
}
