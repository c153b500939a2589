// %r: the request line as received (`GET /p?q HTTP/1.1`), still escaped; lenient with malformed lines.

export interface RequestLineParts {
  method: string;
  /** The request target up to `?` (may be absolute-form or `*`). */
  urlPath: string;
  /** `?…` or `''`. */
  query: string;
  /** Absent for HTTP/0.9-style `GET /` lines. */
  protocol?: string;
}

/** Common methods and protocols as shared constants: no string allocated per line for them. */
const COMMON = new Map(
  ['GET', 'POST', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0'].map((v) => [v, v]),
);

/** s[a, b), reusing a shared constant for the common methods and protocols. */
export function sliceCommon(s: string, a: number, b: number): string {
  const n = b - a;
  if (n === 3 && s.charCodeAt(a) === 71 && s.charCodeAt(a + 1) === 69 && s.charCodeAt(a + 2) === 84) return 'GET';
  if (n === 8 && s.charCodeAt(a) === 72 && s.charCodeAt(a + 5) === 49 && s.charCodeAt(a + 7) === 49) {
    if (s.startsWith('HTTP/1.1', a)) return 'HTTP/1.1';
  }
  const v = s.slice(a, b);
  return COMMON.get(v) ?? v;
}

/**
 * Splits on the first and last space; a target with spaces (malformed request) is kept whole.
 * Undefined for `-` (no request line, e.g. 408) and for one-word garbage (TLS bytes on a plain port).
 */
export function splitRequestLine(line: string): RequestLineParts | undefined {
  const first = line.indexOf(' ');
  if (first <= 0) return undefined;
  const method = line.slice(0, first);
  const last = line.lastIndexOf(' ');
  let target: string;
  let protocol: string | undefined;
  if (last > first && line.startsWith('HTTP/', last + 1)) {
    target = line.slice(first + 1, last);
    protocol = line.slice(last + 1);
  } else {
    target = line.slice(first + 1);
  }
  const q = target.indexOf('?');
  const parts: RequestLineParts = {
    method,
    urlPath: q < 0 ? target : target.slice(0, q),
    query: q < 0 ? '' : target.slice(q),
  };
  if (protocol !== undefined) parts.protocol = protocol;
  return parts;
}
