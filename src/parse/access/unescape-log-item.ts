// Reverses httpd's ap_escape_logitem (server/util.c:2183-2249): \" \\ \n \r \t \b \v and \xHH (bytes, UTF-8 decoded).

const utf8 = new TextDecoder('utf-8');

function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  if (code >= 65 && code <= 70) return code - 55;
  return -1;
}

/** Byte value of a `\xHH` escape starting at `i`, or -1. */
function escapedByteAt(s: string, i: number): number {
  if (i + 3 >= s.length || s.charCodeAt(i) !== 92 || s.charCodeAt(i + 1) !== 120) return -1;
  const hi = hexValue(s.charCodeAt(i + 2));
  const lo = hexValue(s.charCodeAt(i + 3));
  return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
}

/** Decodes one escaped log item. Unknown escapes and a trailing lone backslash are kept as written. */
export function unescapeLogItem(value: string): string {
  let i = value.indexOf('\\');
  if (i < 0) return value;
  let out = value.slice(0, i);
  const n = value.length;
  while (i < n) {
    const code = value.charCodeAt(i);
    if (code !== 92) {
      const next = value.indexOf('\\', i);
      const end = next < 0 ? n : next;
      out += value.slice(i, end);
      i = end;
      continue;
    }
    const esc = value[i + 1];
    switch (esc) {
      case '"':
        out += '"';
        i += 2;
        break;
      case '\\':
        out += '\\';
        i += 2;
        break;
      case 'n':
        out += '\n';
        i += 2;
        break;
      case 'r':
        out += '\r';
        i += 2;
        break;
      case 't':
        out += '\t';
        i += 2;
        break;
      case 'b':
        out += '\b';
        i += 2;
        break;
      case 'v':
        out += '\v';
        i += 2;
        break;
      case 'x': {
        // a run of \xHH is one byte sequence: decode it together so multi-byte UTF-8 survives
        const bytes: number[] = [];
        let b = escapedByteAt(value, i);
        while (b >= 0) {
          bytes.push(b);
          i += 4;
          b = escapedByteAt(value, i);
        }
        if (bytes.length === 0) {
          out += '\\x';
          i += 2;
        } else {
          out += utf8.decode(Uint8Array.from(bytes));
        }
        break;
      }
      default:
        out += '\\';
        i += 1;
    }
  }
  return out;
}
