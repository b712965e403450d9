import { describe, expect, it } from 'vitest';
import {
  DEFAULT_KEY_CLASSES,
  DEFAULT_THRESHOLDS,
  instanceThresholdOverridesSchema,
  keyClassSchema,
  parseInstanceOverrides,
  parseThresholds,
  PER_INSTANCE_THRESHOLD_KEYS,
  THRESHOLD_KEYS,
} from '@/lib/controls/thresholds';

describe('thresholds', () => {
  it('has the catalog §1.7 defaults', () => {
    expect(DEFAULT_THRESHOLDS).toMatchObject({
      backupRetentionMinDays: 1,
      backupMaxAgeHours: 48,
      rpoTargetMinutes: 1440,
      rtoTargetMinutes: 240,
      certExpiryWarningDays: 30,
      certMaxLifetimeDays: 398,
      minEngineMajor: { redis: 6, valkey: 7 },
      idleTimeoutMaxSeconds: 3600,
      tcpKeepaliveMaxSeconds: 300,
      productionEnvironments: ['production', 'prod', 'prd', 'dr', 'disaster-recovery'],
      remediationSlaDays: { critical: 7, high: 30, medium: 90, low: 180 },
      attestationMaxAgeDays: 365,
      logRetentionMinDays: 90,
      logArchiveMinDays: 365,
      archiveRetentionMinYears: 6,
      clockSkewMaxSeconds: 5,
      deleteSpikeFactor: 5,
      deleteSpikeMinCount: 1000,
      keyspaceMaxOpsPerSec: 0,
      valueSampleRate: 0.01,
      valueSampleMax: 2000,
      valueReadMaxBytes: 4096,
      unclassifiedKeysMaxPercent: 5,
      adminUsers: [],
    });
    expect(DEFAULT_THRESHOLDS.scannerUser).toBeUndefined();
    expect(DEFAULT_THRESHOLDS.keyspaceScanMaxKeys).toBeUndefined();
    expect(DEFAULT_THRESHOLDS.keyClasses).toEqual(DEFAULT_KEY_CLASSES);
  });

  it('defaults allowedClientCidrs to privateRanges, also when privateRanges is changed', () => {
    expect(DEFAULT_THRESHOLDS.allowedClientCidrs).toEqual(DEFAULT_THRESHOLDS.privateRanges);
    const parsed = parseThresholds({ privateRanges: ['10.0.0.0/8'] });
    expect(parsed.ok && parsed.thresholds.allowedClientCidrs).toEqual(['10.0.0.0/8']);
  });

  it('rejects an unknown key by name and suggests the right one', () => {
    const parsed = parseThresholds({ backupRetentionDays: 35 });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.errors).toEqual([expect.stringMatching(/unknown key "backupRetentionDays" — did you mean "backupRetentionMinDays"\?/)]);
      expect(parsed.message).toMatch(/^Invalid thresholds:/);
    }
  });

  it('names the path and the rule of a bad value', () => {
    const parsed = parseThresholds({ privateRanges: ['10.0.0.0/33'], remediationSlaDays: { critical: 0 }, minEngineMajor: { redis: 7, memcached: 1 } });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.errors).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^privateRanges\.0: must be a CIDR block/),
          expect.stringMatching(/^remediationSlaDays\.critical: /),
          expect.stringMatching(/^minEngineMajor: unknown key "memcached"/),
        ]),
      );
    }
  });

  it('accepts organisation values (002: 35-day retention)', () => {
    const parsed = parseThresholds({ backupRetentionMinDays: 35, adminUsers: ['ops'] });
    expect(parsed.ok && parsed.thresholds.backupRetentionMinDays).toBe(35);
  });

  it('applies per-instance overrides of (i) keys only', () => {
    const applied = parseInstanceOverrides(DEFAULT_THRESHOLDS, { allowedClientCidrs: ['10.1.0.0/16'], adminUsers: ['dba'] });
    expect(applied.ok && applied.thresholds.allowedClientCidrs).toEqual(['10.1.0.0/16']);
    expect(applied.ok && applied.thresholds.backupMaxAgeHours).toBe(48);
    const rejected = parseInstanceOverrides(DEFAULT_THRESHOLDS, { backupMaxAgeHours: 1 });
    expect(rejected.ok).toBe(false);
    if (!rejected.ok) expect(rejected.errors[0]).toMatch(/unknown key "backupMaxAgeHours"/);
    expect(PER_INSTANCE_THRESHOLD_KEYS.every((k) => (THRESHOLD_KEYS as string[]).includes(k))).toBe(true);
    expect(instanceThresholdOverridesSchema.parse({})).toEqual({});
  });
});

describe('key classes', () => {
  it('has the §5.1 defaults', () => {
    expect(DEFAULT_KEY_CLASSES.map((c) => [c.name, c.maxTtlSeconds, c.ttlRequired, c.phiAdjacent])).toEqual([
      ['session', 1800, true, true],
      ['phi_cache', 300, true, true],
      ['rate_limit', 3600, true, true],
      ['queue', null, false, false],
      ['feature_flag', null, false, false],
    ]);
    for (const c of DEFAULT_KEY_CLASSES) expect(keyClassSchema.parse(c)).toEqual(c);
  });

  it('rejects a class without patterns, unknown fields and duplicate names', () => {
    expect(keyClassSchema.safeParse({ name: 'x', patterns: [], ttlRequired: true, maxTtlSeconds: 10, phiAdjacent: true }).success).toBe(false);
    expect(keyClassSchema.safeParse({ name: 'x', patterns: ['x:*'], ttlRequired: true, maxTtlSeconds: 10, phiAdjacent: true, ttl: 1 }).success).toBe(false);
    const dup = parseThresholds({ keyClasses: [DEFAULT_KEY_CLASSES[0], DEFAULT_KEY_CLASSES[0]] });
    expect(!dup.ok && dup.errors.join()).toMatch(/unique/);
  });
});
