// The keyspace audit's own connection: a minimal RESP2 client over node:net / node:tls. ioredis
// spends ~8 µs of client CPU per command (FACTS.md); the audit sends one command per key, so it
// writes each batch as one buffer and parses the replies incrementally from the socket chunks.
// Every verb still passes the §1.6 allowlist before anything is written.

import net from 'node:net';
import tls from 'node:tls';
import { allowlistedLabel } from './allowlist';
import { ProbeTimeoutError } from './outcome';
import { withSecureContext } from './secure-contexts';
import { baseTlsOptions, type ProbeTarget } from './target';

/** An error reply from the server (`-NOPERM …`, `-WRONGPASS …`). */
export class RespError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RespError';
  }
}

/**
 * Bulk strings arrive as latin1 strings: one char per byte, so a key name round-trips to the exact
 * bytes (`Buffer.from(s, 'latin1')`) without a Buffer object per key.
 */
export type RespValue = number | string | null | RespError | RespValue[];
/** Strings are sent as UTF-8; key names (latin1 byte strings) go as Buffers. */
export type RespArg = string | number | Buffer;

const INCOMPLETE = Symbol('incomplete');

/** Buffer#latin1Slice: Node's fastest bytes → string path (untyped in @types/node). */
const latin1 = (buf: Buffer, start: number, end: number): string => (buf as unknown as { latin1Slice(s: number, e: number): string }).latin1Slice(start, end);
type Parsed = RespValue | typeof INCOMPLETE;

const CR = 13;
const CONTAINER_VERBS = new Set(['client', 'config', 'acl', 'command', 'slowlog', 'sentinel']);

/** Incremental RESP2 reply parser: feed chunks, take complete top-level replies. */
export class ReplyParser {
  private buf: Buffer = Buffer.alloc(0);
  private pos = 0;

  push(chunk: Buffer): void {
    this.buf = this.pos >= this.buf.length ? chunk : Buffer.concat([this.buf.subarray(this.pos), chunk]);
    this.pos = 0;
  }

  /** The next complete reply, or undefined when more bytes are needed (nothing is consumed then). */
  next(): RespValue | undefined {
    const start = this.pos;
    const value = this.parse();
    if (value === INCOMPLETE) {
      this.pos = start;
      return undefined;
    }
    return value;
  }

  /** Position just after the next CRLF-terminated line's CR, or -1. */
  private lineEnd(): number {
    const at = this.buf.indexOf(CR, this.pos);
    return at < 0 || at + 1 >= this.buf.length ? -1 : at;
  }

  private integerLine(): number | typeof INCOMPLETE {
    const buf = this.buf;
    let i = this.pos;
    let negative = false;
    if (buf[i] === 45) {
      negative = true;
      i++;
    }
    let n = 0;
    for (; i < buf.length; i++) {
      const c = buf[i];
      if (c === CR) {
        if (i + 1 >= buf.length) return INCOMPLETE;
        this.pos = i + 2;
        return negative ? -n : n;
      }
      n = n * 10 + (c - 48);
    }
    return INCOMPLETE;
  }

  private parse(): Parsed {
    if (this.pos >= this.buf.length) return INCOMPLETE;
    const type = this.buf[this.pos++];
    switch (type) {
      case 58: // ':' integer
        return this.integerLine();
      case 36: {
        // '$' bulk string
        const len = this.integerLine();
        if (len === INCOMPLETE) return INCOMPLETE;
        if (len < 0) return null;
        if (this.pos + len + 2 > this.buf.length) return INCOMPLETE;
        const value = latin1(this.buf, this.pos, this.pos + len);
        this.pos += len + 2;
        return value;
      }
      case 42: {
        // '*' array
        const len = this.integerLine();
        if (len === INCOMPLETE) return INCOMPLETE;
        if (len < 0) return null;
        const items: RespValue[] = new Array(len);
        for (let i = 0; i < len; i++) {
          const item = this.parse();
          if (item === INCOMPLETE) return INCOMPLETE;
          items[i] = item;
        }
        return items;
      }
      case 43: // '+' simple string
      case 45: {
        // '-' error
        const end = this.lineEnd();
        if (end < 0) return INCOMPLETE;
        const text = this.buf.toString('utf8', this.pos, end);
        this.pos = end + 2;
        return type === 43 ? text : new RespError(text);
      }
      default:
        throw new Error(`unexpected RESP type byte ${type}`);
    }
  }
}

/** Encodes commands into one buffer (RESP arrays of bulk strings). */
export class CommandWriter {
  private parts: Buffer[] = [];
  private size = 0;
  private scratch = Buffer.allocUnsafe(64 * 1024);
  private at = 0;
  count = 0;

  private room(n: number): void {
    if (this.at + n <= this.scratch.length) return;
    this.flushScratch();
    if (n > this.scratch.length) this.scratch = Buffer.allocUnsafe(n);
  }

  private flushScratch(): void {
    if (this.at === 0) return;
    this.parts.push(this.scratch.subarray(0, this.at));
    this.size += this.at;
    this.scratch = Buffer.allocUnsafe(this.scratch.length);
    this.at = 0;
  }

  private ascii(text: string): void {
    this.at += this.scratch.write(text, this.at, 'latin1');
  }

  /** `*<n>\r\n` then each argument as `$<len>\r\n<bytes>\r\n`. */
  add(args: readonly RespArg[]): void {
    let need = 16;
    for (const a of args) need += (Buffer.isBuffer(a) ? a.length : Buffer.byteLength(String(a))) + 16;
    this.room(need);
    this.ascii(`*${args.length}\r\n`);
    for (const a of args) {
      if (Buffer.isBuffer(a)) {
        this.ascii(`$${a.length}\r\n`);
        a.copy(this.scratch, this.at);
        this.at += a.length;
        this.ascii('\r\n');
      } else {
        const text = String(a);
        this.ascii(`$${Buffer.byteLength(text)}\r\n`);
        this.at += this.scratch.write(text, this.at, 'utf8');
        this.ascii('\r\n');
      }
    }
    this.count++;
  }

  /** The same two-argument command (`PTTL key`, `TYPE key`) for every key (latin1 key bytes): the hot path. */
  addPerKey(prefix: string, keys: readonly string[]): void {
    // One string, one native write: a Buffer#write per key costs more than the bytes it writes.
    let text = '';
    for (const key of keys) text += `${prefix}$${key.length}\r\n${key}\r\n`;
    this.room(text.length);
    this.ascii(text);
    this.count += keys.length;
  }

  take(): Buffer {
    this.flushScratch();
    const out = this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts, this.size);
    this.parts = [];
    this.size = 0;
    this.count = 0;
    return out;
  }
}

/** `*2\r\n$4\r\nPTTL\r\n` — the fixed head of a per-key command. */
export function perKeyPrefix(verb: string): string {
  return `*2\r\n$${verb.length}\r\n${verb}\r\n`;
}

export interface RespEndpoint {
  host: string;
  port: number;
}

interface Waiter {
  expected: number;
  replies: RespValue[];
  resolve: (replies: RespValue[]) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * One connection to one node. `sent` is the caller's tally (verb labels → count), shared with the
 * probe's so the snapshot lists every command that left the process.
 */
export class RespConnection {
  private readonly parser = new ReplyParser();
  private readonly waiters: Waiter[] = [];
  private failure: Error | null = null;

  private constructor(
    private readonly socket: net.Socket,
    private readonly timeoutMs: number,
    readonly sent: Record<string, number>,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (err) => this.fail(err));
    socket.on('close', () => this.fail(Object.assign(new Error('Connection is closed'), { code: 'ECONNRESET' })));
  }

  /** Connects (TLS when the target does) to `endpoint`, with the target's TLS material. */
  static open(target: ProbeTarget, endpoint: RespEndpoint, timeoutMs: number, sent: Record<string, number>): Promise<RespConnection> {
    return new Promise((resolve, reject) => {
      const socket = target.tls
        ? tls.connect(withSecureContext(baseTlsOptions({ ...target, host: endpoint.host, port: endpoint.port, servername: target.servername })))
        : net.connect({ host: endpoint.host, port: endpoint.port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new ProbeTimeoutError(`connect ${endpoint.host}:${endpoint.port}`, timeoutMs));
      }, timeoutMs);
      socket.once(target.tls ? 'secureConnect' : 'connect', () => {
        clearTimeout(timer);
        socket.removeListener('error', onError);
        resolve(new RespConnection(socket, timeoutMs, sent));
      });
      const onError = (err: Error) => {
        clearTimeout(timer);
        socket.destroy();
        reject(err);
      };
      socket.once('error', onError);
    });
  }

  /** Counts `n` commands of one verb after the allowlist admitted it (throws otherwise). */
  admit(verbAndSub: readonly string[], n = 1): void {
    const label = allowlistedLabel(verbAndSub);
    this.sent[label] = (this.sent[label] ?? 0) + n;
  }

  /** One command; an error reply is thrown. */
  async call(...args: RespArg[]): Promise<RespValue> {
    // Container commands are checked with their arguments (CLIENT NO-TOUCH ON); others by verb, so
    // that a key name never reaches a label.
    const verb = String(args[0]);
    this.admit(CONTAINER_VERBS.has(verb.toLowerCase()) ? args.map(String) : [verb]);
    const writer = new CommandWriter();
    writer.add(args);
    const [reply] = await this.send(writer.take(), 1);
    if (reply instanceof RespError) throw reply;
    return reply;
  }

  /** Writes a prepared batch (commands already admitted) and resolves with its `expected` replies. */
  send(batch: Buffer, expected: number): Promise<RespValue[]> {
    return this.sendParts(batch, [expected])[0];
  }

  /**
   * Writes one buffer whose replies come in groups (e.g. the SCAN reply, then the PTTL replies):
   * each group resolves as soon as its own replies are in, so the caller can act on the first
   * while the server still works on the rest.
   */
  sendParts(batch: Buffer, groups: readonly number[]): Promise<RespValue[]>[] {
    const promises = groups.map((expected) => {
      if (this.failure) return Promise.reject(this.failure);
      if (expected === 0) return Promise.resolve([]);
      return new Promise<RespValue[]>((resolve, reject) => {
        const timer = setTimeout(() => this.fail(new ProbeTimeoutError(`keyspace batch of ${expected} commands`, this.timeoutMs)), this.timeoutMs);
        this.waiters.push({ expected, replies: [], resolve, reject, timer });
      });
    });
    // A rejection nobody awaits yet (the second group while the first is awaited) must not crash the process.
    for (const p of promises) p.catch(() => {});
    if (!this.failure) this.socket.write(batch);
    return promises;
  }

  private onData(chunk: Buffer): void {
    this.parser.push(chunk);
    try {
      while (this.waiters.length > 0) {
        const waiter = this.waiters[0];
        const reply = this.parser.next();
        if (reply === undefined) return;
        waiter.replies.push(reply);
        if (waiter.replies.length === waiter.expected) {
          this.waiters.shift();
          clearTimeout(waiter.timer);
          waiter.resolve(waiter.replies);
        }
      }
    } catch (err) {
      this.fail(err as Error);
    }
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const w of this.waiters.splice(0)) {
      clearTimeout(w.timer);
      w.reject(err);
    }
    if (!this.socket.destroyed) this.socket.destroy();
  }

  close(): void {
    this.failure ??= new Error('connection closed by the audit');
    this.socket.destroy();
  }
}
