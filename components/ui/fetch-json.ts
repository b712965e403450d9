// GET a JSON route of the app; a refusal or failure becomes an Error carrying the route's message.
export async function fetchJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: { accept: 'application/json' } });
  const body = (await response.json().catch(() => null)) as (T & { error?: string }) | null;
  if (!response.ok) throw new Error(body?.error ?? `the server answered ${response.status}`);
  if (body === null) throw new Error('the server sent no data');
  return body;
}
