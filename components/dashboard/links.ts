// Drill-down URLs: every number on the dashboards opens the results (or records) behind it.
export function resultsHref(filters: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  const query = params.toString();
  return query ? `/results?${query}` : '/results';
}

export function instancesHref(filters: Record<string, string | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  const query = params.toString();
  return query ? `/instances?${query}` : '/instances';
}

export const percent = (score: number | null) => (score === null ? '—' : `${Math.round(score * 100)}%`);
