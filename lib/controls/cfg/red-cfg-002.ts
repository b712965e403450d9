import { defineControl } from '../define-control';
import { ecSettings, settingRef } from '../support/cloud';
import { ptr } from '../support/facts';
import { passByPlatform } from '../support/platform-guarantees';
import { failed, passed, single, undecided } from '../support/verdict';

export default defineControl('RED-CFG-002', {
  expected: {
    ec: () => 'AutoMinorVersionUpgrade = true on the replication group and on every member cluster',
    ecs: () => 'minor and patch versions applied by the service (platform guarantee)',
    ms: () => 'maintenance applied by Google (platform guarantee)',
  },
  ec(facts) {
    const settings = ecSettings(facts);
    if (!settings.ok) return settings.verdict;
    if (!facts.members.ok) return single(undecided('autoMinorVersionUpgrade', 'not_assessable', `member clusters unreadable: ${facts.members.reason}`, [ptr('members')]));
    const values = [
      ...(facts.kind === 'replication-group' ? [{ node: facts.resourceId, value: settings.value.AutoMinorVersionUpgrade }] : []),
      ...facts.members.value.clusters.map((c) => ({ node: c.CacheClusterId, value: c.AutoMinorVersionUpgrade })),
    ];
    const refs = [settingRef('AutoMinorVersionUpgrade'), ptr('members')];
    const off = values.filter((v) => v.value === false).map((v) => v.node);
    if (off.length) return single(failed('autoMinorVersionUpgrade', values, `AutoMinorVersionUpgrade = false on ${off.join(', ')}`, refs));
    const reported = values.filter((v) => v.value === true);
    // The group-level field may be left out; the members always carry their own.
    if (reported.length === 0 || facts.members.value.clusters.some((c) => c.AutoMinorVersionUpgrade === null)) {
      return single(undecided('autoMinorVersionUpgrade', 'not_assessable', 'AutoMinorVersionUpgrade is absent from a member cluster', refs, values));
    }
    return single(passed('autoMinorVersionUpgrade', values, refs));
  },
  ecs: (facts) => passByPlatform('ecs-automatic-version-upgrades', facts),
  ms: (facts) => passByPlatform('ms-managed-maintenance', facts, [ptr('instance', 'value', 'maintenanceVersion')]),
});
