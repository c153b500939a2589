// %t: `23/Nov/2026:20:39:56 +0000` (mod_log_config.c "[%02d/%s/%d:%02d:%02d:%02d %c%.2d%.2d]") → unix seconds.

const MONTHS: Record<string, number> = {
  Jan: 1,
  Feb: 2,
  Mar: 3,
  Apr: 4,
  May: 5,
  Jun: 6,
  Jul: 7,
  Aug: 8,
  Sep: 9,
  Oct: 10,
  Nov: 11,
  Dec: 12,
};

/** Month number 1-12 for an English abbreviation (`Nov`), case-sensitive as Apache writes it; 0 if unknown. */
export function monthFromAbbreviation(name: string): number {
  return Object.hasOwn(MONTHS, name) ? MONTHS[name] : 0;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil: no Date object per line). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = (((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) | 0) + day - 1;
  const doe = yoe * 365 + ((yoe / 4) | 0) - ((yoe / 100) | 0) + doy;
  return era * 146097 + doe - 719468;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function digit(s: string, i: number): number {
  const d = s.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : -100_000;
}

function two(s: string, i: number): number {
  return digit(s, i) * 10 + digit(s, i + 1);
}

/** Month 1-12 from the three letters at `i` (`Nov`), without slicing a string per line; 0 if unknown. */
function monthAt(s: string, i: number): number {
  const key = (s.charCodeAt(i) << 16) | (s.charCodeAt(i + 1) << 8) | s.charCodeAt(i + 2);
  switch (key) {
    case 0x4a616e:
      return 1;
    case 0x466562:
      return 2;
    case 0x4d6172:
      return 3;
    case 0x417072:
      return 4;
    case 0x4d6179:
      return 5;
    case 0x4a756e:
      return 6;
    case 0x4a756c:
      return 7;
    case 0x417567:
      return 8;
    case 0x536570:
      return 9;
    case 0x4f6374:
      return 10;
    case 0x4e6f76:
      return 11;
    case 0x446563:
      return 12;
    default:
      return 0;
  }
}

/**
 * The last valid time's characters and its unix seconds less its seconds: a log's lines share their minute and zone,
 * so most lines compare 24 characters and read the seconds (parsing and validating all 26 was ~7% of the pipeline
 * bench). Character codes, not a string: nothing of a line is kept. Position 0 is 0 until the first valid time.
 */
const cachedCodes = new Uint16Array(26);
let cachedMinuteSeconds = 0;

/** s[o, o + 26) is the cached time but for the seconds (positions 18-19); minute digits first, they change most. */
function sameMinuteAndZone(s: string, o: number): boolean {
  if (s.charCodeAt(o + 16) !== cachedCodes[16] || s.charCodeAt(o + 15) !== cachedCodes[15]) return false;
  for (let k = 0; k < 15; k += 1) if (s.charCodeAt(o + k) !== cachedCodes[k]) return false;
  if (s.charCodeAt(o + 17) !== cachedCodes[17]) return false;
  for (let k = 20; k < 26; k += 1) if (s.charCodeAt(o + k) !== cachedCodes[k]) return false;
  return true;
}

/** Parses `dd/Mon/yyyy:HH:MM:SS +zzzz` found at s[start, end); NaN when it is not a valid CLF time. */
export function parseClfTimeAt(s: string, start: number, end: number): number {
  if (end - start !== 26) return Number.NaN;
  const o = start;
  if (sameMinuteAndZone(s, o)) {
    const second = two(s, o + 18);
    if (second >= 0 && second <= 60) return cachedMinuteSeconds + second;
  }
  if (s.charCodeAt(o + 2) !== 47 || s.charCodeAt(o + 6) !== 47 || s.charCodeAt(o + 11) !== 58) return Number.NaN;
  if (s.charCodeAt(o + 14) !== 58 || s.charCodeAt(o + 17) !== 58 || s.charCodeAt(o + 20) !== 32) return Number.NaN;
  const day = two(s, o);
  const month = monthAt(s, o + 3);
  const year = two(s, o + 7) * 100 + two(s, o + 9);
  const hour = two(s, o + 12);
  const minute = two(s, o + 15);
  const second = two(s, o + 18);
  const sign = s.charCodeAt(o + 21);
  const zoneHours = two(s, o + 22);
  const zoneMinutes = two(s, o + 24);
  if (month === 0 || year < 0 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) return Number.NaN;
  if ((sign !== 43 && sign !== 45) || zoneHours < 0 || zoneMinutes < 0 || zoneMinutes > 59) return Number.NaN;
  const zoneSeconds = (zoneHours * 3600 + zoneMinutes * 60) * (sign === 45 ? -1 : 1);
  const minuteSeconds = daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 - zoneSeconds;
  for (let k = 0; k < 26; k += 1) cachedCodes[k] = s.charCodeAt(o + k);
  cachedMinuteSeconds = minuteSeconds;
  return minuteSeconds + second;
}

/** Parses the inside of `[…]` (`23/Nov/2026:20:39:56 +0000`); NaN when it is not a valid CLF time. */
export function parseClfTime(s: string): number {
  return parseClfTimeAt(s, 0, s.length);
}
