// Reverses httpd's ap_escape_logitem (server/util.c:2183-2249): \" \\ \n \r \t \b \v and \xHH (bytes, UTF-8 decoded).

// ignoreBOM: by default a decoder drops a leading U+FEFF, which would lose a logged \xef\xbb\xbf run.
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

const NAMED: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', n: '\n', r: '\r', t: '\t', b: '\b', v: '\v' };

// A run of \xHH is one byte sequence (decoded together so multi-byte UTF-8 survives); else one escaped character.
// String.replace builds the result natively: linear, no rope of one-character pieces for the GC to copy.
const ESCAPE = /\\(?:(x[0-9A-Fa-f]{2}(?:\\x[0-9A-Fa-f]{2})*)|([\s\S]))/g;

function decodeEscape(match: string, hexRun: string | undefined, char: string | undefined): string {
  if (hexRun !== undefined) {
    const bytes = new Uint8Array(match.length / 4);
    for (let i = 0; i < bytes.length; i += 1) bytes[i] = Number.parseInt(match.slice(i * 4 + 2, i * 4 + 4), 16);
    return utf8.decode(bytes);
  }
  // unknown escapes are kept as written
  return (char !== undefined && Object.hasOwn(NAMED, char) ? NAMED[char] : undefined) ?? match;
}

/** Decodes one escaped log item. Unknown escapes and a trailing lone backslash are kept as written. */
export function unescapeLogItem(value: string): string {
  if (value.indexOf('\\') < 0) return value;
  return value.replace(ESCAPE, decodeEscape);
}
