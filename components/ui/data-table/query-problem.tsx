/** Says which list parameters were not understood (the list shows its defaults instead). */
export function QueryProblem({ problem }: { problem: string | null }) {
  if (!problem) return null;
  return (
    <p role="alert" className="mb-3 rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
      Some list parameters were not understood and were left out: {problem}
    </p>
  );
}
