import Link from 'next/link';

/**
 * A count that opens what it counts; a zero stays plain text (nothing behind it). Inside a data
 * table the row and column headers give the link its purpose; elsewhere pass `label`.
 */
export function NumberLink({ value, href, label }: { value: number; href: string; label?: string }) {
  if (value === 0) return <>0</>;
  return (
    <Link href={href} className="text-sky-800 underline" aria-label={label ? `${value} ${label}` : undefined}>
      {value}
    </Link>
  );
}
