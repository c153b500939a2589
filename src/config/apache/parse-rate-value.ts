// `rate-limit` / `rate-initial-burst` as mod_ratelimit reads them: atoi(value) * 1024 in a C int (mod_ratelimit.c:87, 99).

import { atoi } from './parse-wsgi-daemon-process.ts';

/** Largest KiB value whose `* 1024` still fits a 32-bit int; above it the product overflows and the filter disables itself. */
export const MAX_RATE_KIB = 2097151;

export interface RateValue {
  /** KiB(/s), undefined when mod_ratelimit would treat it as invalid (≤ 0, non-numeric, overflow) or it is not static. */
  kib?: number;
  /** The value is filled at request time (`$1`, `%{…}`): it cannot be judged from the config. */
  dynamic: boolean;
}

export function parseRateValue(raw: string): RateValue {
  if (/\$\d|\$\{|%\{/.test(raw)) return { dynamic: true };
  const kib = atoi(raw);
  if (kib <= 0 || kib > MAX_RATE_KIB) return { dynamic: false };
  return { kib, dynamic: false };
}
