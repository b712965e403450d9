// The package as one ZIP with a fixed timestamp and mode per entry, so the archive carries nothing
// about when or where it was built. Files join the archive as soon as they are complete (a
// deterministic order: the order they are produced in), so zlib compresses them on its own thread
// while the next file is being produced. Reading walks the entries one at a time.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import yazl from 'yazl';

const FIXED_MTIME = new Date(Date.UTC(2000, 0, 1));
const FILE_MODE = 0o100644;

/** Writes `outFile` through a temporary name, renamed only once the archive is complete. */
export class ZipWriter {
  private readonly zip = new yazl.ZipFile();
  private readonly partial: string;
  private readonly written: Promise<void>;
  private readonly hash = crypto.createHash('sha256');
  private size = 0;

  constructor(private readonly outFile: string) {
    this.partial = `${outFile}.partial`;
    // The archive's own digest is taken on the way to disk (no second read of a large file).
    const tap = new Transform({
      transform: (chunk: Buffer, _encoding, done) => {
        this.hash.update(chunk);
        this.size += chunk.length;
        done(null, chunk);
      },
    });
    this.written = pipeline(this.zip.outputStream, tap, fs.createWriteStream(this.partial));
    // Observed by finish() or abort(); never an unhandled rejection meanwhile.
    this.written.catch(() => undefined);
  }

  /** Adds a finished file; it is read (and compressed) when its turn comes. */
  add(absolutePath: string, name: string): void {
    // Already-compressed PDF streams gain little from deflate; the JSON and CSV gain a lot.
    this.zip.addFile(absolutePath, name, { mtime: FIXED_MTIME, mode: FILE_MODE, compress: !name.endsWith('.pdf') });
  }

  /** Completes the archive; returns its SHA-256 (hex) and size. */
  async finish(): Promise<{ sha256: string; size: number }> {
    this.zip.end();
    try {
      await this.written;
      await fs.promises.rename(this.partial, this.outFile);
      return { sha256: this.hash.digest('hex'), size: this.size };
    } catch (err) {
      await fs.promises.rm(this.partial, { force: true });
      throw err;
    }
  }

  /** Gives up on a build that failed: closes and removes the partial archive. */
  async abort(): Promise<void> {
    (this.zip.outputStream as Readable).destroy();
    await this.written.catch(() => undefined);
    await fs.promises.rm(this.partial, { force: true });
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
