import { defineControl } from '../define-control';
import { configRef, needConfig } from '../support/facts';
import { currentAttestation } from '../support/records';
import { logDeliveryCheck } from '../support/cloud';
import { combine, failed, passed } from '../support/verdict';

const SHIPPABLE_LEVELS = ['notice', 'warning'];

export default defineControl('RED-LOG-002', {
  expected: {
    self: (t) =>
      `loglevel notice or warning; syslog-enabled yes or logfile set; shipping destination in a log-retention attestation younger than ${t.attestationMaxAgeDays} days`,
    ec: () => 'an engine-log delivery (LogDeliveryConfigurations) with Status active (needs Redis OSS ≥ 6.2 or Valkey)',
  },
  ec: (facts) => logDeliveryCheck(facts, 'engine-log'),
  self(facts, ctx) {
    const config = needConfig(facts.config, ['loglevel', 'syslog-enabled', 'logfile']);
    if (!config.ok) return config.verdict;
    const { loglevel, logfile } = config.value;
    const syslog = config.value['syslog-enabled'];
    const destination = currentAttestation('destination', ctx, 'log_retention', (r) => Boolean(r.claims.shippingDestination));
    return combine([
      SHIPPABLE_LEVELS.includes(loglevel)
        ? passed('loglevel', loglevel, [configRef('loglevel')])
        : failed('loglevel', loglevel, `loglevel ${loglevel} (use notice or warning)`, [configRef('loglevel')]),
      syslog === 'yes' || logfile.trim() !== ''
        ? passed('output', { syslog, logfile: logfile ? 'set' : '' }, [configRef('syslog-enabled'), configRef('logfile')])
        : failed('output', { syslog, logfile: '' }, 'logs go to stdout only: syslog-enabled no and logfile empty', [
            configRef('syslog-enabled'),
            configRef('logfile'),
          ]),
      destination.found
        ? passed('destination', destination.record.claims.shippingDestination, [destination.ref])
        : destination.check,
    ]);
  },
});
