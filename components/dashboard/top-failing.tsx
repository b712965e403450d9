'use client';
// The controls failing on the most instances; each count opens the failing results.
// A client component only to keep the page payload small (rows travel as data); rendered on the server.
import Link from 'next/link';
import type { FailingControl } from '@/lib/posture/top-failing-controls';
import { percent, resultsHref } from './links';
import { NumberLink } from './number-link';

export function TopFailing({ controls }: { controls: FailingControl[] }) {
  return (
    <section className="rounded border border-slate-200 bg-white" aria-labelledby="top-failing-heading">
      <h2 id="top-failing-heading" className="border-b border-slate-200 px-4 py-3 font-medium">
        Top failing controls
      </h2>
      {controls.length === 0 ? (
        <p className="px-4 py-3 text-sm text-slate-700">No control fails on any instance in the latest results.</p>
      ) : (
        <table className="min-w-full text-sm">
          <caption className="sr-only">Controls failing on the most instances</caption>
          <thead className="bg-slate-100 text-left">
            <tr>
              <th scope="col" className="px-4 py-2">Control</th>
              <th scope="col" className="px-4 py-2">Severity</th>
              <th scope="col" className="px-4 py-2 text-right">Failing on</th>
              <th scope="col" className="px-4 py-2 text-right">Not assessed on</th>
              <th scope="col" className="px-4 py-2 text-right">Score</th>
            </tr>
          </thead>
          <tbody>
            {controls.map((c) => (
              <tr key={c.controlId} className="border-t border-slate-200" data-testid="top-failing-row">
                <th scope="row" className="px-4 py-2 text-left font-normal">
                  <Link href={resultsHref({ control: c.controlId })} className="font-mono text-xs text-sky-800 underline">
                    {c.controlId}
                  </Link>{' '}
                  {c.title}
                </th>
                <td className="px-4 py-2">{c.severity}</td>
                <td className="px-4 py-2 text-right">
                  <NumberLink value={c.fail} href={resultsHref({ control: c.controlId, status: 'fail' })} />
                </td>
                <td className="px-4 py-2 text-right">
                  <NumberLink value={c.notAssessed} href={resultsHref({ control: c.controlId, status: 'not_assessed' })} />
                </td>
                <td className="px-4 py-2 text-right">{percent(c.score)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
