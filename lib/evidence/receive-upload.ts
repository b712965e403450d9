// Streams an uploaded package (a request body) to a temporary file, refusing anything larger than
// the limit, so verification reads it from disk instead of memory.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

export const UPLOAD_LIMIT_BYTES = 2 * 1024 * 1024 * 1024;

export class UploadTooLargeError extends Error {}

/** Writes the body to a temp file and returns its path and size; the caller removes the file. */
export async function receiveUpload(body: ReadableStream<Uint8Array> | null, limit = UPLOAD_LIMIT_BYTES): Promise<{ file: string; size: number; cleanup: () => Promise<void> }> {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'rcd-verify-'));
  const file = path.join(dir, 'package.zip');
  const cleanup = () => fs.promises.rm(dir, { recursive: true, force: true });
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > limit) done(new UploadTooLargeError(`The upload is larger than ${Math.round(limit / 1024 / 1024)} MB.`));
      else done(null, chunk);
    },
  });
  try {
    const source = body ? Readable.fromWeb(body as WebReadableStream<Uint8Array>) : Readable.from([]);
    await pipeline(source, counter, fs.createWriteStream(file));
  } catch (err) {
    await cleanup();
    throw err;
  }
  return { file, size, cleanup };
}
