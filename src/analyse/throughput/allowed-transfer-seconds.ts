// Rate-limit conformance: how long mod_ratelimit lets a response take, and how the measured time compares.
// This file: the filter's own timing, from httpd modules/filters/mod_ratelimit.c (formats doc §4.2–4.3).

/** mod_ratelimit.c:25 RATE_INTERVAL_MS. */
export const RATE_INTERVAL_SECONDS = 0.2;
/** mod_ratelimit.c:87-94: atoi(value) * 1024 must fit a positive int, else the filter removes itself. */
export const MAX_RATE_KIB = 2_097_151;

/** One piece: speed / (1000 / RATE_INTERVAL_MS) bytes, integer division (mod_ratelimit.c:117). 0 when the rate is invalid. */
export function pieceBytes(rateKiB: number): number {
  const r = Math.trunc(rateKiB);
  if (!(r > 0) || r > MAX_RATE_KIB) return 0;
  return Math.floor((1024 * r) / 5);
}

/** burst = atoi(value) * 1024; ≤ 0 means none (mod_ratelimit.c:97-105). */
export function burstBytes(burstKiB: number): number {
  const x = Math.trunc(burstKiB);
  return x > 0 ? 1024 * x : 0;
}

/**
 * Formula (A): the first piece plus the burst go out at once, every further piece costs one 200 ms sleep.
 * Returns 0 when the rate is invalid (the filter removes itself and does not pace at all).
 */
export function allowedTransferSeconds(bytes: number, rateKiB: number, burstKiB: number): number {
  const c = pieceBytes(rateKiB);
  if (c === 0) return 0;
  const rest = bytes - c - burstBytes(burstKiB);
  if (!(rest > 0)) return 0;
  return RATE_INTERVAL_SECONDS * Math.ceil(rest / c);
}
