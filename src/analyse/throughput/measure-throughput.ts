// Per response: the time mod_ratelimit allows ÷ the time Apache logged, or why the response cannot be measured.

import type { AccessRecord } from '../../parse/access/access-record.ts';
import { allowedTransferSeconds, burstBytes, pieceBytes } from './allowed-transfer-seconds.ts';

export type UnmeasuredReason = 'non_2xx' | 'head' | 'aborted' | 'within_burst' | 'no_rule' | 'no_duration' | 'no_bytes';

export const UNMEASURED_REASONS: readonly UnmeasuredReason[] = [
  'non_2xx',
  'head',
  'aborted',
  'within_burst',
  'no_rule',
  'no_duration',
  'no_bytes',
];

export interface ThroughputSample {
  /** allowedSeconds ÷ measuredSeconds: 1 = at the limit, < 1 slower than allowed, > 1 faster than allowed. */
  ratio: number;
  bytes: number;
  /** Which field `bytes` came from: %O (what left, headers included) or the %B fallback (can overstate). */
  bytesField: '%O' | '%B';
  measuredSeconds: number;
  allowedSeconds: number;
  rateKiB: number;
  /** The burst used for `allowedSeconds`: 0 for daemon-mode responses (formats doc §4.3 C). */
  burstKiB: number;
  achievedBytesPerSecond: number;
}

export interface RateContext {
  /** Effective rate-limit, KiB/s (from %{rate-limit}e, else the config rule). */
  rateKiB?: number;
  /** Effective rate-initial-burst, KiB. */
  burstKiB?: number;
  /** Served by a mod_wsgi daemon process: its many small brigades use up the burst without sending it (§4.3 C). */
  daemonMode: boolean;
  /** RATE_LIMIT is in the output filter chain for this response (as far as the caller can tell). */
  limited: boolean;
}

/** Cheap enough to run per access line: no allocation on the skip paths. */
export function measureThroughput(
  record: AccessRecord,
  context: RateContext,
): ThroughputSample | { skipped: UnmeasuredReason } {
  const rateKiB = context.rateKiB;
  if (!context.limited || rateKiB === undefined || pieceBytes(rateKiB) === 0) return SKIP.no_rule;
  if (record.method === 'HEAD') return SKIP.head;
  const status = record.status;
  if (status === undefined || status < 200 || status > 299) return SKIP.non_2xx;
  // %X = X: the client went away; %O is what left, %D is when the filter noticed (formats doc §3.3).
  if (record.connectionStatus === 'X') return SKIP.aborted;

  let bytes = record.responseBytes;
  let bytesField: '%O' | '%B' = '%O';
  if (bytes === undefined) {
    bytes = record.bodyBytes;
    bytesField = '%B';
  }
  if (bytes === undefined || !(bytes > 0)) return SKIP.no_bytes;

  const burstKiB = context.daemonMode ? 0 : Math.max(0, Math.trunc(context.burstKiB ?? 0));
  // Within the first piece plus burst nothing is paced: the ratio would only measure the app.
  if (bytes <= pieceBytes(rateKiB) + burstBytes(burstKiB)) return SKIP.within_burst;

  const duration = record.durationSeconds;
  if (duration === undefined) return SKIP.no_duration;
  // %D − %^FB: the part spent pushing the body through the filters (%^FB is taken before RATE_LIMIT).
  const ttfb = record.ttfbSeconds;
  const measuredSeconds = ttfb !== undefined && ttfb >= 0 && ttfb < duration ? duration - ttfb : duration;
  // Times are logged in whole µs (%D, %{us}T, %^FB): less than half of one is zero, and would divide to Infinity.
  if (!(measuredSeconds >= HALF_MICROSECOND)) return SKIP.no_duration;

  const allowedSeconds = allowedTransferSeconds(bytes, rateKiB, burstKiB);
  return {
    ratio: allowedSeconds / measuredSeconds,
    bytes,
    bytesField,
    measuredSeconds,
    allowedSeconds,
    rateKiB: Math.trunc(rateKiB),
    burstKiB,
    achievedBytesPerSecond: bytes / measuredSeconds,
  };
}

const HALF_MICROSECOND = 0.5e-6;

// Frozen singletons so the skip paths allocate nothing.
const SKIP: Record<UnmeasuredReason, { readonly skipped: UnmeasuredReason }> = Object.freeze({
  non_2xx: Object.freeze({ skipped: 'non_2xx' as const }),
  head: Object.freeze({ skipped: 'head' as const }),
  aborted: Object.freeze({ skipped: 'aborted' as const }),
  within_burst: Object.freeze({ skipped: 'within_burst' as const }),
  no_rule: Object.freeze({ skipped: 'no_rule' as const }),
  no_duration: Object.freeze({ skipped: 'no_duration' as const }),
  no_bytes: Object.freeze({ skipped: 'no_bytes' as const }),
});
