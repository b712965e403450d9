import type { MemorystoreMaintenanceWindow } from '../../facts/gcp';
import { defineControl } from '../define-control';
import { ecSettings, ecsSettings, instanceRef, msInstance, settingRef } from '../support/cloud';
import { ptr } from '../support/facts';
import { memorystoreWindow, parseWeeklyWindow, windowInside, type WeeklyWindow } from '../support/maintenance-window';
import { combine, failed, passed, undecided, type Check } from '../support/verdict';
import type { Thresholds } from '../thresholds';

const allowedNote = (t: Thresholds) => (t.allowedMaintenanceWindows?.length ? ` inside ${t.allowedMaintenanceWindows.join(', ')}` : '');

/** Windows present and, when `allowedMaintenanceWindows` is configured, each inside an allowed one. */
function maintenanceCheck(windows: { label: string; window: WeeklyWindow | null }[], t: Thresholds, refs: string[]): Check {
  const name = 'maintenanceWindow';
  const observed = windows.map((w) => w.label);
  if (windows.length === 0) return failed(name, [], 'no maintenance window set: the provider picks any time', refs);
  if (!t.allowedMaintenanceWindows?.length) return passed(name, observed, refs);
  const allowed = t.allowedMaintenanceWindows.map((text) => ({ text, window: parseWeeklyWindow(text) }));
  const badSetting = allowed.filter((a) => a.window === null).map((a) => a.text);
  if (badSetting.length) return undecided(name, 'not_assessable', `allowedMaintenanceWindows entries not understood: ${badSetting.join(', ')} (use "sun:07:00-sun:08:00")`, refs, observed);
  const unreadable = windows.filter((w) => w.window === null).map((w) => w.label);
  if (unreadable.length) return undecided(name, 'not_assessable', `maintenance window not understood: ${unreadable.join(', ')}`, refs, observed);
  const outside = windows.filter((w) => !allowed.some((a) => windowInside(w.window!, a.window!))).map((w) => w.label);
  return outside.length ? failed(name, observed, `outside the approved windows: ${outside.join(', ')}`, refs) : passed(name, observed, refs);
}

function presentCheck(name: string, field: string, value: string | null, ref: string): Check {
  return value ? passed(name, value, [ref]) : failed(name, null, `${field} not set`, [ref]);
}

function msLabel(w: MemorystoreMaintenanceWindow): string {
  const time = w.startTime ? `${String(w.startTime.hours).padStart(2, '0')}:${String(w.startTime.minutes).padStart(2, '0')}` : '?';
  return `${w.day ?? '?'} ${time} UTC for ${w.duration ?? '?'}`;
}

export default defineControl('RED-CFG-003', {
  expected: {
    ec: (t) => `PreferredMaintenanceWindow on every member${allowedNote(t)}, and SnapshotWindow set`,
    ecs: () => 'DailySnapshotTime set (maintenance is applied by the service)',
    ms: (t) => `maintenancePolicy.weeklyMaintenanceWindow set${allowedNote(t)}`,
  },
  ec(facts, ctx) {
    const settings = ecSettings(facts);
    if (!settings.ok) return settings.verdict;
    const windows = facts.members.ok
      ? facts.members.value.clusters.map((c) => c.PreferredMaintenanceWindow)
      : [settings.value.PreferredMaintenanceWindow];
    const present = windows.filter((w): w is string => Boolean(w));
    const maintenanceRefs = facts.members.ok ? [ptr('members')] : [settingRef('PreferredMaintenanceWindow')];
    const maintenance =
      present.length < windows.length && present.length > 0
        ? failed('maintenanceWindow', windows, 'a member cluster has no PreferredMaintenanceWindow', maintenanceRefs)
        : maintenanceCheck([...new Set(present)].map((label) => ({ label, window: parseWeeklyWindow(label) })), ctx.thresholds, maintenanceRefs);
    return combine([maintenance, presentCheck('snapshotWindow', 'SnapshotWindow', settings.value.SnapshotWindow, settingRef('SnapshotWindow'))]);
  },
  ecs(facts) {
    const settings = ecsSettings(facts);
    if (!settings.ok) return settings.verdict;
    return combine([presentCheck('dailySnapshotTime', 'DailySnapshotTime', settings.value.DailySnapshotTime, settingRef('DailySnapshotTime'))]);
  },
  ms(facts, ctx) {
    const instance = msInstance(facts);
    if (!instance.ok) return instance.verdict;
    const windows = instance.value.maintenancePolicy?.weeklyMaintenanceWindow ?? [];
    return combine([
      maintenanceCheck(
        windows.map((w) => ({ label: msLabel(w), window: memorystoreWindow(w.day, w.startTime?.hours ?? 0, w.startTime?.minutes ?? 0, w.duration) })),
        ctx.thresholds,
        [instanceRef('maintenancePolicy')],
      ),
    ]);
  },
});
