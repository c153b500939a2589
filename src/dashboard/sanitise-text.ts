// Every log-derived string passes here before display: a log line must never drive the terminal (ANSI/OSC injection,
// bidi reordering). Controls become visible Control Pictures so the evidence stays readable.

// C0, DEL, C1, bidi embeddings/overrides (U+202A–202E) and isolates (U+2066–2069), plus U+061C/200E/200F
// marks; lone surrogates become U+FFFD.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u061c\u200e\u200f]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function picture(c: string): string {
  const code = c.charCodeAt(0);
  if (code === 0x09) return ' '; // tab: column alignment
  if (code < 0x20) return String.fromCharCode(0x2400 + code); // ␛ for ESC, ␀ …
  if (code === 0x7f) return '\u2421'; // ␡
  return '\ufffd'; // C1 (8-bit CSI/OSC) and bidi controls
}

/** Neutralises controls and escape sequences; truncates to `maxLength` code points with an ellipsis. */
export function sanitiseText(s: string, maxLength?: number): string {
  const safe = s.replace(LONE_SURROGATE, '\ufffd').replace(UNSAFE, picture);
  if (maxLength === undefined) return safe;
  const points = Array.from(safe);
  if (points.length <= maxLength) return safe;
  if (maxLength <= 0) return '';
  return `${points.slice(0, maxLength - 1).join('')}…`;
}
