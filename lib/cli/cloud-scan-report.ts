// `cloud-scan` output: the same JSON document as `scan` (tool, scannedAt, targets[] with results),
// each target carrying where it lives, plus the top-level `sources` — one per AWS account/region
// and Google project, with its status and errors. Or a readable table.

import type { Source } from '@/lib/cloud/collect';
import type { EvaluatedResource } from '@/lib/cloud-scans/evaluate-collection';
import { engineOf } from '@/lib/cloud-scans/evaluate-collection';
import { sourceLabel } from '@/lib/cloud-scans/source-status';
import type { Severity } from '@/lib/controls/types';
import { resultJson, severitiesAtOrAbove, type ToolInfo } from './report';

function location(resource: EvaluatedResource['facts']) {
  return resource.provider === 'aws'
    ? { provider: 'aws' as const, account: resource.account, region: resource.region, resourceId: resource.resourceId, arn: resource.arn }
    : { provider: 'gcp' as const, project: resource.project, location: resource.location, resourceId: resource.resourceId };
}

function sourceJson(source: Source) {
  return {
    provider: source.provider,
    ...(source.provider === 'aws' ? { account: source.account, region: source.region } : { project: source.account }),
    status: source.status,
    errors: source.errors,
    via: source.via,
    resourceCount: source.resourceCount,
  };
}

export function cloudJsonDocument(tool: ToolInfo, scannedAt: Date, sources: Source[], resources: EvaluatedResource[]) {
  return {
    tool,
    scannedAt: scannedAt.toISOString(),
    sources: sources.map(sourceJson),
    targets: resources.map((r) => ({
      target: r.key,
      platform: r.facts.platform,
      engine: engineOf(r.facts),
      status: r.status,
      ...(r.error ? { error: r.error } : {}),
      ...location(r.facts),
      results: r.results.map(resultJson),
    })),
  };
}

/** 2 = a source in error or partial (a target not fully scanned); 1 = a fail at or above `failOn`; 0 = clean. */
export function cloudExitCode(sources: Source[], resources: EvaluatedResource[], failOn: Severity): 0 | 1 | 2 {
  if (sources.some((s) => s.status !== 'ok') || resources.some((r) => r.status === 'error')) return 2;
  const counted = new Set(severitiesAtOrAbove(failOn));
  return resources.some((r) => r.results.some((c) => c.status === 'fail' && counted.has(c.severity))) ? 1 : 0;
}

const cell = (text: string, width: number) => (text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width));

export function cloudTable(sources: Source[], resources: EvaluatedResource[]): string {
  const lines = ['SOURCES'];
  for (const s of sources) {
    lines.push(`  ${cell(sourceLabel(s), 40)} ${cell(s.status.toUpperCase(), 8)} ${s.resourceCount} resource(s) via ${s.via}`);
    for (const e of s.errors) lines.push(`      ${e.api} ${e.code}${e.count > 1 ? ` ×${e.count}` : ''}: ${e.message.replace(/\s+/g, ' ').slice(0, 140)}`);
  }
  lines.push('');
  for (const r of resources) {
    const engine = engineOf(r.facts);
    lines.push(`${r.key}  [${r.facts.platform}] (${engine ? `${engine.name} ${engine.version}` : 'engine unknown'})  ${r.status === 'ok' ? 'assessed' : `NOT ASSESSED: ${r.error}`}`);
    lines.push(`  ${cell('CONTROL', 13)} ${cell('STATUS', 14)} ${cell('SEVERITY', 8)} ${cell('TITLE', 48)} REASON`);
    for (const c of r.results) {
      lines.push(`  ${cell(c.controlId, 13)} ${cell(c.status, 14)} ${cell(c.severity, 8)} ${cell(c.title, 48)} ${(c.reason ?? '').replace(/\s+/g, ' ').slice(0, 100)}`);
    }
    const counts = r.results.reduce<Record<string, number>>((acc, c) => ((acc[c.status] = (acc[c.status] ?? 0) + 1), acc), {});
    lines.push(`  ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(' · ')}`, '');
  }
  return lines.join('\n');
}
