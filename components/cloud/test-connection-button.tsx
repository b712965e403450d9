'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';

export interface TestConnectionState {
  ok: boolean;
  status?: 'ok' | 'partial' | 'error';
  summary?: string;
  error?: string;
}

/** Runs "Test connection" (a small collection) and shows each scope's outcome with what to change. */
export function TestConnectionButton({ test }: { test: () => Promise<TestConnectionState> }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<TestConnectionState | null>(null);
  return (
    <div className="flex flex-col gap-1">
      <button
        type="button"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            setResult(await test());
            router.refresh();
          })
        }
        className="self-start rounded border border-sky-800 px-3 py-1 text-sm font-medium text-sky-900 hover:bg-sky-50 disabled:opacity-60"
      >
        {pending ? 'Testing…' : 'Test connection'}
      </button>
      {result ? (
        <p role={result.ok ? 'status' : 'alert'} className={`whitespace-pre-line text-sm ${result.ok ? 'text-emerald-800' : 'text-red-800'}`} data-testid="connection-test-result">
          {result.error ?? `${result.status?.toUpperCase()}: ${result.summary}`}
        </p>
      ) : null}
    </div>
  );
}
