// Dates and sizes as the record pages show them (UTC, as stored).
export function utc(date: Date | null | undefined, withTime = true): string {
  if (!date) return '—';
  const iso = date.toISOString();
  return withTime ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : iso.slice(0, 10);
}

export function duration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `${Math.round((seconds / 3600) * 10) / 10} h`;
  return `${Math.round(seconds / 86_400)} d`;
}

export function bytes(size: number): string {
  return size < 1024 ? `${size} B` : size < 1_048_576 ? `${(size / 1024).toFixed(1)} KB` : `${(size / 1_048_576).toFixed(1)} MB`;
}
