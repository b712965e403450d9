// Key classes (catalog §5.1) compiled for the hot loop: a key belongs to the first class whose
// Redis glob matches. Globs match bytes, so keys are handled as latin1 strings (one char per byte)
// and patterns are converted the same way; the common shapes (`session:*`, `*:phi:*`) become
// plain string tests instead of regular expressions.

import type { KeyClass } from '@/lib/controls/thresholds';

/** Redis glob (`*`, `?`, `[...]`, `\x`) → RegExp. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '\\' && i + 1 < glob.length) re += glob[++i].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else if (c === '*') re += '[\\s\\S]*';
    else if (c === '?') re += '[\\s\\S]';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else {
        const body = glob.slice(i + 1, end).replace(/\\/g, '\\\\');
        re += `[${body.startsWith('^') ? '^' + body.slice(1) : body}]`;
        i = end;
      }
    } else re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

type Matcher = (key: string) => boolean;

const SPECIAL = /[*?[\\]/;

/** The cheapest test equivalent to the glob. */
export function globMatcher(glob: string): Matcher {
  const bytes = Buffer.from(glob, 'utf8').toString('latin1');
  if (!SPECIAL.test(bytes)) return (key) => key === bytes;
  const inner = bytes.slice(1, -1);
  if (bytes.endsWith('*') && !SPECIAL.test(bytes.slice(0, -1))) {
    const prefix = bytes.slice(0, -1);
    return (key) => key.startsWith(prefix);
  }
  if (bytes.startsWith('*') && !SPECIAL.test(bytes.slice(1))) {
    const suffix = bytes.slice(1);
    return (key) => key.endsWith(suffix);
  }
  if (bytes.length >= 2 && bytes.startsWith('*') && bytes.endsWith('*') && !SPECIAL.test(inner)) return (key) => key.includes(inner);
  const re = globToRegExp(bytes);
  return (key) => re.test(key);
}

export interface CompiledClass {
  index: number;
  policy: KeyClass;
  matchers: Matcher[];
}

/** Classes in policy order; `classify` returns the index of the first match or -1 (unclassified). */
export function compileKeyClasses(classes: readonly KeyClass[]): { classes: CompiledClass[]; classify: (key: string) => number } {
  const compiled = classes.map((policy, index) => ({ index, policy, matchers: policy.patterns.map(globMatcher) }));
  const classify = (key: string): number => {
    for (const c of compiled) for (const m of c.matchers) if (m(key)) return c.index;
    return -1;
  };
  return { classes: compiled, classify };
}
