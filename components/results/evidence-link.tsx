import Link from 'next/link';

/** `facts/<snapshotId>#/pointer` → the snapshot page anchored at that fact; other refs as text. */
export function EvidenceLink({ reference }: { reference: string }) {
  const match = /^facts\/([^#]+)#(.*)$/.exec(reference);
  if (!match) return <code className="text-xs">{reference}</code>;
  return (
    <Link href={`/snapshots/${match[1]}#${encodeURIComponent(match[2])}`} className="font-mono text-xs text-sky-800 underline">
      {match[2] || '/'}
    </Link>
  );
}
