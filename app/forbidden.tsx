import Link from 'next/link';

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-xl p-10">
      <h1 className="text-2xl font-semibold">Not allowed</h1>
      <p className="mt-3 text-slate-700">Your role does not give access to this page. If you need it, ask an administrator to change your role.</p>
      <Link className="mt-6 inline-block text-sky-800 underline" href="/">
        Back to your home page
      </Link>
    </main>
  );
}
