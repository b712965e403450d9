// The demo's automated drill: the hardened demo server gets a few feature-flag keys (a declared,
// non-PHI key class) and an RDB snapshot in its sandbox dir, and its drill schedule points there,
// so "Run drill now" restores a real backup out of the box.
import path from 'node:path';
import { db } from '../db/client';
import { connectSandbox, type StartedSandbox } from '../redis-sandbox';

const DEMO_KEYS = 40;

export async function prepareDemoDrill(sandbox: StartedSandbox, instanceId: string, now = new Date()): Promise<string> {
  const client = connectSandbox(sandbox);
  try {
    for (let i = 0; i < DEMO_KEYS; i++) await client.set(`flag:demo-feature-${i}`, i % 2 ? 'on' : 'off');
    await client.save();
  } finally {
    client.disconnect();
  }
  const backupPath = path.join(sandbox.dir, 'dump.rdb');
  // Next run in a month: the first drill is the visitor's "Run drill now".
  const schedule = { backupKind: 'rdb', backupPath, everyDays: 30, keyCountTolerancePercent: 0, enabled: true, nextRunAt: new Date(now.getTime() + 30 * 86_400_000) };
  await db().drillSchedule.upsert({ where: { instanceId }, create: { instanceId, ...schedule }, update: schedule });
  return backupPath;
}
