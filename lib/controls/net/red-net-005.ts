import { defineControl } from '../define-control';
import { configRef, need, needConfig, ptr } from '../support/facts';
import { failed, passed, single } from '../support/verdict';

const DEFAULT_PORT = '6379';

export default defineControl('RED-NET-005', {
  expected: {
    self: () => `no enabled listener (port / tls-port other than 0) on ${DEFAULT_PORT}`,
    ec: () => `cache port other than ${DEFAULT_PORT}`,
  },
  ec(facts) {
    const ref = ptr('port');
    const port = need(facts.port, ref);
    if (!port.ok) return port.verdict;
    return single(
      String(port.value) === DEFAULT_PORT
        ? failed('port', port.value, `the cache listens on the default port ${DEFAULT_PORT}`, [ref])
        : passed('port', port.value, [ref]),
    );
  },
  self(facts) {
    const config = needConfig(facts.config, ['port', 'tls-port']);
    if (!config.ok) return config.verdict;
    const listeners = { port: config.value.port, 'tls-port': config.value['tls-port'] };
    const refs = [configRef('port'), configRef('tls-port')];
    const onDefault = Object.entries(listeners).filter(([, value]) => value.trim() === DEFAULT_PORT).map(([name]) => name);
    return single(
      onDefault.length
        ? failed('listeners', listeners, `${onDefault.join(' and ')} on the default port ${DEFAULT_PORT}`, refs)
        : passed('listeners', listeners, refs),
    );
  },
});
