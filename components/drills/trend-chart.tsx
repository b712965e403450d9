// A small line chart of one measure (RTO or RPO) across an instance's drills, with its target as a
// dashed line. Server-rendered SVG; the numbers themselves are in the history table.
import { duration } from '@/components/records/format';

export interface TrendPoint {
  at: Date;
  seconds: number;
  passed: boolean;
}

const W = 260;
const H = 80;
const PAD = 6;

export function TrendChart({ label, points, targetSeconds }: { label: string; points: TrendPoint[]; targetSeconds: number | null }) {
  if (points.length === 0) return <p className="text-xs text-slate-600">{label}: no measurement yet</p>;
  const max = Math.max(...points.map((p) => p.seconds), targetSeconds ?? 0, 1) * 1.1;
  const x = (i: number) => (points.length === 1 ? W / 2 : PAD + (i * (W - 2 * PAD)) / (points.length - 1));
  const y = (s: number) => H - PAD - (s / max) * (H - 2 * PAD);
  const last = points[points.length - 1];
  const summary = `${label}: latest ${duration(last.seconds)}${targetSeconds ? `, target ${duration(targetSeconds)}` : ''}, ${points.length} drill${points.length === 1 ? '' : 's'}`;
  return (
    <figure className="text-xs">
      <svg width={W} height={H} role="img" aria-label={summary} className="rounded border border-slate-200 bg-white">
        <title>{summary}</title>
        {targetSeconds ? <line x1={0} x2={W} y1={y(targetSeconds)} y2={y(targetSeconds)} stroke="#b91c1c" strokeDasharray="4 3" /> : null}
        <polyline fill="none" stroke="#075985" strokeWidth={2} points={points.map((p, i) => `${x(i)},${y(p.seconds)}`).join(' ')} />
        {points.map((p, i) => (
          <circle key={i} cx={x(i)} cy={y(p.seconds)} r={3} fill={p.passed ? '#047857' : '#b91c1c'} />
        ))}
      </svg>
      <figcaption className="mt-1 text-slate-700">{summary}</figcaption>
    </figure>
  );
}
