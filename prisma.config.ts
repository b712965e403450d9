// Prisma CLI configuration. The engine follows DATABASE_URL: a postgres URL selects the rendered
// PostgreSQL schema and its migrations; anything else is the embedded SQLite default.
import { defineConfig } from 'prisma/config';
import { databaseTarget } from './lib/db/target';

const target = databaseTarget();

export default defineConfig({
  schema: target.schemaPath,
  migrations: { path: target.migrationsPath },
  datasource: { url: target.url },
});
