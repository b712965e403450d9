// The demo fleet: real local redis-server processes in different security postures, registered as
// self-hosted targets of the demo organisation so the first visitor sees real assessments.
import { seedPhiProblems, startSandbox, type PostureName, type StartedSandbox } from '../redis-sandbox';
import { saveSelfTarget } from '../connections/save-self-target';
import { saveThresholdOverrides } from '../instances/save-threshold-overrides';
import { prepareDemoDrill } from '../drills/demo-drill';
import { DEMO_MEMBERS } from './demo-members';

export { DEMO_MEMBERS };

export interface RunningDemoFleet {
  members: { name: string; posture: PostureName; url: string; instanceId: string }[];
  stop(): Promise<void>;
}

export async function startDemoFleet(organizationId: string, log: (line: string) => void = () => undefined): Promise<RunningDemoFleet> {
  const started: StartedSandbox[] = [];
  const members: RunningDemoFleet['members'] = [];
  try {
    for (const member of DEMO_MEMBERS) {
      const sandbox = await startSandbox(member.posture);
      started.push(sandbox);
      if (member.posture === 'phiProblems') await seedPhiProblems(sandbox);
      const { instance } = await saveSelfTarget(null, {
        organizationId,
        name: member.name,
        config: {
          url: sandbox.url,
          user: sandbox.scanner?.name === 'default' ? undefined : sandbox.scanner?.name,
          ca: sandbox.caFile,
          cert: sandbox.clientCertRequired ? sandbox.certFile : undefined,
          key: sandbox.clientCertRequired ? sandbox.keyFile : undefined,
          environment: member.environment,
        },
        secrets: { password: sandbox.scanner?.password },
        tags: { demo: 'true', posture: member.posture },
      });
      if (member.posture === 'hardened') await prepareDemoDrill(sandbox, instance.id);
      // The PHI demo opts in to value sampling, so raw PHI in values (DATA-003/005) shows as found.
      if (member.posture === 'phiProblems') {
        const saved = await saveThresholdOverrides({ email: 'demo-setup', organizationId }, instance.id, 'keyspaceReadValues: true\nvalueSampleRate: 0.5\n');
        if (!saved.ok) throw new Error(`demo policy: ${saved.error}`);
      }
      members.push({ name: member.name, posture: member.posture, url: sandbox.url, instanceId: instance.id });
      log(`  ${member.name.padEnd(24)} ${sandbox.url.padEnd(28)} ${member.description}`);
    }
  } catch (err) {
    await Promise.allSettled(started.map((s) => s.stop()));
    throw err;
  }
  return { members, stop: async () => void (await Promise.allSettled(started.map((s) => s.stop()))) };
}
