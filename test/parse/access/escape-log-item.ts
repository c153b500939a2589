// Test helper: what httpd's ap_escape_logitem (server/util.c:2183-2249) writes for a value, byte by byte.

const NAMED: Record<number, string> = { 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 13: '\\r', 34: '\\"', 92: '\\\\' };

/** Escapes the UTF-8 bytes of `value` as Apache does: named escapes, printable ASCII as is, everything else \xhh. */
export function escapeLogItem(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const named = NAMED[byte];
    if (named !== undefined) out += named;
    else if (byte >= 0x20 && byte < 0x7f) out += String.fromCharCode(byte);
    else out += `\\x${byte.toString(16).padStart(2, '0')}`;
  }
  return out;
}
