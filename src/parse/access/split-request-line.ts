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
