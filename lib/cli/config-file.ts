// The `--config` file (YAML or JSON): targets, thresholds (catalog §1.7) and key classes (§5.1).
// Every part optional; unknown keys and bad values are rejected with messages that name them.

import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { keyClassSchema, parseThresholds, type Thresholds } from '@/lib/controls/thresholds';
import { describeIssues, scanTargetInputSchema, type ScanTargetInput } from '@/lib/scan';

export class ConfigFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigFileError';
  }
}

const configFileSchema = z
  .object({
    targets: z.array(z.unknown()).optional(),
    thresholds: z.record(z.string(), z.unknown()).optional(),
    keyClasses: z.array(z.unknown()).optional(),
  })
  .strict();

export interface ScanConfig {
  targets: ScanTargetInput[];
  thresholds: Thresholds;
}

/** Parses config text; `name` is used in messages. Throws ConfigFileError listing every problem. */
export function parseConfigText(text: string, name: string): ScanConfig {
  let raw: unknown;
  try {
    raw = name.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new ConfigFileError(`${name}: not valid ${name.endsWith('.json') ? 'JSON' : 'YAML'}: ${(err as Error).message.split('\n')[0]}`);
  }
  const top = configFileSchema.safeParse(raw ?? {});
  if (!top.success) throw new ConfigFileError(`${name}:\n${describeIssues(top.error).map((l) => `  - ${l}`).join('\n')}`);

  const problems: string[] = [];
  const targets: ScanTargetInput[] = [];
  (top.data.targets ?? []).forEach((t, i) => {
    const parsed = scanTargetInputSchema.safeParse(t);
    if (parsed.success) targets.push(t as ScanTargetInput);
    else problems.push(...describeIssues(parsed.error, `targets.${i}`));
  });

  const keyClasses = top.data.keyClasses;
  if (keyClasses) {
    keyClasses.forEach((k, i) => {
      const parsed = keyClassSchema.safeParse(k);
      if (!parsed.success) problems.push(...describeIssues(parsed.error, `keyClasses.${i}`));
    });
    if (top.data.thresholds && 'keyClasses' in top.data.thresholds) problems.push('keyClasses: give key classes either at the top level or in thresholds, not both');
  }
  const thresholds = parseThresholds({ ...(top.data.thresholds ?? {}), ...(keyClasses && problems.length === 0 ? { keyClasses } : {}) });
  if (!thresholds.ok) problems.push(...thresholds.errors.map((e) => (e.startsWith('thresholds') ? e : `thresholds.${e}`)));
  if (problems.length > 0 || !thresholds.ok) throw new ConfigFileError(`${name}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return { targets, thresholds: thresholds.thresholds };
}

export function loadConfigFile(file: string): ScanConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigFileError(`--config: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return parseConfigText(text, file);
}
