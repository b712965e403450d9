import type { FactChange } from '@/lib/facts-diff/diff-facts';

const show = (v: unknown) => (v === undefined ? '—' : JSON.stringify(v));

export function FactsChanges({ changes, since }: { changes: FactChange[] | null; since: Date | null }) {
  return (
    <section className="rounded border border-slate-200 bg-white p-4" aria-labelledby="changes-heading">
      <h2 id="changes-heading" className="font-medium">
        What changed since the previous scan{since ? ` (${since.toISOString().replace('T', ' ').slice(0, 19)} UTC)` : ''}
      </h2>
      {changes === null ? (
        <p className="mt-2 text-sm text-slate-700">This is the first scan of this instance; the next one will show the differences.</p>
      ) : changes.length === 0 ? (
        <p className="mt-2 text-sm text-slate-700">No configuration, ACL or TLS fact changed (counters and clocks are not compared).</p>
      ) : (
        <table className="mt-2 min-w-full text-sm">
          <thead className="text-left">
            <tr>
              <th scope="col" className="py-1 pr-4">Fact</th>
              <th scope="col" className="py-1 pr-4">Before</th>
              <th scope="col" className="py-1">Now</th>
            </tr>
          </thead>
          <tbody>
            {changes.slice(0, 200).map((c) => (
              <tr key={c.pointer} className="border-t border-slate-100 align-top" data-testid="fact-change">
                <td className="py-1 pr-4 font-mono text-xs">{c.pointer}</td>
                <td className="py-1 pr-4 font-mono text-xs break-all">{show(c.before)}</td>
                <td className="py-1 font-mono text-xs break-all">{show(c.after)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
