// A connection reset on the Memorystore listing is retried like 429/503: a reused keep-alive socket
// meets it when the server closes the socket as the client picks it up (Node 20 keeps sockets alive).
import { describe, expect, it } from 'vitest';
import { classifyGcpError, isRetryable } from '@/lib/inventory/gcp/errors';

const reset = Object.assign(new Error('request to http://127.0.0.1:40023/v1/projects/p/locations/-/instances failed, reason: read ECONNRESET'), { code: 'ECONNRESET' });

describe('Google listing retries', () => {
  it('retries a connection reset, and still reports one that lasts as an error-class fault', () => {
    expect(isRetryable(reset)).toBe(true);
    expect(classifyGcpError(reset)).toMatchObject({ outcome: 'refused', code: 'ECONNRESET' });
  });

  it('does not retry a refusal, a denial or a bad request', () => {
    expect(isRetryable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }))).toBe(false);
    expect(isRetryable({ code: 7, message: 'PERMISSION_DENIED' })).toBe(false);
    expect(isRetryable({ status: 400, message: '{"error":{"status":"INVALID_ARGUMENT","message":"bad"}}' })).toBe(false);
  });
});
