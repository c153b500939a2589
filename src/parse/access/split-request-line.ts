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

/** True when s holds `HTTP/` at i (char codes: cheaper than startsWith per line). */
function httpAt(s: string, i: number): boolean {
  return (
    s.charCodeAt(i) === 72 &&
    s.charCodeAt(i + 1) === 84 &&
    s.charCodeAt(i + 2) === 84 &&
    s.charCodeAt(i + 3) === 80 &&
    s.charCodeAt(i + 4) === 47
  );
}

/** s[a, b), reusing a shared constant for the common methods and protocols. */
export function sliceCommon(s: string, a: number, b: number): string {
  const n = b - a;
  if (n === 3 && s.charCodeAt(a) === 71 && s.charCodeAt(a + 1) === 69 && s.charCodeAt(a + 2) === 84) return 'GET';
  if (n === 8 && httpAt(s, a) && s.charCodeAt(a + 6) === 46) {
    const major = s.charCodeAt(a + 5);
    const minor = s.charCodeAt(a + 7);
    if (major === 49 && minor === 49) return 'HTTP/1.1';
    if (major === 49 && minor === 48) return 'HTTP/1.0';
    if (major === 50 && minor === 48) return 'HTTP/2.0';
  }
  const v = s.slice(a, b);
  return COMMON.get(v) ?? v;
}

/** Where the parts of a request line end: s[start, methodEnd) method, [methodEnd + 1, pathEnd) path, [pathEnd, targetEnd) query, [protocolStart, end) protocol. */
export interface RequestLineBounds {
  methodEnd: number;
  pathEnd: number;
  targetEnd: number;
  /** -1 for HTTP/0.9-style `GET /` lines. */
  protocolStart: number;
}

/** Beyond any string index (V8 strings stay under 2^29 characters), and a small integer: the memory stays all-Smi. */
const NONE = 0x3fffffff;

// The last search for `?` that ran past the end of its request line: in `queryText`, none in [queryFrom, queryAt) and
// `queryAt` holds one (NONE: none after queryFrom). The hot path parses a line as a range of the tailer's decoded read,
// and a line with no query (most) would otherwise search on into the lines after it, to the end of the read for a log
// without queries: lines × read. Remembered, the lines of a read in order scan it about once. It keeps one text alive:
// the last read (a decoded piece, ≤ 64 KiB: line-splitter.ts) or line so searched, as the scanner's own memory does.
let queryText: string | undefined;
let queryFrom = 0;
let queryAt = -1;

/**
 * Splits s[start, end) on its first and last space into `out` (no allocation: the access-log hot path calls it per
 * line); a target with spaces (malformed request) is kept whole. False for one-word text: `-` (no request line, e.g.
 * 408) or garbage (TLS bytes on a plain port). Reads nothing of s outside [start, end).
 */
export function requestLineBounds(s: string, start: number, end: number, out: RequestLineBounds): boolean {
  // the method is a few characters: a loop bounded by the field costs less than a search that could run past it
  let first = start;
  while (first < end && s.charCodeAt(first) !== 32) first += 1;
  if (first === start || first === end) return false;
  // first is a space before end: the backward search stops at it at the latest
  const last = s.lastIndexOf(' ', end - 1);
  let targetEnd = end;
  out.protocolStart = -1;
  if (last > first && last + 5 < end && httpAt(s, last + 1)) {
    targetEnd = last;
    out.protocolStart = last + 1;
  }
  const from = first + 1;
  let q: number;
  // the numbers first: `===` on two distinct strings compares their contents
  if (queryAt >= from && queryFrom <= from && queryText === s) q = queryAt;
  else {
    q = s.indexOf('?', from);
    if (q < 0) q = NONE;
    if (q >= end) {
      queryText = s;
      queryFrom = from;
      queryAt = q;
    }
  }
  out.methodEnd = first;
  // biome-ignore lint/complexity/useMathMinMax: Math.min here made selectAt ~4 % slower (two A/B runs of 5 and 7)
  out.pathEnd = q >= targetEnd ? targetEnd : q;
  out.targetEnd = targetEnd;
  return true;
}

const scratch: RequestLineBounds = { methodEnd: 0, pathEnd: 0, targetEnd: 0, protocolStart: -1 };

/** The parts of s[start, end), still escaped as logged; undefined as for requestLineBounds. */
export function splitRequestLine(s: string, start = 0, end = s.length): RequestLineParts | undefined {
  if (!requestLineBounds(s, start, end, scratch)) return undefined;
  const { methodEnd, pathEnd, targetEnd, protocolStart } = scratch;
  const parts: RequestLineParts = {
    method: sliceCommon(s, start, methodEnd),
    urlPath: s.slice(methodEnd + 1, pathEnd),
    query: pathEnd === targetEnd ? '' : s.slice(pathEnd, targetEnd),
  };
  if (protocolStart >= 0) parts.protocol = sliceCommon(s, protocolStart, end);
  return parts;
}
