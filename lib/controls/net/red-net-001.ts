import { defineControl } from '../define-control';
import { configCheck, factCheck, need, ptr } from '../support/facts';
import { inRanges, rangeList } from '../support/network';
import { combine, failed, passed, single } from '../support/verdict';
import { absentField, ecsSettings, instanceRef, msInstance, settingRef } from '../support/cloud';
import { ingressCheck } from '../support/security-groups';
import type { Thresholds } from '../thresholds';

/** Bind values that listen on every interface. */
const WILDCARDS = new Set(['*', '::*', '0.0.0.0', '::']);

const AWS_RULE = (t: Thresholds) =>
  `every security-group ingress rule reaching a cache port allows only security groups or CIDRs inside allowedClientCidrs (${t.allowedClientCidrs.join(', ')})`;

export default defineControl('RED-NET-001', {
  expected: {
    self: (t) => `every bind address and resolved endpoint address inside privateRanges (${t.privateRanges.join(', ')}); protected-mode yes`,
    ec: AWS_RULE,
    ecs: AWS_RULE,
    ms: (t) => `host and readEndpoint inside privateRanges (${t.privateRanges.join(', ')})`,
  },
  ec(facts, ctx) {
    const port = need(facts.port, ptr('port'));
    if (!port.ok) return port.verdict;
    return single(ingressCheck(facts.securityGroups, [port.value], ctx.thresholds.allowedClientCidrs));
  },
  ecs(facts, ctx) {
    const settings = ecsSettings(facts);
    if (!settings.ok) return settings.verdict;
    const ports = [settings.value.Endpoint?.Port, settings.value.ReaderEndpoint?.Port].filter((p): p is number => typeof p === 'number');
    if (ports.length === 0) return single(absentField('ingress', 'Endpoint.Port', settingRef('Endpoint')));
    return single(ingressCheck(facts.securityGroups, [...new Set(ports)], ctx.thresholds.allowedClientCidrs));
  },
  ms(facts, ctx) {
    const instance = msInstance(facts);
    if (!instance.ok) return instance.verdict;
    const { host, readEndpoint } = instance.value;
    const refs = [instanceRef('host'), instanceRef('readEndpoint')];
    if (!host) return single(absentField('addresses', 'host', refs[0]));
    const addresses = [host, ...(readEndpoint ? [readEndpoint] : [])];
    const outside = addresses.filter((a) => !inRanges(a, rangeList(ctx.thresholds.privateRanges)));
    return single(
      outside.length
        ? failed('addresses', addresses, `endpoint address outside the private ranges: ${outside.join(', ')}`, refs)
        : passed('addresses', addresses, refs),
    );
  },
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
