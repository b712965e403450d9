'use client';
// Posture per requirement of one framework: score, and the controls passing everywhere, failing
// somewhere or not assessed somewhere — each count opens the results behind it. A client component
// only to keep the page payload small (its rows travel as data, not as rendered markup); it is
// still rendered on the server.
import type { RequirementPosture } from '@/lib/posture/framework-posture';
import { notAssessed } from '@/lib/posture/status-counts';
import { percent, resultsHref } from './links';
import { NumberLink } from './number-link';

function ScoreBar({ score }: { score: number | null }) {
  return (
    <span className="flex items-center gap-2">
      <span className="w-10 text-right font-semibold">{percent(score)}</span>
      <span aria-hidden="true" className="hidden h-2 w-24 overflow-hidden rounded bg-slate-200 sm:block">
        {score !== null ? <span className="block h-2 bg-emerald-700" style={{ width: `${Math.round(score * 100)}%` }} /> : null}
      </span>
    </span>
  );
}

export function FrameworkTable({ id, title, rows }: { id: string; title: string; rows: RequirementPosture[] }) {
  return (
    <section className="rounded border border-slate-200 bg-white" aria-labelledby={id}>
      <h2 id={id} className="border-b border-slate-200 px-4 py-3 font-medium">
        {title}
      </h2>
      <div className="overflow-x-auto">
        <table className="min-w-full text-sm [&_td]:px-4 [&_td]:py-2 [&_td]:text-right [&_th]:px-4 [&_th]:py-2">
          <caption className="sr-only">{title}: score and control counts per requirement</caption>
          <thead className="bg-slate-100 text-left">
            <tr>
              <th scope="col" className="text-left">Requirement</th>
              <th scope="col" className="text-left">Score</th>
              <th scope="col" className="text-right">Controls passing</th>
              <th scope="col" className="text-right">Controls failing</th>
              <th scope="col" className="text-right">Controls not assessed</th>
              <th scope="col" className="text-right">Failing results</th>
              <th scope="col" className="text-right">Results not assessed</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.ref} className="border-t border-slate-200" data-testid="requirement-row" data-requirement={r.ref}>
                <th scope="row" className="text-left font-normal">
                  <span className="font-mono text-xs">{r.ref}</span> <span>{r.title}</span>
                  <span className="block text-xs text-slate-600">{r.controlIds.length} control{r.controlIds.length === 1 ? '' : 's'}</span>
                </th>
                <td>
                  <ScoreBar score={r.score} />
                </td>
                <td>
                  <NumberLink value={r.controls.passing} href={resultsHref({ requirement: r.ref, status: 'pass' })} />
                </td>
                <td>
                  <NumberLink value={r.controls.failing} href={resultsHref({ requirement: r.ref, status: 'fail' })} />
                </td>
                <td>
                  <NumberLink value={r.controls.not_assessed} href={resultsHref({ requirement: r.ref, status: 'not_assessed' })} />
                </td>
                <td>
                  <NumberLink value={r.counts.fail} href={resultsHref({ requirement: r.ref, status: 'fail' })} />
                </td>
                <td>
                  <NumberLink value={notAssessed(r.counts)} href={resultsHref({ requirement: r.ref, status: 'not_assessed' })} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
