// Minimal XML writer for the emulator's AWS Query responses. Values are plain objects in the wire
// shape of the API; arrays need the element name of their members, which differs per protocol
// (ElastiCache: the service model's member names; EC2: always <item>).

export function escapeXml(value: string): string {
  return value.replace(/[<>&'"]/g, (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[char] ?? char);
}

export type MemberName = (listName: string, items: unknown[]) => string;

export function toXml(name: string, value: unknown, memberName: MemberName): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) {
    const member = memberName(name, value);
    return `<${name}>${value.map((item) => toXml(member, item, memberName)).join('')}</${name}>`;
  }
  if (value instanceof Date) return `<${name}>${value.toISOString()}</${name}>`;
  if (typeof value === 'object') {
    const children = Object.entries(value as Record<string, unknown>)
      .map(([key, child]) => toXml(key, child, memberName))
      .join('');
    return `<${name}>${children}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}
