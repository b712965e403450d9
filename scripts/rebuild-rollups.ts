// Rebuilds the dashboards' rollups (latest result per instance and control, daily posture per
// control) from every stored control result: `npx tsx scripts/rebuild-rollups.ts [organizationId]`.
// Scans that finish meanwhile wait for the organisation's rebuild to commit.
import { db } from '../lib/db/client';
import { rebuildAllPostureRollups, rebuildPostureRollups } from '../lib/posture/rebuild-rollups';

async function main() {
  const organizationId = process.argv[2];
  if (organizationId && !(await db().organization.findUnique({ where: { id: organizationId }, select: { id: true } }))) {
    throw new Error(`no organization with id "${organizationId}" (run without an argument to rebuild every organization)`);
  }
  const started = Date.now();
  const summaries = organizationId ? [await rebuildPostureRollups(organizationId)] : await rebuildAllPostureRollups();
  for (const s of summaries) console.log(`organization ${s.organizationId}: ${s.instances} instances, ${s.results} results replayed, ${s.days} days written`);
  console.log(`rebuilt ${summaries.length} organization(s) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  await db().$disconnect();
}

main().catch(async (err) => {
  console.error(err instanceof Error ? err.message : err);
  await db().$disconnect();
  process.exit(1);
});
