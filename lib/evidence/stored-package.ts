// Where the app keeps built packages: <app data dir>/evidence/<organisation id>/<package id>.zip.
// Rows store the path relative to the data dir, so the folder can move with its database.
import path from 'node:path';
import { dataDir } from '../app-data/paths';

export function packageRelativePath(organizationId: string, packageId: string): string {
  return path.posix.join('evidence', organizationId, `${packageId}.zip`);
}

export function packageAbsolutePath(relativePath: string): string {
  return path.join(dataDir(), ...relativePath.split('/'));
}

/** The file name offered to the browser: organisation, period and package id. */
export function downloadName(slug: string, from: string, to: string, packageId: string): string {
  return `evidence-${slug}-${from}-to-${to}-${packageId}.zip`.replace(/[^A-Za-z0-9._-]/g, '_');
}
