// Case-insensitive "contains" on both engines: SQLite's LIKE already ignores ASCII case; PostgreSQL
// needs Prisma's insensitive mode (which the SQLite client does not accept).
import { databaseTarget } from '../db/target';

export function containsText(text: string): { contains: string } {
  return databaseTarget().engine === 'postgresql' ? ({ contains: text, mode: 'insensitive' } as { contains: string }) : { contains: text };
}
