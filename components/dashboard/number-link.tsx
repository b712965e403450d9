import Link from 'next/link';

/** A count that opens what it counts; a zero stays plain text (nothing behind it). */
export function NumberLink({ value, href, label, className = '' }: { value: number; href: string; label: string; className?: string }) {
  if (value === 0) return <span className={className}>0</span>;
  return (
    <Link href={href} className={`text-sky-800 underline ${className}`} aria-label={`${value} ${label}`}>
      {value}
    </Link>
  );
}
