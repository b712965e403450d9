// A target that hangs mid-reply: a node:net proxy in front of a real redis-server that forwards
// every byte until the client sends a chosen command, then delivers the replies owed before it,
// only the first bytes of that command's reply, and nothing ever again on that connection — the
// socket stays open, as a wedged server or a half-dead middlebox leaves it.
import net from 'node:net';
import type { AddressInfo } from 'node:net';

/** Decides, per connection, whether the command (upper-case verb, its 1-based count on this connection) is where replies stop. */
export type StallRule = (verb: string, nth: number) => boolean;

export interface StallingProxy {
  port: number;
  url: string;
  /** Verbs whose replies were cut, in the order connections stalled. */
  stalledAt: string[];
  close(): Promise<void>;
}

const CRLF = 0x0d;

/** End offset of the RESP value at `at` (RESP2 and RESP3), or -1 while it is incomplete. */
function valueEnd(buffer: Buffer, at: number): number {
  const lineEnd = buffer.indexOf(CRLF, at);
  if (lineEnd < 0 || lineEnd + 1 >= buffer.length) return -1;
  const type = String.fromCharCode(buffer[at]);
  const header = buffer.toString('latin1', at + 1, lineEnd);
  let next = lineEnd + 2;
  if ('$!='.includes(type)) {
    const length = Number(header);
    if (length < 0) return next;
    return buffer.length >= next + length + 2 ? next + length + 2 : -1;
  }
  if ('*~>%|'.includes(type)) {
    const count = Math.max(0, Number(header)) * ('%|'.includes(type) ? 2 : 1);
    for (let i = 0; i < count; i++) {
      next = valueEnd(buffer, next);
      if (next < 0) return -1;
    }
    return next;
  }
  return next; // + - : _ # , ( and inline commands: one line
}

/** The verb of the command at `at` (a RESP array of bulk strings, or an inline command). */
function verbAt(buffer: Buffer, at: number): string {
  if (buffer[at] !== 0x2a) return buffer.toString('latin1', at, buffer.indexOf(CRLF, at)).trim().split(/\s+/)[0].toUpperCase();
  const bulk = buffer.indexOf(CRLF, at) + 2;
  const start = buffer.indexOf(CRLF, bulk) + 2;
  return buffer.toString('latin1', start, buffer.indexOf(CRLF, start)).toUpperCase();
}

export async function startStallingProxy(upstreamPort: number, stallOn: StallRule, options: { partialBytes?: number } = {}): Promise<StallingProxy> {
  const partialBytes = options.partialBytes ?? 24;
  const sockets = new Set<net.Socket>();
  const stalledAt: string[] = [];

  const server = net.createServer((client) => {
    const upstream = net.connect(upstreamPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => sockets.delete(socket));
    }
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());

    const counts = new Map<string, number>();
    let commands = Buffer.alloc(0);
    let commandsSeen = 0;
    /** Index (0-based, in send order) of the command whose reply is cut; null until one is chosen. */
    let stallIndex: number | null = null;
    client.on('data', (chunk: Buffer) => {
      upstream.write(chunk);
      if (stallIndex !== null) return;
      commands = Buffer.concat([commands, chunk]);
      let at = 0;
      for (let end = valueEnd(commands, at); end >= 0 && stallIndex === null; end = valueEnd(commands, at)) {
        const verb = verbAt(commands, at);
        const nth = (counts.get(verb) ?? 0) + 1;
        counts.set(verb, nth);
        if (stallOn(verb, nth)) {
          stallIndex = commandsSeen;
          stalledAt.push(verb);
        }
        commandsSeen++;
        at = end;
      }
      commands = commands.subarray(at);
    });

    let replies = Buffer.alloc(0);
    /** Bytes of `replies` already sent to the client. */
    let forwarded = 0;
    let repliesSeen = 0;
    let cut = false;
    upstream.on('data', (chunk: Buffer) => {
      if (cut) return;
      replies = Buffer.concat([replies, chunk]);
      let at = 0;
      for (let end = valueEnd(replies, at); end >= 0 && repliesSeen !== stallIndex; end = valueEnd(replies, at)) {
        repliesSeen++;
        at = end;
      }
      let upTo = replies.length;
      if (repliesSeen === stallIndex && at < replies.length) {
        // Never the whole reply: at most its first bytes, always at least one byte short of its end.
        const end = valueEnd(replies, at);
        upTo = Math.min(at + partialBytes, end >= 0 ? end - 1 : replies.length);
        cut = true;
      }
      if (upTo > forwarded) client.write(replies.subarray(forwarded, upTo));
      forwarded = Math.max(0, Math.max(forwarded, upTo) - at);
      replies = replies.subarray(at);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    stalledAt,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
