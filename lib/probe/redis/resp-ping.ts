// A bare `PING` over a fresh socket, without credentials: the unauthenticated-access and
// plaintext-listener facts (catalog §1.2 "Unauthenticated success is evidence", TLS-002).

import net from 'node:net';
import tls from 'node:tls';
import type { UnauthenticatedPingReply } from '@/lib/facts/self-hosted';
import { withSecureContext } from './secure-contexts';

export interface RawPingResult {
  reply: UnauthenticatedPingReply;
  detail: string;
  /** Set when nothing answered because the connection itself failed (refused, unreachable). */
  connectError: { code: string; message: string } | null;
}

function classify(firstLine: string): UnauthenticatedPingReply {
  if (firstLine.startsWith('+PONG')) return 'PONG';
  if (/^-(NOAUTH|WRONGPASS)/.test(firstLine)) return 'NOAUTH';
  if (firstLine.startsWith('-')) return 'ERR';
  // Any other RESP type still means a Redis answered; garbage means it did not.
  return /^[+:$*]/.test(firstLine) ? 'ERR' : 'NO_REPLY';
}

/** Opens `socket`, sends PING once connected, reads the first reply line. Never throws. */
function pingOver(open: (onReady: () => void) => net.Socket, timeoutMs: number): Promise<RawPingResult> {
  return new Promise((resolve) => {
    let buffer = '';
    let connected = false;
    let done = false;
    const finish = (result: RawPingResult) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const socket = open(() => {
      connected = true;
      socket.write('PING\r\n');
    });
    const timer = setTimeout(
      () => finish({ reply: 'NO_REPLY', detail: connected ? `no reply within ${timeoutMs} ms` : `connect timeout after ${timeoutMs} ms`, connectError: connected ? null : { code: 'ETIMEDOUT', message: 'connect timeout' } }),
      timeoutMs,
    );
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      const end = buffer.indexOf('\r\n');
      if (end >= 0 || buffer.length > 512) {
        const line = (end >= 0 ? buffer.slice(0, end) : buffer).slice(0, 80);
        const reply = classify(line);
        finish({ reply, detail: reply === 'NO_REPLY' ? 'non-RESP bytes' : line.replace(/[^\x20-\x7e]/g, '?'), connectError: null });
      }
    });
    socket.on('error', (err: NodeJS.ErrnoException) => {
      const code = err.code ?? 'ERROR';
      finish({ reply: 'NO_REPLY', detail: `${code}: ${err.message.split('\n')[0].slice(0, 120)}`, connectError: connected ? null : { code, message: err.message } });
    });
    socket.on('close', () => finish({ reply: 'NO_REPLY', detail: 'connection closed without a reply', connectError: null }));
  });
}

export function plainPing(host: string, port: number, timeoutMs: number): Promise<RawPingResult> {
  return pingOver((onReady) => net.connect({ host, port }, onReady), timeoutMs);
}

export function tlsPing(options: tls.ConnectionOptions, timeoutMs: number): Promise<RawPingResult> {
  return pingOver((onReady) => tls.connect(withSecureContext(options), onReady), timeoutMs);
}
