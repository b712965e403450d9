'use client';
// Posture score over 30 / 90 / 365 days. The first range comes rendered from the server; the others
// are fetched with TanStack Query from GET /api/dashboard/trend. The figures are also a table for
// screen readers and keyboard users (the chart is a picture of them).
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { fetchJson } from '@/components/ui/fetch-json';
import type { TrendPoint } from '@/lib/posture/posture-trend';
import { TREND_RANGES, type TrendRange } from '@/lib/posture/trend-ranges';

export interface TrendData {
  days: number;
  from: string;
  to: string;
  points: TrendPoint[];
}

function summary(points: TrendPoint[]): string {
  const scored = points.filter((p) => p.score !== null);
  if (scored.length === 0) return 'No scores in this range: nothing was assessed yet.';
  const first = scored[0];
  const last = scored[scored.length - 1];
  return `Score ${first.score}% on ${first.day}, ${last.score}% on ${last.day}; ${last.fail} failing results on ${last.day}.`;
}

export function TrendChart({ initial }: { initial: TrendData }) {
  const [days, setDays] = useState<TrendRange>(initial.days as TrendRange);
  const query = useQuery({
    queryKey: ['posture-trend', days],
    queryFn: () => fetchJson<TrendData>(`/api/dashboard/trend?days=${days}`),
    initialData: days === initial.days ? initial : undefined,
    placeholderData: keepPreviousData,
  });
  const data = query.data ?? initial;
  // Dots only while there are few scored days (a single day would otherwise draw nothing).
  const showDots = data.points.filter((p) => p.score !== null).length <= 31;
  return (
    <section className="rounded border border-slate-200 bg-white p-4" aria-labelledby="trend-heading">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="trend-heading" className="font-medium">
          Posture trend
        </h2>
        <div role="group" aria-label="Trend range" className="ml-auto flex gap-1 text-sm">
          {TREND_RANGES.map((range) => (
            <button
              key={range}
              type="button"
              aria-pressed={range === days}
              onClick={() => setDays(range)}
              className={`rounded border px-2 py-1 ${range === days ? 'border-sky-800 bg-sky-800 text-white' : 'border-slate-400 hover:bg-slate-100'}`}
            >
              {range} days
            </button>
          ))}
        </div>
      </div>
      <p className="mt-1 text-sm text-slate-700" aria-live="polite" data-testid="trend-summary">
        {data.from} to {data.to}: {summary(data.points)}
        {query.isFetching ? ' Loading…' : ''}
      </p>
      {query.isError ? (
        <p role="alert" className="mt-2 text-sm text-red-800">
          Could not load the {days}-day trend: {query.error.message}.{' '}
          <button type="button" className="underline" onClick={() => void query.refetch()}>
            Try again
          </button>
        </p>
      ) : null}
      <div className="mt-3 h-64" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data.points} margin={{ top: 8, right: 16, bottom: 8, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid stroke="#e2e8f0" />
            <XAxis dataKey="day" tick={{ fontSize: 12, fill: '#334155' }} minTickGap={24} />
            <YAxis domain={[0, 100]} unit="%" tick={{ fontSize: 12, fill: '#334155' }} width={48} />
            <Tooltip formatter={(value) => [`${String(value)}%`, 'Score']} />
            <Line type="monotone" dataKey="score" name="Score" stroke="#0369a1" strokeWidth={2} dot={showDots ? { r: 3 } : false} connectNulls={false} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-sky-800 underline">Show the figures as a table</summary>
        <div className="mt-2 max-h-72 overflow-y-auto">
          <table className="min-w-full">
            <caption className="sr-only">Posture per day, {data.from} to {data.to}</caption>
            <thead className="bg-slate-100 text-left">
              <tr>
                <th scope="col" className="px-3 py-1">Day</th>
                <th scope="col" className="px-3 py-1 text-right">Score</th>
                <th scope="col" className="px-3 py-1 text-right">Pass</th>
                <th scope="col" className="px-3 py-1 text-right">Fail</th>
                <th scope="col" className="px-3 py-1 text-right">Not assessed</th>
              </tr>
            </thead>
            <tbody>
              {[...data.points].reverse().map((p) => (
                <tr key={p.day} className="border-t border-slate-100">
                  <th scope="row" className="px-3 py-1 text-left font-mono text-xs font-normal">{p.day}</th>
                  <td className="px-3 py-1 text-right">{p.score === null ? '—' : `${p.score}%`}</td>
                  <td className="px-3 py-1 text-right">{p.pass}</td>
                  <td className="px-3 py-1 text-right">{p.fail}</td>
                  <td className="px-3 py-1 text-right">{p.notAssessed}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}
