// Undoes ap_escape_errorlog_item() (httpd server/util.c:2251-2310): `\xHH` runs are UTF-8 bytes; `\n \r \t \b \v \\`.

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', v: '\v', '\\': '\\', '"': '"' };
// ignoreBOM: by default a decoder drops a leading U+FEFF, which would lose a logged \xef\xbb\xbf run.
const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

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
  const n = text.length;
  let out = '';
  let copied = 0; // text[copied, slash) is still to be copied verbatim
  let bytes: number[] = [];
  while (slash >= 0) {
    const next = slash + 1 < n ? text[slash + 1] : '';
    let consumed = 0;
    let decoded: string | undefined;
    if (next === 'x' && slash + 3 < n) {
      const hi = hexValue(text.charCodeAt(slash + 2));
      const lo = hexValue(text.charCodeAt(slash + 3));
      if (hi >= 0 && lo >= 0) {
        // A `\xHH` run is one UTF-8 sequence: collect bytes while the runs are adjacent.
        if (bytes.length > 0 && copied !== slash) {
          out += decoder.decode(new Uint8Array(bytes));
          bytes = [];
        }
        out += text.slice(copied, slash);
        bytes.push(hi * 16 + lo);
        copied = slash + 4;
        slash = text.indexOf('\\', copied);
        continue;
      }
    } else if (next !== '') {
      decoded = SIMPLE_ESCAPES[next];
      consumed = 2;
    }
    if (bytes.length > 0) {
      out += decoder.decode(new Uint8Array(bytes));
      bytes = [];
    }
    if (decoded !== undefined) {
      out += text.slice(copied, slash) + decoded;
      copied = slash + consumed;
      slash = text.indexOf('\\', copied);
    } else {
      // Unknown escape or a lone trailing backslash: keep it as written.
      slash = text.indexOf('\\', slash + 1);
    }
  }
  if (bytes.length > 0) out += decoder.decode(new Uint8Array(bytes));
  return out + text.slice(copied);
}
