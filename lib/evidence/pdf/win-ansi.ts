// The PDF's standard fonts (Helvetica, Courier) encode WinAnsi only: characters outside it would
// print as garbage, so they are spelled out or replaced before they reach the page.

const SPELLED: Record<string, string> = {
  '≤': '<=', '≥': '>=', '→': '->', '←': '<-', '↔': '<->', '≠': '!=', '✓': 'yes', '✗': 'no', '‑': '-', '−': '-', '∞': 'infinity', '≈': '~',
};

// Windows-1252 characters above Latin-1's printable range.
const CP1252_EXTRAS = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

function encodable(ch: string): boolean {
  const code = ch.codePointAt(0)!;
  return ch === '\n' || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || CP1252_EXTRAS.has(ch);
}

export function winAnsi(text: string): string {
  let out = '';
  for (const ch of text) out += encodable(ch) ? ch : (SPELLED[ch] ?? (ch === '\t' ? ' ' : '?'));
  return out;
}
