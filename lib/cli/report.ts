// The CLI's output: one JSON document (a stable interface other tools read) or a readable table.

import { SEVERITIES, type ControlResult, type Severity } from '@/lib/controls/types';
import type { ScanTargetResult } from '@/lib/scan';

export interface ToolInfo {
  name: 'redis-compliance';
  version: string;
}

export function jsonDocument(tool: ToolInfo, scannedAt: Date, results: ScanTargetResult[]) {
  return {
    tool,
    scannedAt: scannedAt.toISOString(),
    targets: results.map((r) => ({
      target: r.target,
      platform: r.platform,
      engine: r.engine,
      status: r.status,
      ...(r.error ? { error: r.error } : {}),
      results: r.results.map(resultJson),
    })),
  };
}

/** One control result as the JSON document carries it (shared with `cloud-scan`). */
export function resultJson(c: ControlResult) {
  return {
    controlId: c.controlId,
    title: c.title,
    status: c.status,
    severity: c.severity,
    observed: c.observed,
    expected: c.expected,
    ...(c.reason ? { reason: c.reason } : {}),
    frameworks: c.frameworks,
  };
}

/** Severities at or above `threshold` (critical is the highest). */
export function severitiesAtOrAbove(threshold: Severity): Severity[] {
  return SEVERITIES.slice(0, SEVERITIES.indexOf(threshold) + 1);
}

/** 2 = a target could not be scanned; 1 = a fail at or above `failOn`; 0 = otherwise. */
export function exitCode(results: ScanTargetResult[], failOn: Severity): 0 | 1 | 2 {
  if (results.some((r) => r.status === 'error')) return 2;
  const counted = new Set(severitiesAtOrAbove(failOn));
  return results.some((r) => r.results.some((c) => c.status === 'fail' && counted.has(c.severity))) ? 1 : 0;
}

function cell(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
}

export function table(results: ScanTargetResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    const engine = r.engine ? `${r.engine.name} ${r.engine.version}` : 'engine unknown';
    lines.push(`${r.target}  (${engine})  scan ${r.status.toUpperCase()}${r.error ? `: ${r.error}` : ''}`);
    lines.push(`  ${cell('CONTROL', 13)} ${cell('STATUS', 14)} ${cell('SEVERITY', 8)} ${cell('TITLE', 48)} REASON`);
    for (const c of r.results) {
      lines.push(`  ${cell(c.controlId, 13)} ${cell(c.status, 14)} ${cell(c.severity, 8)} ${cell(c.title, 48)} ${(c.reason ?? '').replace(/\s+/g, ' ').slice(0, 100)}`);
    }
    const counts = r.results.reduce<Record<string, number>>((acc, c) => ((acc[c.status] = (acc[c.status] ?? 0) + 1), acc), {});
    lines.push(`  ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(' · ')}`, '');
  }
  return lines.join('\n');
}
