import { defineControl } from '../define-control';
import { configCheck, factCheck, ptr } from '../support/facts';
import { inRanges, rangeList } from '../support/network';
import { combine, failed, passed } from '../support/verdict';

/** Bind values that listen on every interface. */
const WILDCARDS = new Set(['*', '::*', '0.0.0.0', '::']);

export default defineControl('RED-NET-001', {
  expected: (t) =>
    `every bind address and resolved endpoint address inside privateRanges (${t.privateRanges.join(', ')}); protected-mode yes`,
  self(facts, ctx) {
    const privateRanges = rangeList(ctx.thresholds.privateRanges);
    return combine([
      configCheck('bind', facts.config, 'bind', (value, ref) => {
        // `-` marks an optional address (Redis 7); it still listens there when the address exists.
        const addresses = value.split(/\s+/).filter(Boolean).map((a) => a.replace(/^-/, ''));
        if (addresses.length === 0) return failed('bind', value, 'no bind address: listens on every interface', [ref]);
        const open = addresses.filter((a) => WILDCARDS.has(a) || !inRanges(a, privateRanges));
        return open.length
          ? failed('bind', addresses, `bind includes ${open.join(', ')} (outside the private ranges)`, [ref])
          : passed('bind', addresses, [ref]);
      }),
      configCheck('protectedMode', facts.config, 'protected-mode', (value, ref) =>
        value === 'yes' ? passed('protectedMode', value, [ref]) : failed('protectedMode', value, `protected-mode ${value}`, [ref]),
      ),
      factCheck('resolvedAddresses', facts.meta.resolvedAddresses, ptr('meta', 'resolvedAddresses'), (addresses, ref) => {
        const outside = addresses.filter((a) => !inRanges(a, privateRanges));
        return outside.length
          ? failed('resolvedAddresses', addresses, `endpoint resolves to ${outside.join(', ')} (outside the private ranges)`, [ref])
          : passed('resolvedAddresses', addresses, [ref]);
      }),
    ]);
  },
});
