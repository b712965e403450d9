// Structured logs (pino, JSON lines on stderr). Credentials never reach a log line: known secret
// fields are redacted by path, and URLs lose their user:password part.
import pino from 'pino';

const SECRET_FIELDS = ['password', 'passwordHash', 'secret', 'secretCiphertext', 'token', 'authorization', 'cookie', 'keyPem', 'privateKey', 'accessKeyId', 'secretAccessKey', 'sessionToken', 'credentialsJson', 'authToken'];

export const REDACT_PATHS = [...SECRET_FIELDS, ...SECRET_FIELDS.map((f) => `*.${f}`), ...SECRET_FIELDS.map((f) => `*.*.${f}`)];

/** `redis://user:pass@host` → `redis://host` in any string. */
export function stripUrlCredentials(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/@\s]+@/gi, '$1');
}

export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info'),
  base: { app: 'redis-compliance' },
  redact: { paths: REDACT_PATHS, censor: '[redacted]' },
  formatters: {
    log(object) {
      if (typeof object.msg === 'string') object.msg = stripUrlCredentials(object.msg);
      if (typeof object.err === 'object' && object.err && 'message' in object.err) {
        const err = object.err as { message: string; stack?: string };
        return { ...object, err: { ...err, message: stripUrlCredentials(err.message), stack: err.stack ? stripUrlCredentials(err.stack) : undefined } };
      }
      return object;
    },
  },
  timestamp: pino.stdTimeFunctions.isoTime,
}, pino.destination(2));
