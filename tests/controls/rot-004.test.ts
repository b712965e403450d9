// RED-ROT-004 on self: by record (disk, backup and KMS key rotations).
import { controlCases } from './cases';
import { iso } from './fixtures';

const DAY = 86_400_000;

controlCases('RED-ROT-004', [
  { name: 'data volume key rotated 200 days ago: pass', status: 'pass' },
  { name: 'key last rotated 500 days ago: fail', ctx: (c) => (c.records!.rotations!.find((r) => r.id === 'rot-disk')!.rotatedAt = iso(-500 * DAY)), status: 'fail', reason: /data volume last rotated 500 days ago/ },
  {
    name: 'the newest rotation of each key decides',
    ctx: (c) => {
      c.records!.rotations!.find((r) => r.id === 'rot-disk')!.rotatedAt = iso(-500 * DAY);
      c.records!.rotations!.push({ id: 'rot-disk-2', kind: 'disk_key', subject: 'data volume', rotatedAt: iso(-5 * DAY), detectedFrom: 'manual' });
    },
    status: 'pass',
  },
  {
    name: 'one of two keys overdue: fail',
    ctx: (c) => c.records!.rotations!.push({ id: 'rot-backup', kind: 'backup_key', subject: 'backup bucket key', rotatedAt: iso(-400 * DAY), detectedFrom: 'manual' }),
    status: 'fail',
    reason: /backup bucket key/,
  },
  { name: 'no key rotation recorded: fail', ctx: (c) => (c.records!.rotations = c.records!.rotations!.filter((r) => r.kind === 'acl_password')), status: 'fail', reason: /no disk or backup key rotation recorded/ },
  { name: 'no record store: not_assessable', ctx: (c) => delete c.records, status: 'not_assessable' },
]);
