// The package as one ZIP: entries in path order with a fixed timestamp and mode, so the archive
// carries nothing about when or where it was built. Reading walks the entries one at a time.
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import yazl from 'yazl';
import type { StagingArea } from './staging-area';

const FIXED_MTIME = new Date(Date.UTC(2000, 0, 1));
const FILE_MODE = 0o100644;

/** Writes every staged file into `outFile` (through a temporary name, renamed when complete). */
export async function writeZip(staging: StagingArea, outFile: string): Promise<void> {
  const zip = new yazl.ZipFile();
  const partial = `${outFile}.partial`;
  const written = pipeline(zip.outputStream, fs.createWriteStream(partial));
  for (const file of staging.files()) {
    // Already-compressed PDF streams gain little from deflate; the JSON and CSV gain a lot.
    zip.addFile(staging.absolute(file.path), file.path, { mtime: FIXED_MTIME, mode: FILE_MODE, compress: !file.path.endsWith('.pdf') });
  }
  zip.end();
  try {
    await written;
    await fs.promises.rename(partial, outFile);
  } catch (err) {
    await fs.promises.rm(partial, { force: true });
    throw err;
  }
}

export class ZipReadError extends Error {}

export interface ZipEntryVisit {
  name: string;
  /** Uncompressed size declared by the archive. */
  size: number;
  open(): Promise<Readable>;
}

/** Calls `visit` for every file entry, one after the other (directories are skipped). */
export async function walkZip(file: string, visit: (entry: ZipEntryVisit) => Promise<void>): Promise<void> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: true }, (err, z) => (err || !z ? reject(new ZipReadError(`not a readable ZIP archive: ${err?.message ?? 'unknown error'}`)) : resolve(z))),
  );
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', (err: Error) => reject(new ZipReadError(`the ZIP archive is damaged: ${err.message}`)));
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        const open = () =>
          new Promise<Readable>((res, rej) => zip.openReadStream(entry, (err, stream) => (err || !stream ? rej(new ZipReadError(`cannot read ${entry.fileName}: ${err?.message}`)) : res(stream))));
        visit({ name: entry.fileName, size: entry.uncompressedSize, open }).then(() => zip.readEntry(), reject);
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
}
