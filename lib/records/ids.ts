// Ids for rows whose id is needed before the insert (an attachment's file is written first).
import { randomBytes } from 'node:crypto';

export function createId(): string {
  return `a${Date.now().toString(36)}${randomBytes(8).toString('hex')}`;
}
