// Reading and rewriting package ZIPs in tests (tampering is done by rebuilding the archive with
// one entry changed, as an attacker with the file would).
import fs from 'node:fs';
import yazl from 'yazl';
import { walkZip } from '@/lib/evidence/zip-archive';

export async function readPackage(file: string): Promise<Map<string, Buffer>> {
  const entries = new Map<string, Buffer>();
  await walkZip(file, async (entry) => {
    const chunks: Buffer[] = [];
    for await (const chunk of await entry.open()) chunks.push(chunk as Buffer);
    entries.set(entry.name, Buffer.concat(chunks));
  });
  return entries;
}

export async function writePackage(file: string, entries: Map<string, Buffer>): Promise<void> {
  const zip = new yazl.ZipFile();
  const done = new Promise<void>((resolve, reject) => zip.outputStream.pipe(fs.createWriteStream(file)).on('close', resolve).on('error', reject));
  for (const [name, data] of entries) zip.addBuffer(data, name);
  zip.end();
  await done;
}

/** Copies a package with some entries replaced (undefined = removed). */
export async function tamper(source: string, target: string, changes: Record<string, Buffer | undefined>): Promise<void> {
  const entries = await readPackage(source);
  for (const [name, data] of Object.entries(changes)) {
    if (data === undefined) entries.delete(name);
    else entries.set(name, data);
  }
  await writePackage(target, entries);
}
