// A second process appending to the app audit log (as a worker or the CLI would) until told to stop
// (stdin closes): it prints how many entries it appended, then exits.
import { recordAudit } from '@/lib/audit-log/record-audit';

let stop = false;
process.stdin.on('close', () => (stop = true));
process.stdin.resume();

async function main() {
  let appended = 0;
  console.log('writer ready');
  while (!stop) {
    await recordAudit(null, { action: 'test.other-process', outcome: 'success', detail: { n: appended } });
    appended++;
    // Yield so the stdin close is seen; no pause otherwise: the other process must keep colliding.
    await new Promise((r) => setImmediate(r));
  }
  console.log(`appended ${appended}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
