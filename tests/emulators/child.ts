// The emulator in its own process (for the benchmark: the API server should not share the
// collector's event loop, as a real provider never does). Driven over IPC with advanced
// serialization (Dates survive): start → { url }, count → number of calls, reset, close.

import { startCloudEmulator, type CloudEmulator } from './server';
import type { AwsWorld, Fault, GcpWorld } from './world';

export type ChildRequest =
  | { type: 'start'; aws?: Partial<AwsWorld>; gcp?: Partial<GcpWorld>; faults?: Fault[] }
  | { type: 'count' }
  | { type: 'reset' }
  | { type: 'close' };

let emulator: CloudEmulator | undefined;

process.on('message', (message: ChildRequest) => {
  void (async () => {
    switch (message.type) {
      case 'start':
        emulator = await startCloudEmulator({ aws: message.aws, gcp: message.gcp });
        for (const fault of message.faults ?? []) emulator.addFault(fault);
        process.send?.({ url: emulator.url });
        break;
      case 'count':
        process.send?.({ count: emulator?.calls.length ?? 0 });
        break;
      case 'reset':
        if (emulator) emulator.calls.length = 0;
        process.send?.({ done: true });
        break;
      case 'close':
        await emulator?.close();
        process.send?.({ done: true });
        process.exit(0);
    }
  })();
});
