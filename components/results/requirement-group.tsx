import { StatusBadge } from '@/components/ui/status-badge';
import type { RequirementGroup } from '@/lib/results/instance-assessment';
import { EvidenceLink } from './evidence-link';

function compact(value: unknown): string {
  if (value === null || value === undefined) return '—';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
}

export function RequirementGroupView({ group }: { group: RequirementGroup }) {
  const failing = group.controls.filter((c) => c.status === 'fail').length;
  return (
    <section className="rounded border border-slate-200 bg-white" aria-labelledby={`req-${group.ref}`}>
      <h2 id={`req-${group.ref}`} className="flex items-center justify-between border-b border-slate-200 px-4 py-3 font-medium">
        <span>
          {group.ref} — {group.title}
        </span>
        <span className="text-sm text-slate-700">
          {group.controls.length} control{group.controls.length === 1 ? '' : 's'}
          {failing ? `, ${failing} failing` : ''}
        </span>
      </h2>
      <ul>
        {group.controls.map((c) => (
          <li key={c.controlId} className="border-t border-slate-100 first:border-t-0" data-testid="control-result" data-control={c.controlId} data-status={c.status}>
            <details className="px-4 py-2">
              <summary className="flex cursor-pointer flex-wrap items-center gap-2">
                <StatusBadge status={c.status} />
                <span className="font-mono text-xs">{c.controlId}</span>
                <span>{c.title}</span>
                <span className="text-xs text-slate-600">({c.severity})</span>
              </summary>
              <dl className="mt-2 grid gap-x-4 gap-y-1 text-sm md:grid-cols-[10rem_1fr]">
                <dt className="font-medium">Observed</dt>
                <dd className="font-mono text-xs break-all">{compact(c.observed)}</dd>
                <dt className="font-medium">Expected</dt>
                <dd>{c.expected}</dd>
                {c.reason ? (
                  <>
                    <dt className="font-medium">Reason</dt>
                    <dd>{c.reason}</dd>
                  </>
                ) : null}
                <dt className="font-medium">Evidence</dt>
                <dd className="flex flex-wrap gap-2">{c.evidenceRefs.length ? c.evidenceRefs.map((r) => <EvidenceLink key={r} reference={r} />) : '—'}</dd>
                <dt className="font-medium">Why</dt>
                <dd>{c.why}</dd>
                {c.fix && c.status !== 'pass' && c.status !== 'not_applicable' ? (
                  <>
                    <dt className="font-medium">How to fix</dt>
                    <dd className="whitespace-pre-wrap">{c.fix}</dd>
                  </>
                ) : null}
                {c.hitrust.length ? (
                  <>
                    <dt className="font-medium">HITRUST</dt>
                    <dd>{c.hitrust.join(', ')}</dd>
                  </>
                ) : null}
              </dl>
            </details>
          </li>
        ))}
      </ul>
    </section>
  );
}
