// The probe's only way to send commands: an ioredis connection behind the §1.6 allowlist, with a
// per-command timeout and a tally of every verb sent (DATA-007 and the read-only proof).

import Redis from 'ioredis';
import { allowlistedLabel, CommandNotAllowedError } from './allowlist';
import { baseTlsOptions, type ProbeTarget } from './target';
import { withSecureContext } from './secure-contexts';
import { ProbeTimeoutError, withTimeout } from './outcome';

export class ProbeClient {
  readonly sent: Record<string, number> = {};
  readonly blocked: string[] = [];
  private constructor(
    private readonly redis: Redis,
    private readonly timeoutMs: number,
    /** Renamed commands: canonical verb (lower-case) → the name the server knows it by. */
    private readonly aliases: Record<string, string>,
  ) {}

  /** The name to send for a canonical verb (e.g. CONFIG renamed by `rename-command`). */
  alias(verb: string): string {
    return this.aliases[verb.toLowerCase()] ?? verb;
  }

  /**
   * Opens the connection (no command is sent by ioredis itself: no ready check, no CLIENT SETINFO,
   * no AUTH — authentication is an explicit, counted step).
   */
  static async connect(target: ProbeTarget, timeoutMs: number): Promise<ProbeClient> {
    const redis = new Redis({
      host: target.host,
      port: target.port,
      tls: target.tls ? withSecureContext(baseTlsOptions(target)) : undefined,
      lazyConnect: true,
      enableReadyCheck: false,
      disableClientInfo: true,
      enableOfflineQueue: false,
      autoResubscribe: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      reconnectOnError: () => false,
      connectTimeout: timeoutMs,
      commandTimeout: timeoutMs,
    });
    // Errors surface through the command promises; an unhandled 'error' event would crash the process.
    // The first one is kept: ioredis rejects connect() with a generic "Connection is closed".
    let firstError: Error | null = null;
    redis.on('error', (err: Error) => (firstError ??= err));
    const client = new ProbeClient(redis, timeoutMs, target.configCommand ? { config: target.configCommand } : {});
    try {
      await withTimeout(redis.connect(), timeoutMs + 500, `connect ${target.host}:${target.port}`);
    } catch (err) {
      redis.disconnect();
      throw firstError ?? err;
    }
    return client;
  }

  /** Sends one allowlisted command; the reply is returned raw (strings as strings). */
  async call(...args: (string | number)[]): Promise<unknown> {
    const label = this.admit(args);
    const [verb, ...rest] = args.map(String);
    // ioredis says only "Command timed out": name the command and the limit (a reply cut off mid-way ends here too).
    const reply = this.redis.call(this.alias(verb), ...rest).catch((err: Error) => {
      throw err.message === 'Command timed out' ? new ProbeTimeoutError(verb, this.timeoutMs) : err;
    });
    return withTimeout(reply, this.timeoutMs + 500, label);
  }

  private admit(args: (string | number)[]): string {
    let label: string;
    try {
      label = allowlistedLabel(args);
    } catch (err) {
      if (err instanceof CommandNotAllowedError) this.blocked.push(err.command);
      throw err;
    }
    this.sent[label] = (this.sent[label] ?? 0) + 1;
    return label;
  }

  close(): void {
    this.redis.disconnect();
  }
}
