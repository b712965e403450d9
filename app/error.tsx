'use client';

// The error boundary of every page: a page whose server work failed (most often because the
// database is unavailable) says so plainly, without internals, and offers to try again.
export default function PageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto max-w-xl p-10" role="alert">
      <h1 className="text-2xl font-semibold">This page could not be loaded</h1>
      <p className="mt-3 text-slate-700">
        The server could not complete the request — most often because the database is unavailable for a moment. Nothing was changed. Try again shortly; if it keeps
        happening, tell your administrator{error.digest ? ` (reference ${error.digest})` : ''}.
      </p>
      <button type="button" className="mt-6 rounded bg-sky-800 px-4 py-2 text-white" onClick={() => reset()}>
        Try again
      </button>
    </main>
  );
}
