// Reading facts: a fact the control needs is either present (with a JSON pointer to it) or turned
// into `error` / `not_assessable` by its collection outcome (catalog §1.2) — never into a pass.

import type { CollectedMissing, CollectionOutcome, Collected } from '../../facts/common';
import type { SelfHostedConfig, SelfConfigParam } from '../../facts/self-hosted';
import { undecided, type Check, type Verdict } from './verdict';

const TRANSIENT: ReadonlySet<CollectionOutcome> = new Set(['refused', 'timeout', 'tls_error', 'unparseable']);

/** refused / timeout / tls_error / unparseable → error; everything else → not_assessable. */
export function statusForOutcome(outcome: CollectionOutcome): 'error' | 'not_assessable' {
  return TRANSIENT.has(outcome) ? 'error' : 'not_assessable';
}

/** `facts#/config/values/tls-port` (RFC 6901 escaping). */
export function ptr(...segments: (string | number)[]): string {
  return `facts#/${segments.map((s) => String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;
}

/** The check for a missing fact: status from its outcome, reason naming the fact and why. */
export function missingCheck(name: string, fact: CollectedMissing, ref: string): Check {
  return undecided(name, statusForOutcome(fact.outcome), `${fact.source}: ${fact.reason} (${fact.outcome})`, [ref]);
}

export function missingVerdict(fact: CollectedMissing, ref: string): Verdict {
  const check = missingCheck('fact', fact, ref);
  return { status: check.outcome, observed: null, reason: check.reason, evidenceRefs: check.refs };
}

export type Needed<T> = { ok: true; value: T } | { ok: false; verdict: Verdict };

/** The value of a fact the whole control depends on, or the verdict to return instead. */
export function need<T>(fact: Collected<T>, ref: string): Needed<T> {
  return fact.ok ? { ok: true, value: fact.value } : { ok: false, verdict: missingVerdict(fact, ref) };
}

/**
 * Named `CONFIG GET` values the control needs. A parameter the server did not return (unknown on
 * its version) makes the control not_assessable, like a refused CONFIG.
 */
export function needConfig<P extends SelfConfigParam>(
  config: Collected<SelfHostedConfig>,
  params: readonly P[],
): Needed<Record<P, string>> {
  if (!config.ok) return { ok: false, verdict: missingVerdict(config, ptr('config')) };
  const absent = params.filter((p) => config.value.values[p] === undefined);
  if (absent.length > 0) {
    return {
      ok: false,
      verdict: {
        status: 'not_assessable',
        observed: null,
        reason: `CONFIG GET returned no value for ${absent.join(', ')} (parameter unknown on this server)`,
        evidenceRefs: absent.map((p) => configRef(p)),
      },
    };
  }
  return { ok: true, value: Object.fromEntries(params.map((p) => [p, config.value.values[p]!])) as Record<P, string> };
}

export function configRef(param: SelfConfigParam): string {
  return ptr('config', 'values', param);
}

/** A check over one CONFIG parameter: decided by `decide`, or missing. */
export function configCheck(
  name: string,
  config: Collected<SelfHostedConfig>,
  param: SelfConfigParam,
  decide: (value: string, ref: string) => Check,
): Check {
  const ref = configRef(param);
  if (!config.ok) return missingCheck(name, config, ptr('config'));
  const value = config.value.values[param];
  if (value === undefined) {
    return undecided(name, 'not_assessable', `CONFIG GET ${param} returned no value (parameter unknown on this server)`, [ref]);
  }
  return decide(value, ref);
}

/** A check over one fact: decided by `decide`, or missing. */
export function factCheck<T>(
  name: string,
  fact: Collected<T>,
  ref: string,
  decide: (value: T, ref: string) => Check,
): Check {
  return fact.ok ? decide(fact.value, ref) : missingCheck(name, fact, ref);
}

/** Integer CONFIG value (Redis prints integers in decimal). NaN when unparseable. */
export function configInt(value: string): number {
  return /^-?\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
}
