// Error-log timestamps: `%t`/`%{u}t` ctime style and `%{c}t`/`%{cu}t`/`%{cuz}t` compact style (httpd server/util_time.c).

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
