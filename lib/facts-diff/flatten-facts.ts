// A facts snapshot as (JSON pointer, value) rows for display: leaves and short arrays one per row.

export interface FactRow {
  pointer: string;
  value: string;
}

const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

export function flattenFacts(facts: unknown): FactRow[] {
  const rows: FactRow[] = [];
  const walk = (value: unknown, pointer: string) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const entries = Object.entries(value);
      if (entries.length === 0) rows.push({ pointer: pointer || '/', value: '{}' });
      for (const [k, v] of entries) walk(v, `${pointer}/${escape(k)}`);
      return;
    }
    if (Array.isArray(value) && value.some((v) => v !== null && typeof v === 'object')) {
      value.forEach((v, i) => walk(v, `${pointer}/${i}`));
      if (value.length === 0) rows.push({ pointer, value: '[]' });
      return;
    }
    rows.push({ pointer: pointer || '/', value: JSON.stringify(value) });
  };
  walk(facts, '');
  return rows;
}
