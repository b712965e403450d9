// Renders the control reference (docs/controls.md and the README summary) from the same data the
// engine uses, so the documentation cannot drift from the code. Pure: the script does the I/O.

import { CATALOG, remediationFor } from '../catalog';
import { HIPAA_MAPPING, hipaaParagraph, hitrustRefsFor, formatHitrust, isTechnicalSafeguard, requirementIndex, PROVENANCE_MARK } from '../frameworks';
import { controlDefinition } from '../registry';
import { PLATFORM_GUARANTEES, type PlatformGuarantee } from '../support/platform-guarantees';
import { DEFAULT_KEY_CLASSES, DEFAULT_THRESHOLDS, PER_INSTANCE_THRESHOLD_KEYS, THRESHOLD_KEYS } from '../thresholds';
import { CONTROL_DOMAINS, PLATFORMS, type ControlDomain, type ControlMeta, type Platform } from '../types';

export const README_START = '<!-- controls:start -->';
export const README_END = '<!-- controls:end -->';

const DOMAIN_NAMES: Record<ControlDomain, string> = {
  INV: 'Inventory', NET: 'Network', TLS: 'Transport encryption', ENC: 'Encryption at rest', AUTH: 'Authentication',
  ACL: 'Authorization', CFG: 'Configuration', LOG: 'Logging', MON: 'Monitoring', AVL: 'Availability',
  BAK: 'Backup and persistence', DATA: 'Keyspace data', PRC: 'Process records', ROT: 'Key and credential rotation',
};

const PLATFORM_NAMES: Record<Platform, string> = {
  self: 'self-hosted', ec: 'ElastiCache', ecs: 'ElastiCache Serverless', ms: 'Memorystore',
};

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function platformsOf(c: ControlMeta): string {
  if (c.platformNote) return c.platformNote;
  return c.platforms.length === PLATFORMS.length ? 'all' : c.platforms.join(' ');
}

function hipaaColumn(id: string): string {
  const refs = HIPAA_MAPPING[id];
  const technical = refs.filter(isTechnicalSafeguard);
  const other = refs.filter((r) => !isTechnicalSafeguard(r));
  return [...technical, ...other].join(', ');
}

/** Platforms with an evaluator, and the covered platforms still pending (e.g. `self ec · pending: ms`). */
function evaluators(c: ControlMeta): string {
  const evaluated = controlDefinition(c.id)?.evaluatedPlatforms ?? [];
  const pending = c.platforms.filter((p) => !evaluated.includes(p));
  if (evaluated.length === 0) return 'pending';
  return `${evaluated.join(' ')}${pending.length ? ` · pending: ${pending.join(' ')}` : ''}`;
}

function summaryTable(): string[] {
  return [
    '| id | title | platforms | severity | HIPAA | HITRUST | evaluators |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...CATALOG.map(
      (c) =>
        `| ${c.id} | ${cell(c.title)} | ${platformsOf(c)} | ${c.severity} | ${hipaaColumn(c.id)} | ${formatHitrust(hitrustRefsFor(c.id))} | ${evaluators(c)} |`,
    ),
  ];
}

function formatDefault(key: string): string {
  if (key === 'keyClasses') return '§5.1 key classes (below)';
  const value = (DEFAULT_THRESHOLDS as Record<string, unknown>)[key];
  if (value === undefined) return 'unset';
  if (key === 'allowedClientCidrs') return '= privateRanges';
  return typeof value === 'object' ? `\`${JSON.stringify(value)}\`` : `\`${String(value)}\``;
}

function thresholdsTable(): string[] {
  const usedBy = (key: string) => CATALOG.filter((c) => c.thresholds.includes(key)).map((c) => c.id.replace(/^RED-/, ''));
  return [
    '| key | default | per instance | used by |',
    '| --- | --- | --- | --- |',
    ...THRESHOLD_KEYS.map(
      (key) =>
        `| \`${key}\` | ${cell(formatDefault(key))} | ${(PER_INSTANCE_THRESHOLD_KEYS as string[]).includes(key) ? 'yes' : ''} | ${usedBy(key).join(', ') || '(probe settings)'} |`,
    ),
  ];
}

function keyClassesTable(): string[] {
  return [
    '| class | patterns | PHI-adjacent | TTL required | max TTL |',
    '| --- | --- | --- | --- | --- |',
    ...DEFAULT_KEY_CLASSES.map(
      (k) =>
        `| \`${k.name}\` | ${k.patterns.map((p) => `\`${p}\``).join(', ')} | ${k.phiAdjacent ? 'yes' : 'no'} | ${k.ttlRequired ? 'yes' : 'no'} | ${k.maxTtlSeconds === null ? '—' : `${k.maxTtlSeconds} s`} |`,
    ),
  ];
}

function controlSection(c: ControlMeta): string[] {
  const hitrust = hitrustRefsFor(c.id);
  const hitrustLines =
    hitrust === 'none found'
      ? ['none found']
      : hitrust.map((r) => `${r.id}${PROVENANCE_MARK[r.provenance]}${r.requirements ? ` (${r.requirements})` : ''}${r.note ? ` — ${r.note}` : ''}`);
  const fixes = c.platforms.map((p) => `  - ${PLATFORM_NAMES[p]}: ${remediationFor(c, p)}`);
  const definition = controlDefinition(c.id);
  const rules = (definition?.evaluatedPlatforms ?? []).map((p) => `  - ${PLATFORM_NAMES[p]}: ${definition!.expected(DEFAULT_THRESHOLDS, p)}`);
  const notApplicable = PLATFORMS.filter((p) => !c.platforms.includes(p)).map((p) => `  - ${PLATFORM_NAMES[p]}: ${c.notApplicable[p]}`);
  return [
    `### ${c.id} — ${c.title}`,
    '',
    `- **Platforms**: ${platformsOf(c)} · **Severity**: ${c.severity} · **Evaluators**: ${evaluators(c)}`,
    `- **Why**: ${c.why}`,
    `- **HIPAA**: ${HIPAA_MAPPING[c.id].map((ref) => `${ref} ${hipaaParagraph(ref)!.title}`).join('; ')}`,
    `- **HITRUST**: ${hitrustLines.join('; ')}`,
    `- **What passes**: ${c.passes}`,
    ...(rules.length ? ['- **Rule evaluated (default thresholds)**:', ...rules] : []),
    '- **How to fix**:',
    ...fixes,
    ...(notApplicable.length ? ['- **Not applicable**:', ...notApplicable] : []),
    ...(c.thresholds.length ? [`- **Thresholds**: ${c.thresholds.map((k) => `\`${k}\` (${formatDefault(k)})`).join(', ')}`] : []),
    '',
  ];
}

/** The service guarantees a control may pass on (catalog §1.2), with their documentation. */
function guaranteesTable(): string[] {
  return [
    '| id | platform | what the provider guarantees | documentation | note |',
    '| --- | --- | --- | --- | --- |',
    ...Object.entries(PLATFORM_GUARANTEES).map(
      ([id, g]: [string, PlatformGuarantee]) => `| \`${id}\` | ${g.platform} | ${cell(g.statement)} | ${g.reference} | ${cell(g.note ?? '')} |`,
    ),
  ];
}

function requirementsTable(framework: 'hipaa' | 'hitrust'): string[] {
  const index = requirementIndex(framework);
  const refs = Object.keys(index).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const title = (ref: string) => (framework === 'hipaa' ? (hipaaParagraph(ref)?.title ?? '') : '');
  return [
    framework === 'hipaa' ? '| requirement | title | controls |' : '| HITRUST id | controls |',
    framework === 'hipaa' ? '| --- | --- | --- |' : '| --- | --- |',
    ...refs.map((ref) => (framework === 'hipaa' ? `| ${ref} | ${title(ref)} | ${index[ref].join(', ')} |` : `| ${ref} | ${index[ref].join(', ')} |`)),
  ];
}

/** docs/controls.md */
export function renderControlReference(): string {
  const lines = [
    '# Control reference',
    '',
    '<!-- Generated by `npx tsx scripts/generate-control-docs.ts` from lib/controls. Do not edit by hand. -->',
    '',
    `${CATALOG.length} controls. HIPAA references are 45 CFR 164.312 technical safeguards first, then the administrative (164.308), physical (164.310), organisational (164.314) and documentation (164.316) references the catalog adds. HITRUST: \`†\` = id as cited in the ElastiCache HITRUST guide (002); \`*\` = reference not cited there, used where a public description of the requirement was found (requirement ids in brackets). Platforms: self = self-hosted Redis/Valkey, ec = ElastiCache, ecs = ElastiCache Serverless, ms = Memorystore.`,
    '',
    '## Summary',
    '',
    ...summaryTable(),
    '',
    ...CONTROL_DOMAINS.flatMap((domain) => [
      `## ${DOMAIN_NAMES[domain]} (${domain})`,
      '',
      ...CATALOG.filter((c) => c.domain === domain).flatMap((c) => controlSection(c)),
    ]),
    '## Platform guarantees',
    '',
    'A control passes on one of these only when the resource kind was identified from a successful API response in the same snapshot; its result then reads `platform guarantee:<id>`.',
    '',
    ...guaranteesTable(),
    '',
    '## Thresholds',
    '',
    'Organisation settings (`thresholds` in the CLI config); keys marked "per instance" may be overridden per instance. Unknown keys are rejected.',
    '',
    ...thresholdsTable(),
    '',
    '### Default key classes',
    '',
    'A key belongs to the first class whose pattern (Redis glob) matches its name; keys matching none are unclassified.',
    '',
    ...keyClassesTable(),
    '',
    '## Controls by HIPAA requirement',
    '',
    ...requirementsTable('hipaa'),
    '',
    '## Controls by HITRUST id',
    '',
    ...requirementsTable('hitrust'),
    '',
  ];
  return lines.join('\n');
}

/** The README block between the markers: the summary table and a link to the full reference. */
export function renderReadmeSection(): string {
  return [
    '',
    `${CATALOG.length} controls; the full reference (why, what passes, how to fix, thresholds) is [docs/controls.md](docs/controls.md).`,
    '',
    ...summaryTable(),
    '',
  ].join('\n');
}

/** Replaces the text between the README markers; null when the markers are absent. */
export function replaceBetweenMarkers(text: string, section: string): string | null {
  const start = text.indexOf(README_START);
  const end = text.indexOf(README_END);
  if (start < 0 || end < start) return null;
  return text.slice(0, start + README_START.length) + section + text.slice(end);
}
