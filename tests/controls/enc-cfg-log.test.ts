import { expect } from 'vitest';
import type { EvaluationContext } from '@/lib/controls/context';
import type { LogRetentionAttestation } from '@/lib/controls/types';
import { controlCases } from './cases';
import { configOf, missing, ok } from './fixtures';

const hostHardening = (c: EvaluationContext) => c.records!.attestations.find((a) => a.kind === 'host_hardening')!;
const logRetention = (c: EvaluationContext) => c.records!.attestations.find((a) => a.kind === 'log_retention') as LogRetentionAttestation;

controlCases('RED-ENC-001', [
  { name: 'whole-host attestation of disk encryption: pass', status: 'pass' },
  {
    name: 'attestation says unencrypted: fail',
    ctx: (c) => {
      const a = hostHardening(c);
      if (a.kind === 'host_hardening') a.claims.diskEncryption = false;
    },
    status: 'fail',
    reason: /not encrypted/,
  },
  { name: 'path-specific attestation naming dir: pass', ctx: (c) => (hostHardening(c).scope.paths = ['/var/lib/redis']), status: 'pass' },
  {
    name: 'path-specific attestation for another path: fail',
    ctx: (c) => (hostHardening(c).scope.paths = ['/srv/other']),
    status: 'fail',
  },
  {
    name: 'path-specific attestation with CONFIG denied: not_assessable',
    facts: (f) => (f.config = missing('noperm')),
    ctx: (c) => (hostHardening(c).scope.paths = ['/var/lib/redis']),
    status: 'not_assessable',
    reason: /CONFIG dir unavailable/,
  },
  { name: 'whole-host attestation decides without CONFIG', facts: (f) => (f.config = missing('noperm')), status: 'pass' },
  { name: 'no attestation on file: fail', ctx: (c) => (c.records!.attestations = []), status: 'fail', reason: /no host-hardening attestation/ },
  { name: 'no record store: not_assessable', ctx: (c) => delete c.records, status: 'not_assessable', reason: /no attestation record on file/ },
]);

controlCases('RED-CFG-001', [
  { name: 'Redis 7.0.15: pass', status: 'pass' },
  {
    name: 'Redis 5.0.6: fail',
    facts: (f) => f.server.ok && Object.assign(f.server.value, { version: '5.0.6', major: 5 }),
    status: 'fail',
    reason: /redis 5\.0\.6/,
  },
  {
    name: 'Valkey 7.2 against the valkey minimum: pass',
    facts: (f) => f.server.ok && Object.assign(f.server.value, { engine: 'valkey', version: '7.2.5', major: 7 }),
    status: 'pass',
  },
  {
    name: 'Valkey 7 with minEngineMajor.valkey 8: fail',
    facts: (f) => f.server.ok && Object.assign(f.server.value, { engine: 'valkey', version: '7.2.5', major: 7 }),
    ctx: (c) => (c.thresholds = { ...c.thresholds, minEngineMajor: { redis: 6, valkey: 8 } }),
    status: 'fail',
  },
  { name: 'INFO unparseable: error', facts: (f) => (f.server = missing('unparseable')), status: 'error' },
  { name: 'INFO NOPERM: not_assessable', facts: (f) => (f.server = missing('noperm')), status: 'not_assessable' },
]);

controlCases('RED-CFG-005', [
  { name: 'timeout 900, keepalive 300: pass', status: 'pass' },
  { name: 'timeout 0 (never): fail', facts: (f) => (configOf(f).timeout = '0'), status: 'fail', reason: /timeout 0/ },
  { name: 'tcp-keepalive 0: fail', facts: (f) => (configOf(f)['tcp-keepalive'] = '0'), status: 'fail', reason: /tcp-keepalive 0/ },
  { name: 'timeout above the threshold: fail', facts: (f) => (configOf(f).timeout = '7200'), status: 'fail', reason: /1\.\.3600/ },
  { name: 'CONFIG renamed: not_assessable', facts: (f) => (f.config = missing('unknown_command')), status: 'not_assessable' },
]);

controlCases('RED-CFG-006', [
  { name: 'FLUSHALL/FLUSHDB renamed, DEBUG disabled: pass', status: 'pass' },
  { name: 'FLUSHALL available: fail', facts: (f) => f.commands.ok && (f.commands.value.FLUSHALL = 'present'), status: 'fail', reason: /FLUSHALL is available/ },
  { name: 'DEBUG available with enable-debug-command yes: fail', facts: (f) => (configOf(f)['enable-debug-command'] = 'yes'), status: 'fail', reason: /DEBUG/ },
  { name: 'DEBUG local-only still counts as available', facts: (f) => (configOf(f)['enable-debug-command'] = 'local'), status: 'fail' },
  {
    name: 'a configured command the probe does not check: not_assessable',
    ctx: (c) => (c.thresholds = { ...c.thresholds, highRiskCommands: ['FLUSHALL', 'SWAPDB'] }),
    status: 'not_assessable',
    reason: /SWAPDB/,
  },
  { name: 'COMMAND INFO refused: not_assessable', facts: (f) => (f.commands = missing('noperm')), status: 'not_assessable' },
]);

controlCases('RED-LOG-002', [
  { name: 'notice, syslog, attested destination: pass', status: 'pass' },
  { name: 'loglevel debug: fail', facts: (f) => (configOf(f).loglevel = 'debug'), status: 'fail', reason: /loglevel debug/ },
  {
    name: 'stdout only: fail',
    facts: (f) => {
      configOf(f)['syslog-enabled'] = 'no';
      configOf(f).logfile = '';
    },
    status: 'fail',
    reason: /stdout/,
  },
  { name: 'no shipping destination attested: fail', ctx: (c) => (logRetention(c).claims.shippingDestination = null), status: 'fail' },
  { name: 'CONFIG NOPERM: not_assessable', facts: (f) => (f.config = missing('noperm')), status: 'not_assessable' },
]);

controlCases('RED-LOG-003', [
  { name: 'ACL log, slow log, latency monitor on: pass', status: 'pass' },
  { name: 'latency-monitor-threshold 0 (Redis default): fail', facts: (f) => (configOf(f)['latency-monitor-threshold'] = '0'), status: 'fail', reason: /latency-monitor-threshold 0/ },
  { name: 'slowlog off (-1): fail', facts: (f) => (configOf(f)['slowlog-log-slower-than'] = '-1'), status: 'fail' },
  { name: 'acllog-max-len 0: fail', facts: (f) => (configOf(f)['acllog-max-len'] = '0'), status: 'fail' },
  { name: 'CONFIG timeout: error', facts: (f) => (f.config = missing('timeout')), status: 'error' },
  {
    name: 'one missing CONFIG is reported once, not per parameter',
    facts: (f) => (f.config = missing('noperm', 'NOPERM config|get')),
    status: 'not_assessable',
    check: (r) => expect(r.reason!.match(/NOPERM/g)).toHaveLength(1),
  },
]);

controlCases('RED-LOG-004', [
  { name: '90 days online, 400 archived, object lock: pass', status: 'pass' },
  { name: 'never-expiring online logs: pass', ctx: (c) => (logRetention(c).claims.onlineDays = null), status: 'pass' },
  { name: '30 days online: fail', ctx: (c) => (logRetention(c).claims.onlineDays = 30), status: 'fail', reason: /online retention 30 days/ },
  { name: 'no archive integrity: fail', ctx: (c) => (logRetention(c).claims.integrityMechanism = null), status: 'fail', reason: /integrity/ },
  { name: 'stale attestation: fail', ctx: (c) => (logRetention(c).approvedAt = '2025-01-01T00:00:00Z'), status: 'fail' },
  { name: 'no record store: not_assessable', ctx: (c) => delete c.records, status: 'not_assessable' },
]);

controlCases('RED-LOG-005', [
  { name: '120 ms skew: pass', status: 'pass' },
  {
    name: 'server 42 s behind: fail',
    facts: (f) => f.clock.ok && Object.assign(f.clock.value, { skewMs: -42_000 }),
    status: 'fail',
    reason: /42 s behind/,
  },
  { name: 'probe clock unsynchronized: not_assessable', facts: (f) => (f.meta.probeClockSynchronized = ok(false)), status: 'not_assessable' },
  { name: 'TIME renamed: not_assessable', facts: (f) => (f.clock = missing('unknown_command')), status: 'not_assessable' },
]);
