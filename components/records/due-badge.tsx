// A state chip for drills, rotations and records: green when fine, amber when due soon, red when
// overdue/expired, violet when unknown.
const chip = 'inline-flex items-center rounded border px-2 py-0.5 text-xs font-medium';

const TONES = {
  good: 'bg-emerald-50 text-emerald-900 border-emerald-300',
  soon: 'bg-amber-50 text-amber-900 border-amber-300',
  bad: 'bg-red-50 text-red-900 border-red-300',
  unknown: 'bg-violet-50 text-violet-900 border-violet-300',
  muted: 'bg-slate-100 text-slate-700 border-slate-300',
} as const;

export type Tone = keyof typeof TONES;

export function DueBadge({ tone, children }: { tone: Tone; children: React.ReactNode }) {
  return <span className={`${chip} ${TONES[tone]}`}>{children}</span>;
}
