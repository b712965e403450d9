// Drill-down URLs: every number on the dashboards opens the results (or records) behind it.
function withFilters(path: string, filters: Record<string, string | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

export const resultsHref = (filters: Record<string, string | undefined>) => withFilters('/results', filters);
export const instancesHref = (filters: Record<string, string | null | undefined>) => withFilters('/instances', filters);

export const percent = (score: number | null) => (score === null ? '—' : `${Math.round(score * 100)}%`);
