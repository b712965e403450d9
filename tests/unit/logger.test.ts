import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { REDACT_PATHS, stripUrlCredentials } from '@/lib/log/logger';

describe('structured logging without secrets', () => {
  it('redacts secret fields at any of the first levels', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _e, cb) => (lines.push(String(chunk)), cb()) });
    const log = pino({ redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, sink);
    log.info({ password: 'p4ss-canary', connection: { secretAccessKey: 'AKIA-canary', name: 'ok' }, a: { b: { token: 't0k-canary' } } }, 'saved');
    const out = lines.join('');
    expect(out).not.toMatch(/canary/);
    expect(out).toContain('"name":"ok"');
  });

  it('removes credentials from URLs in messages', () => {
    expect(stripUrlCredentials('connect redis://scanner:s3cret@10.0.0.1:6379 failed')).toBe('connect redis://10.0.0.1:6379 failed');
    expect(stripUrlCredentials('postgresql://app:pw@db/x and rediss://:only-pass@h:1')).toBe('postgresql://db/x and rediss://h:1');
  });
});
