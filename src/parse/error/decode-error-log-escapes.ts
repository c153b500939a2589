// Undoes ap_escape_errorlog_item() (httpd server/util.c:2251-2310): `\xHH` runs are UTF-8 bytes; `\n \r \t \b \v \\`.

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', v: '\v', '\\': '\\', '"': '"' };
const decoder = new TextDecoder('utf-8', { fatal: false });

function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  if (code >= 65 && code <= 70) return code - 55;
  return -1;
}

/** Decodes error-log escapes; unknown escapes are kept as written; invalid UTF-8 becomes U+FFFD. Linear time. */
export function decodeErrorLogEscapes(text: string): string {
  let slash = text.indexOf('\\');
  if (slash < 0) return text;
  let out = text.slice(0, slash);
  let bytes: number[] = [];
  let i = slash;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 92 && i + 1 < n) {
      const next = text[i + 1];
      if (next === 'x' && i + 3 < n) {
        const hi = hexValue(text.charCodeAt(i + 2));
        const lo = hexValue(text.charCodeAt(i + 3));
        if (hi >= 0 && lo >= 0) {
          bytes.push(hi * 16 + lo);
          i += 4;
          continue;
        }
      }
      if (bytes.length > 0) {
        out += decoder.decode(new Uint8Array(bytes));
        bytes = [];
      }
      const simple = SIMPLE_ESCAPES[next];
      if (simple !== undefined) {
        out += simple;
        i += 2;
        continue;
      }
      out += '\\';
      i += 1;
      continue;
    }
    if (bytes.length > 0) {
      out += decoder.decode(new Uint8Array(bytes));
      bytes = [];
    }
    slash = text.indexOf('\\', i);
    const end = slash < 0 ? n : slash;
    out += text.slice(i, end);
    i = end;
  }
  if (bytes.length > 0) out += decoder.decode(new Uint8Array(bytes));
  return out;
}
