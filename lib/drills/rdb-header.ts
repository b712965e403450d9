// The auxiliary fields at the start of an RDB file (`redis-ver`, `ctime`, …): `ctime` is when the
// snapshot was taken, the true reference point of a restore's RPO (a copied file's mtime may be
// later). Reads only the header; never the data that follows.
import { open } from 'node:fs/promises';

const AUX = 0xfa;
const HEADER_BYTES = 4096;

export interface RdbHeader {
  version: number;
  aux: Record<string, string>;
  /** `ctime` as an ISO time, when present. */
  createdAt: string | null;
}

class Reader {
  offset = 0;
  constructor(private readonly buf: Buffer) {}

  byte(): number {
    if (this.offset >= this.buf.length) throw new RangeError('RDB header truncated');
    return this.buf[this.offset++];
  }

  bytes(n: number): Buffer {
    if (this.offset + n > this.buf.length) throw new RangeError('RDB header truncated');
    const out = this.buf.subarray(this.offset, this.offset + n);
    this.offset += n;
    return out;
  }

  /** Length encoding: the length, or the special-encoding code for strings stored as integers / LZF. */
  length(): { len: number; special: number | null } {
    const first = this.byte();
    switch (first >> 6) {
      case 0:
        return { len: first & 0x3f, special: null };
      case 1:
        return { len: ((first & 0x3f) << 8) | this.byte(), special: null };
      case 2:
        if (first === 0x80) return { len: this.bytes(4).readUInt32BE(0), special: null };
        if (first === 0x81) return { len: Number(this.bytes(8).readBigUInt64BE(0)), special: null };
        throw new RangeError(`unknown RDB length byte 0x${first.toString(16)}`);
      default:
        return { len: 0, special: first & 0x3f };
    }
  }

  string(): string {
    const { len, special } = this.length();
    if (special === null) return this.bytes(len).toString('latin1');
    if (special === 0) return String(this.bytes(1).readInt8(0));
    if (special === 1) return String(this.bytes(2).readInt16LE(0));
    if (special === 2) return String(this.bytes(4).readInt32LE(0));
    if (special === 3) {
      // LZF-compressed: skip it (no header field we read is long enough to be compressed).
      const compressed = this.length().len;
      this.length();
      this.bytes(compressed);
      return '';
    }
    throw new RangeError(`unknown RDB string encoding ${special}`);
  }
}

/** Parses the header of an RDB file; null when the file does not start like one. */
export function parseRdbHeader(buf: Buffer): RdbHeader | null {
  if (buf.length < 9 || buf.subarray(0, 5).toString('latin1') !== 'REDIS') return null;
  const version = Number(buf.subarray(5, 9).toString('latin1'));
  if (!Number.isInteger(version)) return null;
  const reader = new Reader(buf);
  reader.offset = 9;
  const aux: Record<string, string> = {};
  try {
    while (reader.offset < buf.length && buf[reader.offset] === AUX) {
      reader.byte();
      const key = reader.string();
      aux[key] = reader.string();
    }
  } catch {
    // A header cut off by the read window still yields the fields read so far.
  }
  const ctime = Number(aux.ctime);
  return { version, aux, createdAt: Number.isFinite(ctime) && ctime > 0 ? new Date(ctime * 1000).toISOString() : null };
}

export async function readRdbHeader(file: string): Promise<RdbHeader | null> {
  const handle = await open(file, 'r');
  try {
    const buf = Buffer.alloc(HEADER_BYTES);
    const { bytesRead } = await handle.read(buf, 0, HEADER_BYTES, 0);
    return parseRdbHeader(buf.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}
