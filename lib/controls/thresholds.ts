// Configurable thresholds (catalog §1.7) and key classes (§5.1). One strict zod schema is the
// single source: the CLI's `--config`, the app's organisation settings and the controls all read
// these names. Unknown keys are rejected by name so a typo never silently falls back to a default.

import { isIP } from 'node:net';
import { z } from 'zod';

const positiveInt = z.number().int().positive();
const nonNegativeInt = z.number().int().nonnegative();
const days = positiveInt;

const cidr = z.string().refine(isCidr, {
  message: 'must be a CIDR block such as "10.0.0.0/8" or "fd00::/8"',
});

function isCidr(value: string): boolean {
  const [address, prefix, extra] = value.split('/');
  if (extra !== undefined || prefix === undefined || !/^\d{1,3}$/.test(prefix)) return false;
  const family = isIP(address);
  const bits = Number(prefix);
  return (family === 4 && bits <= 32) || (family === 6 && bits <= 128);
}

/** Redis glob pattern (`session:*`); only emptiness is checked — Redis accepts any glob. */
const globPattern = z.string().min(1, 'a key pattern cannot be empty');

export const keyClassSchema = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9_]*$/, 'use lower-case letters, digits and _ (e.g. "phi_cache")'),
    patterns: z.array(globPattern).min(1, 'give at least one key pattern'),
    ttlRequired: z.boolean(),
    /** Maximum TTL in seconds; null = no maximum. */
    maxTtlSeconds: positiveInt.nullable(),
    phiAdjacent: z.boolean(),
  })
  .strict();
export type KeyClass = z.infer<typeof keyClassSchema>;

const keyClassesSchema = z
  .array(keyClassSchema)
  .refine((classes) => new Set(classes.map((c) => c.name)).size === classes.length, {
    message: 'key class names must be unique',
  });

/** Catalog §5.1 defaults (TTL maxima from 001's TTL table). A key belongs to the first match. */
export const DEFAULT_KEY_CLASSES: KeyClass[] = [
  { name: 'session', patterns: ['session:*', 'sess:*'], ttlRequired: true, maxTtlSeconds: 1800, phiAdjacent: true },
  { name: 'phi_cache', patterns: ['phi:*', 'phicache:*', '*:phi:*'], ttlRequired: true, maxTtlSeconds: 300, phiAdjacent: true },
  { name: 'rate_limit', patterns: ['ratelimit:*', 'rl:*'], ttlRequired: true, maxTtlSeconds: 3600, phiAdjacent: true },
  { name: 'queue', patterns: ['celery*', '_kombu*', 'rq:*', 'bull:*'], ttlRequired: false, maxTtlSeconds: null, phiAdjacent: false },
  { name: 'feature_flag', patterns: ['flag:*', 'feature:*', 'ff:*'], ttlRequired: false, maxTtlSeconds: null, phiAdjacent: false },
];

const DEFAULT_PRIVATE_RANGES = [
  '10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '127.0.0.0/8', '::1/128', 'fc00::/7',
];

/** Keys the catalog marks (i): overridable per instance. No defaults here (absent = org value). */
const perInstanceFields = {
  backupRetentionMinDays: days,
  rpoTargetMinutes: positiveInt,
  rtoTargetMinutes: positiveInt,
  allowedClientCidrs: z.array(cidr).min(1),
  adminUsers: z.array(z.string().min(1)),
  scannerUser: z.string().min(1),
  keyClasses: keyClassesSchema,
  keyspaceTimeBudgetSeconds: positiveInt,
  /** 0 = unlimited. */
  keyspaceMaxOpsPerSec: nonNegativeInt,
  keyspaceScanMaxKeys: positiveInt,
  /** The app reads sampled values (DATA-003/005) only when this is on: an explicit opt-in, like the CLI's --sample-rate. */
  keyspaceReadValues: z.boolean(),
  valueSampleRate: z.number().min(0).max(1),
  valueSampleMax: nonNegativeInt,
  valueReadMaxBytes: positiveInt.max(4096),
};
const f = perInstanceFields;

const thresholdsObject = z
  .object({
    backupRetentionMinDays: f.backupRetentionMinDays.default(1),
    backupMaxAgeHours: positiveInt.default(48),
    rpoTargetMinutes: f.rpoTargetMinutes.default(1440),
    rtoTargetMinutes: f.rtoTargetMinutes.default(240),
    drillMaxAgeDays: days.default(90),
    drPlanMaxAgeDays: days.default(365),
    authTokenMaxAgeDays: days.default(365),
    passwordMaxAgeDays: days.default(365),
    certExpiryWarningDays: days.default(30),
    certMaxLifetimeDays: days.default(398),
    kmsRotationMaxDays: days.default(365),
    minEngineMajor: z
      .object({ redis: positiveInt.default(6), valkey: positiveInt.default(7) })
      .strict()
      .default({ redis: 6, valkey: 7 }),
    idleTimeoutMaxSeconds: positiveInt.default(3600),
    tcpKeepaliveMaxSeconds: positiveInt.default(300),
    privateRanges: z.array(cidr).min(1).default(DEFAULT_PRIVATE_RANGES),
    /** Defaults to `privateRanges` (resolved below). */
    allowedClientCidrs: f.allowedClientCidrs.optional(),
    productionEnvironments: z.array(z.string().min(1)).default(['production', 'prod', 'prd', 'dr', 'disaster-recovery']),
    environmentTagKeys: z.array(z.string().min(1)).min(1).default(['Environment', 'env']),
    classificationTagKeys: z.array(z.string().min(1)).min(1).default(['DataClassification', 'data-class', 'data_classification']),
    adminUsers: f.adminUsers.default([]),
    scannerUser: f.scannerUser.optional(),
    assessmentMaxAgeHours: positiveInt.default(48),
    remediationSlaDays: z
      .object({ critical: days.default(7), high: days.default(30), medium: days.default(90), low: days.default(180) })
      .strict()
      .default({ critical: 7, high: 30, medium: 90, low: 180 }),
    accessReviewMaxAgeDays: days.default(90),
    changeApprovalGraceDays: nonNegativeInt.default(7),
    attestationMaxAgeDays: days.default(365),
    logRetentionMinDays: days.default(90),
    logArchiveMinDays: days.default(365),
    archiveRetentionMinYears: positiveInt.default(6),
    clockSkewMaxSeconds: z.number().positive().default(5),
    authFailuresMaxPerHour: nonNegativeInt.default(20),
    deleteSpikeFactor: z.number().positive().default(5),
    deleteSpikeMinCount: positiveInt.default(1000),
    memoryUsageMaxPercent: z.number().positive().max(100).default(90),
    replicationLagMaxSeconds: z.number().nonnegative().default(10),
    keyClasses: f.keyClasses.default(DEFAULT_KEY_CLASSES),
    keyspaceTimeBudgetSeconds: f.keyspaceTimeBudgetSeconds.default(60),
    keyspaceMaxOpsPerSec: f.keyspaceMaxOpsPerSec.default(0),
    keyspaceScanMaxKeys: f.keyspaceScanMaxKeys.optional(),
    keyspaceReadValues: f.keyspaceReadValues.default(false),
    valueSampleRate: f.valueSampleRate.default(0.01),
    valueSampleMax: f.valueSampleMax.default(2000),
    valueReadMaxBytes: f.valueReadMaxBytes.default(4096),
    unclassifiedKeysMaxPercent: z.number().min(0).max(100).default(5),
    /** RED-CFG-006 (catalog: "List configurable"). */
    highRiskCommands: z.array(z.string().regex(/^[A-Za-z|]+$/, 'a command name such as "FLUSHALL"')).min(1).default(['FLUSHALL', 'FLUSHDB', 'DEBUG']),
    /** RED-CFG-003 optional setting, e.g. ["sun:07:00-sun:08:00"]. */
    allowedMaintenanceWindows: z.array(z.string().min(1)).optional(),
  })
  .strict();

export const PER_INSTANCE_THRESHOLD_KEYS = Object.keys(perInstanceFields) as (keyof typeof perInstanceFields)[];
export type PerInstanceThresholdKey = (typeof PER_INSTANCE_THRESHOLD_KEYS)[number];

export const THRESHOLD_KEYS = Object.keys(thresholdsObject.shape) as (keyof z.output<typeof thresholdsObject>)[];
export type ThresholdKey = (typeof THRESHOLD_KEYS)[number];

/** Organisation thresholds: every key optional on input, defaults filled, unknown keys rejected. */
export const thresholdsSchema = thresholdsObject.transform((t) => ({
  ...t,
  allowedClientCidrs: t.allowedClientCidrs ?? t.privateRanges,
}));
export type Thresholds = z.output<typeof thresholdsSchema>;
export type ThresholdsInput = z.input<typeof thresholdsSchema>;

/** Per-instance overrides: only the (i) keys, each optional, unknown keys rejected. */
export const instanceThresholdOverridesSchema = z.object(perInstanceFields).partial().strict();

export const DEFAULT_THRESHOLDS: Thresholds = thresholdsSchema.parse({});

export type ParseThresholdsResult =
  | { ok: true; thresholds: Thresholds }
  | { ok: false; errors: string[]; message: string };

/** Parses organisation thresholds (e.g. the CLI's `--config` `thresholds:` block). */
export function parseThresholds(input: unknown): ParseThresholdsResult {
  const parsed = thresholdsSchema.safeParse(input ?? {});
  if (parsed.success) return { ok: true, thresholds: parsed.data };
  return failure(parsed.error.issues, THRESHOLD_KEYS);
}

/** Applies validated per-instance overrides on top of the organisation's thresholds. */
export function parseInstanceOverrides(
  base: Thresholds,
  overrides: unknown,
): ParseThresholdsResult {
  const parsed = instanceThresholdOverridesSchema.safeParse(overrides ?? {});
  if (!parsed.success) return failure(parsed.error.issues, PER_INSTANCE_THRESHOLD_KEYS);
  return { ok: true, thresholds: { ...base, ...stripUndefined(parsed.data) } };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function failure(issues: z.core.$ZodIssue[], knownKeys: readonly string[]): ParseThresholdsResult {
  const errors = issues.map((issue) => describeIssue(issue, knownKeys));
  return { ok: false, errors, message: `Invalid thresholds:\n${errors.map((e) => `  - ${e}`).join('\n')}` };
}

function describeIssue(issue: z.core.$ZodIssue, knownKeys: readonly string[]): string {
  const at = issue.path.length ? issue.path.join('.') : 'thresholds';
  if (issue.code === 'unrecognized_keys') {
    return issue.keys
      .map((key) => {
        const hint = issue.path.length === 0 ? suggestKey(key, knownKeys) : '';
        return `${at}: unknown key "${key}"${hint}`;
      })
      .join('; ');
  }
  return `${at}: ${issue.message}`;
}

/** A close known key for a typo, else the list of known keys. */
function suggestKey(key: string, knownKeys: readonly string[]): string {
  const lower = key.toLowerCase();
  const close = knownKeys.find((k) => {
    const known = k.toLowerCase();
    return known === lower || known.includes(lower) || lower.includes(known) || known.slice(0, 8) === lower.slice(0, 8);
  });
  return close ? ` — did you mean "${close}"?` : ` — known keys: ${knownKeys.join(', ')}`;
}
