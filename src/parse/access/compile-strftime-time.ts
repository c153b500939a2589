// %{format}t with a strftime format (mod_log_config.c log_request_time_custom → apr_strftime, C locale, server local time).
import { daysFromCivil, daysInMonth, monthFromAbbreviation } from './parse-clf-time.ts';

type Part =
  | 'year'
  | 'year2'
  | 'month'
  | 'monthName'
  | 'day'
  | 'hour'
  | 'hour12'
  | 'ampm'
  | 'minute'
  | 'second'
  | 'zone'
  | 'epoch'
  | 'yday';

export interface StrftimeTime {
  /** Regex source (no capture groups) matching what apr_strftime writes for this format. */
  pattern: string;
  /** True when the format carries enough to recover a moment (a date and, optionally, a time; or %s). */
  complete: boolean;
  /** Unix seconds, or NaN. Without %z the wall time is read in this process's local zone (Apache's TZ). */
  parse(value: string): number;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

// Composite conversions expand to simpler ones (glibc C locale).
const COMPOSITE: Record<string, string> = {
  T: '%H:%M:%S',
  D: '%m/%d/%y',
  F: '%Y-%m-%d',
  R: '%H:%M',
  r: '%I:%M:%S %p',
  c: '%a %b %e %H:%M:%S %Y',
  x: '%m/%d/%y',
  X: '%H:%M:%S',
};

const SIMPLE: Record<string, [string, Part?]> = {
  a: ['[A-Z][a-z]{2}'],
  A: ['[A-Z][a-z]+'],
  b: ['[A-Z][a-z]{2}', 'monthName'],
  h: ['[A-Z][a-z]{2}', 'monthName'],
  B: ['[A-Z][a-z]+', 'monthName'],
  C: ['\\d{2}'],
  d: ['\\d{2}', 'day'],
  e: ['[ \\d]\\d', 'day'],
  g: ['\\d{2}'],
  G: ['\\d{4}'],
  H: ['\\d{2}', 'hour'],
  I: ['\\d{2}', 'hour12'],
  j: ['\\d{3}', 'yday'],
  k: ['[ \\d]\\d', 'hour'],
  l: ['[ \\d]\\d', 'hour12'],
  m: ['\\d{2}', 'month'],
  M: ['\\d{2}', 'minute'],
  n: ['\\n'],
  p: ['[AP]M', 'ampm'],
  s: ['\\d+', 'epoch'],
  S: ['\\d{2}', 'second'],
  t: ['\\t'],
  u: ['\\d'],
  U: ['\\d{2}'],
  V: ['\\d{2}'],
  w: ['\\d'],
  W: ['\\d{2}'],
  y: ['\\d{2}', 'year2'],
  Y: ['\\d{4}', 'year'],
  z: ['[+-]\\d{4}', 'zone'],
  Z: ['[A-Za-z0-9+-]+'],
  '%': ['%'],
};

function expand(format: string): string {
  return format.replace(/%([TDFRrcxX])/g, (_m, c: string) => COMPOSITE[c]);
}

/** Compiles a strftime format into a matcher and a parser of what it wrote. */
export function compileStrftimeTime(format: string): StrftimeTime {
  const expanded = expand(format);
  let pattern = '';
  let capturing = '';
  const parts: Part[] = [];
  for (let i = 0; i < expanded.length; i += 1) {
    const ch = expanded[i];
    if (ch === '%' && i + 1 < expanded.length) {
      const spec = SIMPLE[expanded[i + 1]];
      i += 1;
      if (spec === undefined) {
        // glibc writes an unknown conversion as is
        const lit = escapeRe(`%${expanded[i]}`);
        pattern += lit;
        capturing += lit;
        continue;
      }
      pattern += `(?:${spec[0]})`;
      if (spec[1] !== undefined) {
        capturing += `(${spec[0]})`;
        parts.push(spec[1]);
      } else {
        capturing += `(?:${spec[0]})`;
      }
    } else {
      const lit = escapeRe(ch);
      pattern += lit;
      capturing += lit;
    }
  }
  const has = new Set(parts);
  const complete =
    has.has('epoch') ||
    ((has.has('year') || has.has('year2')) &&
      (has.has('month') || has.has('monthName') || has.has('yday')) &&
      (has.has('day') || has.has('yday')));
  const re = new RegExp(`^${capturing}$`);
  return { pattern, complete, parse: (value) => parseWith(re, parts, value) };
}

function parseWith(re: RegExp, parts: Part[], value: string): number {
  const m = re.exec(value);
  if (m === null) return Number.NaN;
  let year = 1970;
  let month = 1;
  let day = 1;
  let yday = 0;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let pm: boolean | undefined;
  let zone: number | undefined;
  for (let k = 0; k < parts.length; k += 1) {
    const v = m[k + 1];
    switch (parts[k]) {
      case 'epoch':
        return Number(v);
      case 'year':
        year = Number(v);
        break;
      case 'year2':
        // POSIX %y: 69-99 → 19xx, 00-68 → 20xx
        year = Number(v) + (Number(v) < 69 ? 2000 : 1900);
        break;
      case 'month':
        month = Number(v);
        break;
      case 'monthName':
        month = monthFromAbbreviation(v.slice(0, 3));
        break;
      case 'day':
        day = Number(v.trim());
        break;
      case 'yday':
        yday = Number(v);
        break;
      case 'hour':
        hour = Number(v.trim());
        break;
      case 'hour12':
        hour = Number(v.trim()) % 12;
        break;
      case 'ampm':
        pm = v === 'PM';
        break;
      case 'minute':
        minute = Number(v);
        break;
      case 'second':
        second = Number(v);
        break;
      case 'zone':
        zone = (v[0] === '-' ? -1 : 1) * (Number(v.slice(1, 3)) * 3600 + Number(v.slice(3, 5)) * 60);
        break;
    }
  }
  if (pm) hour += 12;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  if (hour > 23 || minute > 59 || second > 60) return Number.NaN;
  let days = daysFromCivil(year, month, day);
  if (yday > 0) days = daysFromCivil(year, 1, 1) + yday - 1;
  const wall = days * 86400 + hour * 3600 + minute * 60 + second;
  if (zone !== undefined) return wall - zone;
  // local zone: build the same wall time as a local Date
  const w = new Date(wall * 1000);
  const local = new Date(
    w.getUTCFullYear(),
    w.getUTCMonth(),
    w.getUTCDate(),
    w.getUTCHours(),
    w.getUTCMinutes(),
    w.getUTCSeconds(),
  );
  return local.getTime() / 1000;
}
