// The demo fleet: real local redis-server processes in different security postures, registered as
// self-hosted targets of the demo organisation so the first visitor sees real assessments.
import { seedPhiProblems, startSandbox, type PostureName, type StartedSandbox } from '../redis-sandbox';
import { saveSelfTarget } from '../connections/save-self-target';
import { prepareDemoDrill } from '../drills/demo-drill';

interface DemoMember {
  name: string;
  posture: PostureName;
  environment: string;
  description: string;
}

export const DEMO_MEMBERS: DemoMember[] = [
  { name: 'demo-hardened', posture: 'hardened', environment: 'production', description: 'TLS-only with mutual TLS, ACL users, AOF + RDB' },
  { name: 'demo-insecure-defaults', posture: 'insecureDefaults', environment: 'production', description: 'plaintext, no authentication, default settings' },
  { name: 'demo-phi-cache', posture: 'phiProblems', environment: 'production', description: 'sessions without TTL and raw PHI-like values (fake data)' },
  { name: 'demo-legacy-tls', posture: 'legacyTls', environment: 'staging', description: 'accepts TLS 1.0/1.1 and still has a plaintext port' },
];

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
      members.push({ name: member.name, posture: member.posture, url: sandbox.url, instanceId: instance.id });
      log(`  ${member.name.padEnd(24)} ${sandbox.url.padEnd(28)} ${member.description}`);
    }
  } catch (err) {
    await Promise.allSettled(started.map((s) => s.stop()));
    throw err;
  }
  return { members, stop: async () => void (await Promise.allSettled(started.map((s) => s.stop()))) };
}
