// JSON with object keys sorted at every level, so equal data gives equal bytes whichever database
// it came from (PostgreSQL's jsonb reorders keys). Unlike lib/audit-log/canonical-json.ts (whose
// exact output the audit chain's hashes depend on) this lets the native JSON.stringify write, and
// copies only the objects whose keys are out of order: several times faster on the large facts
// snapshots a package streams.

function inOrder(keys: string[]): boolean {
  for (let i = 1; i < keys.length; i++) if (keys[i - 1] > keys[i]) return false;
  return true;
}

/** The value with every object's keys sorted; returns the value itself when nothing needs sorting. */
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const item = sorted(value[i]);
      if (item !== value[i]) (copy ??= value.slice())[i] = item;
    }
    return copy ?? value;
  }
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  const ordered = inOrder(keys);
  // Fast path (no allocation) while every key is in order and no child had to change.
  let children: unknown[] | null = ordered ? null : [];
  for (let i = 0; i < keys.length; i++) {
    const child = sorted(record[keys[i]]);
    if (!children && child !== record[keys[i]]) children = keys.slice(0, i).map((key) => record[key]);
    children?.push(child);
  }
  if (!children) return value;
  const order = keys.map((key, i) => [key, children[i]] as const);
  if (!ordered) order.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const out: Record<string, unknown> = {};
  for (const [key, child] of order) out[key] = child;
  return out;
}

export function canonicalJson(value: unknown, indent?: number): string {
  return JSON.stringify(sorted(value), null, indent);
}
