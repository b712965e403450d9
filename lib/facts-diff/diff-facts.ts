// What changed between two facts snapshots of one instance, as JSON pointers. Counters and clocks
// change on every scan and would drown the signal, so they are left out (VOLATILE_POINTERS).

export interface FactChange {
  pointer: string;
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

export const VOLATILE_POINTERS = [
  '/meta',
  '/info',
  '/commandStats',
  '/clock',
  '/clients',
  '/server/value/uptimeSeconds',
  '/server/value/serverTimeUsec',
  '/persistence/value/lastSaveTime',
  '/persistence/value/lastBgsaveAgeSeconds',
  '/persistence/value/changesSinceLastSave',
  '/acl/log',
  '/slowlog/value/length',
  '/keyspace/value/durationMs',
];

const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

function isVolatile(pointer: string, ignore: readonly string[]): boolean {
  return ignore.some((p) => pointer === p || pointer.startsWith(`${p}/`));
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function diffFacts(before: unknown, after: unknown, ignore: readonly string[] = VOLATILE_POINTERS): FactChange[] {
  const changes: FactChange[] = [];
  const walk = (a: unknown, b: unknown, pointer: string) => {
    if (isVolatile(pointer, ignore)) return;
    if (isObject(a) && isObject(b)) {
      for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
        const child = `${pointer}/${escape(key)}`;
        if (!(key in b)) {
          if (!isVolatile(child, ignore)) changes.push({ pointer: child, kind: 'removed', before: a[key] });
        } else if (!(key in a)) {
          if (!isVolatile(child, ignore)) changes.push({ pointer: child, kind: 'added', after: b[key] });
        } else walk(a[key], b[key], child);
      }
      return;
    }
    if (JSON.stringify(a) !== JSON.stringify(b)) changes.push({ pointer: pointer || '/', kind: 'changed', before: a, after: b });
  };
  walk(before, after, '');
  return changes;
}
