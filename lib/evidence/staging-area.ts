// A temporary folder the package's files are written to before they are zipped. Every file is
// hashed while it is written (one pass, constant memory), so the manifest needs no second read.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';

export interface StagedFile {
  /** Path inside the package, with forward slashes. */
  path: string;
  sha256: string;
  size: number;
}

export type Chunks = Iterable<string | Buffer> | AsyncIterable<string | Buffer>;

/** One file being written: hashes and counts what passes, and waits when the disk is behind. */
export class FileWriter {
  private readonly hash = crypto.createHash('sha256');
  private size = 0;

  constructor(
    readonly path: string,
    private readonly stream: fs.WriteStream,
    private readonly onClose: (file: StagedFile) => void,
  ) {}

  async write(chunk: string | Buffer): Promise<void> {
    const data = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    if (data.length === 0) return;
    this.hash.update(data);
    this.size += data.length;
    if (!this.stream.write(data)) await once(this.stream, 'drain');
  }

  async close(): Promise<StagedFile> {
    this.stream.end();
    await finished(this.stream);
    const file = { path: this.path, sha256: this.hash.digest('hex'), size: this.size };
    this.onClose(file);
    return file;
  }
}

export class StagingArea {
  private readonly staged = new Map<string, StagedFile>();
  private readonly opened = new Set<string>();

  constructor(
    readonly root: string,
    private readonly onFinished: (file: StagedFile, absolutePath: string) => void,
  ) {}

  /** `onFinished` is called as each file is complete (the package ZIP takes it from there). */
  static async create(parent: string, onFinished: (file: StagedFile, absolutePath: string) => void): Promise<StagingArea> {
    await fs.promises.mkdir(parent, { recursive: true });
    return new StagingArea(await fs.promises.mkdtemp(path.join(parent, 'staging-')), onFinished);
  }

  absolute(packagePath: string): string {
    return path.join(this.root, ...packagePath.split('/'));
  }

  /** Opens a file of the package for writing in several steps (several files can be open). */
  async open(packagePath: string): Promise<FileWriter> {
    if (this.staged.has(packagePath) || this.opened.has(packagePath)) throw new Error(`${packagePath} was written twice`);
    this.opened.add(packagePath);
    const target = this.absolute(packagePath);
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    return new FileWriter(packagePath, fs.createWriteStream(target), (file) => {
      this.staged.set(packagePath, file);
      this.onFinished(file, target);
    });
  }

  /** Streams chunks into a file of the package, hashing them on the way. */
  async write(packagePath: string, chunks: Chunks): Promise<StagedFile> {
    const writer = await this.open(packagePath);
    for await (const chunk of chunks) await writer.write(chunk);
    return writer.close();
  }

  /** Every staged file, sorted by path. */
  files(): StagedFile[] {
    return [...this.staged.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  async remove(): Promise<void> {
    await fs.promises.rm(this.root, { recursive: true, force: true });
  }
}

/**
 * Chunks are kept under this many characters: strings above ~128 KB are allocated straight into
 * V8's old generation, which then grows (and is collected) as if they lived long; small ones die
 * young and cheaply.
 */
const CHUNK_CHARS = 32 * 1024;

/** A JSON array written as it is produced: one element per line, in chunks of bounded size. */
export async function* jsonArrayChunks(pages: AsyncIterable<string[]>): AsyncGenerator<string> {
  let separator = '[\n';
  let chunk: string[] = [];
  let length = 0;
  for await (const page of pages) {
    for (const element of page) {
      chunk.push(separator, element);
      length += element.length + 2;
      separator = ',\n';
      if (length >= CHUNK_CHARS) {
        yield chunk.join('');
        chunk = [];
        length = 0;
      }
    }
  }
  chunk.push(separator === '[\n' ? '[]\n' : '\n]\n');
  yield chunk.join('');
}
