// Error-log timestamps: `%t`/`%{u}t`/`%{m}t` ctime style, `%{c}t`/`%{cu}t`/`%{cuz}t` compact style (httpd
// server/util_time.c), and `%{%…}t` strftime specs (server/log.c log_ctime).

export interface ErrorLogTimeOptions {
  /** Minutes east of UTC to read zone-less times in; undefined = the agent's local zone (TZ). */
  utcOffsetMinutes?: number;
}

const MONTHS: Record<string, number> = {
  Jan: 0,
  Feb: 1,
  Mar: 2,
  Apr: 3,
  May: 4,
  Jun: 5,
  Jul: 6,
  Aug: 7,
  Sep: 8,
  Oct: 9,
  Nov: 10,
  Dec: 11,
};

// `Mon Nov 23 20:37:43.265067 2026`; the day may be space-padded in other builds.
const CTIME =
  /^[A-Z][a-z]{2} ([A-Z][a-z]{2}) ( ?\d{1,2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))? (\d{4})(?: ([+-])(\d{2}):?(\d{2}))?$/;
// `2026-11-23 20:33:34.225328` with an optional ` +0100` zone (%{cuz}t).
const COMPACT = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?(?: ([+-])(\d{2}):?(\d{2}))?$/;

function wallClockSeconds(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  offsetMinutes: number | undefined,
): number | undefined {
  if (month < 0 || month > 11 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return undefined;
  const ms =
    offsetMinutes === undefined
      ? new Date(year, month, day, hour, minute, second).getTime()
      : Date.UTC(year, month, day, hour, minute, second) - offsetMinutes * 60_000;
  return Number.isFinite(ms) ? ms / 1000 : undefined;
}

// One-entry cache of the last second seen: consecutive lines share it, and Date in a TZ is the slow part.
// Both shapes put `HH:MM:SS` before index 19, `.uuuuuu` at 19–25, and the rest (year, zone) after 26.
let cachedSecond = '\u0000';
let cachedRest = '';
let cachedLength = -1;
let cachedOffset: number | undefined;
let cachedBase = 0;

function remember(text: string, base: number, offset: number | undefined): void {
  if (text.length < 26 || text.charCodeAt(19) !== 46) return;
  cachedSecond = text.slice(0, 19);
  cachedRest = text.slice(26);
  cachedLength = text.length;
  cachedOffset = offset;
  cachedBase = base;
}

function zoneMinutes(sign: string, hours: string, minutes: string): number {
  return (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes));
}

function fraction(digits: string | undefined): number {
  return digits === undefined ? 0 : Number(digits) / 10 ** digits.length;
}

/** parseErrorLogTime(text.slice(start, end)), without slicing when the second repeats (the common case). */
export function parseErrorLogTimeAt(
  text: string,
  start: number,
  end: number,
  options: ErrorLogTimeOptions = {},
): number | undefined {
  if (
    end - start === cachedLength &&
    cachedOffset === options.utcOffsetMinutes &&
    text.charCodeAt(start + 19) === 46 &&
    text.startsWith(cachedSecond, start) &&
    text.startsWith(cachedRest, start + 26)
  ) {
    let micros = 0;
    for (let i = start + 20; i < start + 26; i++) {
      const d = text.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return undefined;
      micros = micros * 10 + d;
    }
    return cachedBase + micros / 1e6;
  }
  return parseUncached(start === 0 && end === text.length ? text : text.slice(start, end), options);
}

/** Unix seconds (fractional with µs) for an error-log time string, or undefined when it is not a valid time. */
export function parseErrorLogTime(text: string, options: ErrorLogTimeOptions = {}): number | undefined {
  return parseErrorLogTimeAt(text, 0, text.length, options);
}

function parseUncached(text: string, options: ErrorLogTimeOptions): number | undefined {
  let m = CTIME.exec(text);
  if (m !== null) {
    const month = MONTHS[m[1]];
    if (month === undefined) return undefined;
    const offset = m[8] === undefined ? options.utcOffsetMinutes : zoneMinutes(m[8], m[9], m[10]);
    const base = wallClockSeconds(Number(m[7]), month, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), offset);
    if (base === undefined) return undefined;
    if (m[6]?.length === 6) remember(text, base, options.utcOffsetMinutes);
    return base + fraction(m[6]);
  }
  m = COMPACT.exec(text);
  if (m !== null) {
    const offset = m[8] === undefined ? options.utcOffsetMinutes : zoneMinutes(m[8], m[9], m[10]);
    const month = Number(m[2]) - 1;
    const base = wallClockSeconds(Number(m[1]), month, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), offset);
    if (base === undefined) return undefined;
    if (m[7]?.length === 6) remember(text, base, options.utcOffsetMinutes);
    return base + fraction(m[7]);
  }
  return undefined;
}

/** A `%{%…}t` ErrorLogFormat time (strftime in the server's local time, httpd 2.4 server/log.c log_ctime). */
export interface StrftimeTime {
  /** Regex source for the rendered text; no capturing groups. */
  pattern: string;
  /** True when the spec names a full date and time (or `%s`), so that it can time a line. */
  complete: boolean;
  /** Unix seconds, or undefined when the text does not match or names no full date and time. */
  parse(text: string, options?: ErrorLogTimeOptions): number | undefined;
}

const DIGITS = (n: number) => `\\d{${n}}`;
const MONTH_NAMES = Object.keys(MONTHS);
type Part = 'Y' | 'y' | 'm' | 'd' | 'H' | 'I' | 'M' | 'S' | 'p' | 'b' | 'B' | 'z' | 's';
// strftime conversions, as regex and the part each one fills. %a/%A/%Z are matched and ignored.
const CONVERSIONS: Record<string, { re: string; part?: Part } | string> = {
  Y: { re: DIGITS(4), part: 'Y' },
  y: { re: DIGITS(2), part: 'y' },
  m: { re: DIGITS(2), part: 'm' },
  d: { re: DIGITS(2), part: 'd' },
  e: { re: '[ \\d]\\d', part: 'd' },
  H: { re: DIGITS(2), part: 'H' },
  I: { re: DIGITS(2), part: 'I' },
  M: { re: DIGITS(2), part: 'M' },
  S: { re: DIGITS(2), part: 'S' },
  p: { re: '[AP]M', part: 'p' },
  b: { re: '[A-Z][a-z]{2}', part: 'b' },
  h: { re: '[A-Z][a-z]{2}', part: 'b' },
  B: { re: '[A-Z][a-z]+', part: 'B' },
  a: { re: '[A-Z][a-z]{2}' },
  A: { re: '[A-Z][a-z]+' },
  z: { re: '[+-]\\d{4}', part: 'z' },
  Z: { re: '[A-Za-z+\\-0-9]+' },
  s: { re: '\\d+', part: 's' },
  j: { re: DIGITS(3) },
  T: '%H:%M:%S',
  F: '%Y-%m-%d',
  D: '%m/%d/%y',
  R: '%H:%M',
};

/** Compiles a strftime spec (`%Y-%m-%dT%H:%M:%S`); undefined when it uses a conversion this parser does not know. */
export function compileStrftimeTime(spec: string): StrftimeTime | undefined {
  let pattern = '';
  let reader = '';
  const parts: Part[] = [];
  const expand = (s: string): boolean => {
    for (let i = 0; i < s.length; i++) {
      if (s[i] !== '%') {
        const lit = s[i].replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
        pattern += lit;
        reader += lit;
        continue;
      }
      const c = s[++i];
      if (c === '%') {
        pattern += '%';
        reader += '%';
        continue;
      }
      const conv = c === undefined ? undefined : CONVERSIONS[c];
      if (conv === undefined) return false;
      if (typeof conv === 'string') {
        if (!expand(conv)) return false;
        continue;
      }
      pattern += `(?:${conv.re})`;
      reader += conv.part === undefined ? `(?:${conv.re})` : `(${conv.re})`;
      if (conv.part !== undefined) parts.push(conv.part);
    }
    return true;
  };
  if (!expand(spec)) return undefined;
  const re = new RegExp(`^${reader}$`);
  const has = (...p: Part[]) => p.some((x) => parts.includes(x));
  const complete = has('s') || (has('Y', 'y') && has('m', 'b', 'B') && has('d') && has('H', 'I') && has('M'));
  return { pattern, complete, parse: (text, options = {}) => readStrftime(re, parts, text, options) };
}

function readStrftime(re: RegExp, parts: Part[], text: string, options: ErrorLogTimeOptions): number | undefined {
  const m = re.exec(text);
  if (m === null) return undefined;
  const v: Partial<Record<Part, string>> = {};
  parts.forEach((p, i) => {
    v[p] = m[i + 1];
  });
  if (v.s !== undefined) return Number(v.s);
  const year = v.Y !== undefined ? Number(v.Y) : v.y !== undefined ? 2000 + Number(v.y) : undefined;
  const name = v.b ?? v.B?.slice(0, 3);
  const month = v.m !== undefined ? Number(v.m) - 1 : name !== undefined ? MONTH_NAMES.indexOf(name) : undefined;
  let hour = v.H !== undefined ? Number(v.H) : v.I !== undefined ? Number(v.I) % 12 : undefined;
  if (hour !== undefined && v.H === undefined && v.p === 'PM') hour += 12;
  if (year === undefined || month === undefined || v.d === undefined || hour === undefined || v.M === undefined)
    return undefined;
  const offset = v.z === undefined ? options.utcOffsetMinutes : zoneMinutes(v.z[0], v.z.slice(1, 3), v.z.slice(3));
  return wallClockSeconds(year, month, Number(v.d), hour, Number(v.M), Number(v.S ?? 0), offset);
}
