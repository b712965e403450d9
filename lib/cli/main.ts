// `redis-compliance scan <redis-url>... [--ca F] [--cert F] [--key F] [--user U] [--password-env VAR]
//   [--config targets.yaml] [--format json|table] [--fail-on low|medium|high|critical]
//   [--keyspace [--sample-rate 0..1] [--max-ops-per-sec N] [--time-budget 60s]]`
// stdout carries only the report (one JSON document with --format json); logs go to stderr.
// Exit: 2 = a target could not be scanned or usage error; 1 = a fail at or above --fail-on; 0 = clean.

import { randomBytes } from 'node:crypto';
import { Command, CommanderError, Option } from 'commander';
import packageJson from '@/package.json';
import { DEFAULT_THRESHOLDS, type Thresholds } from '@/lib/controls/thresholds';
import { SEVERITIES, type Severity } from '@/lib/controls/types';
import type { ProbeTarget } from '@/lib/probe/redis';
import { resolveTarget, scanTargets, TargetError, type ScanTargetInput } from '@/lib/scan';
import { registerAuditLogCommand } from './audit-log-command';
import { registerCloudScanCommand } from './cloud-scan-command';
import { ConfigFileError, loadConfigFile } from './config-file';
import { registerEvidenceCommand } from './evidence-command';
import { registerKeysCommand } from './keys-command';
import { keyspaceProgressReporter } from './keyspace-progress';
import { exitCode, jsonDocument, table } from './report';
import { registerVerifyCommand } from './verify-command';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  /** stderr is a terminal: progress is drawn as one live bar (else printed as lines). */
  stderrIsTTY?: boolean;
}

const defaultIo: CliIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  env: process.env,
  stderrIsTTY: process.stderr.isTTY,
};

interface ScanFlags {
  ca?: string;
  cert?: string;
  key?: string;
  user?: string;
  passwordEnv?: string;
  config?: string;
  format: 'json' | 'table';
  failOn: Severity;
  concurrency: number;
  timeout: number;
  keyspace?: boolean;
  sampleRate?: number;
  maxOpsPerSec?: number;
  timeBudget?: number;
}

class UsageError extends Error {}

function positiveInt(name: string) {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${name} must be a positive integer, got "${value}"`);
    return n;
  };
}

function sampleRate(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) throw new UsageError(`--sample-rate must be a number from 0 to 1 (e.g. 0.01 = 1 % of keys), got "${value}"`);
  return n;
}

function opsPerSec(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--max-ops-per-sec must be a whole number ≥ 0 (0 = unlimited), got "${value}"`);
  return n;
}

/** `60s`, `2m`, `1h`, `90` (seconds) → whole seconds. */
function duration(value: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(value.trim());
  const seconds = m ? Number(m[1]) * { ms: 0.001, s: 1, m: 60, h: 3600 }[(m[2] ?? 's') as 'ms' | 's' | 'm' | 'h'] : NaN;
  if (!(seconds > 0)) throw new UsageError(`--time-budget must be a duration such as 60s, 5m or 1h, got "${value}"`);
  return Math.ceil(seconds);
}

/** Keyspace flags → the audit mode and the thresholds they override (the policy itself comes from --config). */
function keyspaceSettings(flags: ScanFlags, thresholds: Thresholds): { mode: 'off' | 'keys' | 'values'; thresholds: Thresholds } {
  const given = (['sampleRate', 'maxOpsPerSec', 'timeBudget'] as const).filter((f) => flags[f] !== undefined);
  if (!flags.keyspace) {
    if (given.length > 0) throw new UsageError(`${given.map((f) => `--${f.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(', ')} only apply with --keyspace`);
    return { mode: 'off', thresholds };
  }
  return {
    // Values are read only when asked for with a positive --sample-rate (an explicit opt-in).
    mode: flags.sampleRate ? 'values' : 'keys',
    thresholds: {
      ...thresholds,
      ...(flags.sampleRate !== undefined ? { valueSampleRate: flags.sampleRate } : {}),
      ...(flags.maxOpsPerSec !== undefined ? { keyspaceMaxOpsPerSec: flags.maxOpsPerSec } : {}),
      ...(flags.timeBudget !== undefined ? { keyspaceTimeBudgetSeconds: flags.timeBudget } : {}),
    },
  };
}

/** The HMAC key for secret fingerprints: stable from the environment, else random for this run. */
function fingerprintKey(io: CliIo): string {
  const fromEnv = io.env.REDIS_COMPLIANCE_FINGERPRINT_KEY;
  if (fromEnv && fromEnv.length >= 16) return fromEnv;
  if (fromEnv) throw new UsageError('REDIS_COMPLIANCE_FINGERPRINT_KEY must be at least 16 characters');
  io.stderr(
    'note: REDIS_COMPLIANCE_FINGERPRINT_KEY is not set; secret fingerprints use a random per-run key and cannot be compared across runs.\n',
  );
  return randomBytes(32).toString('hex');
}

async function runScan(urls: string[], flags: ScanFlags, io: CliIo): Promise<number> {
  let thresholds: Thresholds = DEFAULT_THRESHOLDS;
  const inputs: { input: ScanTargetInput; label: string }[] = [];
  if (flags.config) {
    const config = loadConfigFile(flags.config);
    thresholds = config.thresholds;
    config.targets.forEach((t, i) => inputs.push({ input: t, label: `targets.${i}` }));
  }
  for (const url of urls) {
    inputs.push({
      input: { url, ca: flags.ca, cert: flags.cert, key: flags.key, user: flags.user, passwordEnv: flags.passwordEnv },
      label: '',
    });
  }
  if (inputs.length === 0) throw new UsageError('give at least one redis:// or rediss:// URL, or --config with targets');

  const errors: string[] = [];
  const targets: ProbeTarget[] = [];
  for (const { input, label } of inputs) {
    try {
      targets.push(resolveTarget(input, io.env, label).probe);
    } catch (err) {
      if (!(err instanceof TargetError)) throw err;
      errors.push(err.message);
    }
  }
  if (errors.length > 0) throw new UsageError(`invalid target:\n${errors.map((e) => `  ${e.replace(/\n/g, '\n  ')}`).join('\n')}`);

  const keyspace = keyspaceSettings(flags, thresholds);
  const key = fingerprintKey(io);
  const scannedAt = new Date();
  const bar = keyspaceProgressReporter(io.stderr, Boolean(io.stderrIsTTY));
  const results = await scanTargets(targets, {
    thresholds: keyspace.thresholds,
    fingerprintKey: key,
    concurrency: flags.concurrency,
    targetTimeoutMs: flags.timeout * 1000,
    keyspace: keyspace.mode,
    keyspaceDisabledReason: 'keyspace audit not requested (--keyspace)',
    onKeyspaceProgress: bar.update,
    onProgress: (e) => {
      if (e.kind !== 'finished') return;
      bar.finish();
      io.stderr(`[${e.completed}/${e.total}] ${e.target} ${e.status} (${e.durationMs} ms)\n`);
    },
  });
  if (flags.format === 'json') {
    io.stdout(`${JSON.stringify(jsonDocument({ name: 'redis-compliance', version: packageJson.version }, scannedAt, results), null, 2)}\n`);
  } else {
    io.stdout(table(results));
  }
  return exitCode(results, flags.failOn);
}

function buildProgram(io: CliIo, setCode: (code: number) => void): Command {
  const program = new Command('redis-compliance')
    .description('Checks Redis/Valkey endpoints against HIPAA 164.312 / HITRUST CSF controls (read-only).')
    .version(packageJson.version)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  program
    .command('scan')
    .description(
      'Scan self-hosted endpoints and report every control. --ca/--cert/--key/--user/--password-env apply to the URLs on the command line; targets in --config carry their own.',
    )
    .argument('[redis-url...]', 'redis://host:port or rediss://host:port (credentials in the URL are accepted but prefer --password-env)')
    .option('--ca <file>', 'CA certificate(s) that issued the server certificate (PEM)')
    .option('--cert <file>', 'client certificate for mTLS (PEM)')
    .option('--key <file>', 'client key for mTLS (PEM)')
    .option('--user <name>', 'ACL user the scanner logs in as')
    .option('--password-env <VAR>', 'environment variable holding the scanner password')
    .option('--config <file>', 'YAML or JSON file with targets, thresholds and keyClasses')
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'table']).default('table'))
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a control fails at or above this severity').choices([...SEVERITIES]).default('low'))
    .option('--concurrency <n>', 'targets scanned at once', positiveInt('--concurrency'), 8)
    .option('--timeout <seconds>', 'per-target time limit (raised to cover --time-budget)', positiveInt('--timeout'), 120)
    .option('--keyspace', 'run the keyspace audit (TTL policy, PHI in key names): SCAN + PTTL, read-only, a replica when one is known')
    .option('--sample-rate <0..1>', 'with --keyspace: also sample this share of values for raw PHI (opt-in; needs read rights)', sampleRate)
    .option('--max-ops-per-sec <n>', 'with --keyspace: at most this many commands per second (0 = unlimited)', opsPerSec)
    .option('--time-budget <duration>', 'with --keyspace: stop the audit after this long (e.g. 60s, 5m); a stopped audit is partial', duration)
    .action(async (urls: string[], flags: ScanFlags) => setCode(await runScan(urls, flags, io)));
  registerAuditLogCommand(program, io, setCode);
  registerEvidenceCommand(program, io, setCode);
  registerVerifyCommand(program, io, setCode);
  registerCloudScanCommand(program, io, setCode);
  registerKeysCommand(program, io, setCode);
  return program;
}

/** Runs the CLI and returns the exit code (the bin sets process.exitCode). */
export async function main(argv: string[], io: CliIo = defaultIo): Promise<number> {
  let code = 0;
  const program = buildProgram(io, (c) => (code = c));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help' ? 0 : 2;
    }
    if (err instanceof UsageError || err instanceof ConfigFileError || (err as Error)?.name === 'InvalidArgumentError') {
      io.stderr(`error: ${(err as Error).message}\n`);
      return 2;
    }
    io.stderr(`error: ${(err as Error)?.stack ?? err}\n`);
    return 2;
  }
}
