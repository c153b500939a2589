// One location's row, from whatever a view knows about it: the engine's aggregates, or a fleet's PromQL results.
// The one place that decides `no-limit` and words the verdict.

import { explainVerdict } from '../analyse/throughput/explain-verdict.ts';
import type { LocationVerdict } from '../analyse/throughput/location-verdict.ts';
import type { Verdict } from '../analyse/throughput/verdict.ts';
import type { WsgiDaemonModel } from '../config/apache/config-model.ts';
import type { LiveLocationRow } from './report.ts';

export interface LocationFacts {
  vhost: string;
  location: string;
  rateKiBps?: number;
  burstKiB?: number;
  daemon?: WsgiDaemonModel;
  /** RATE_LIMIT only for these MIME types or extensions. */
  filterOnly?: string[];
  /** The verdict window's answer; undefined when nothing was ever measured there. */
  measured?: LocationVerdict;
  modWsgiVersion?: string;
  ratioHistory?: number[];
  requests: { requestsTotal: number; requestsPerSecond: number; errorRatio: number; p95DurationSeconds?: number };
  /** A view without the evidence (the fleet) says where it is instead. */
  explanation?: string;
}

/** No rate known and nothing measured: no limit applies. A rate but too little measured: insufficient data. */
export function locationVerdict(rateKiBps: number | undefined, measured: LocationVerdict | undefined): Verdict {
  if (rateKiBps === undefined && (measured === undefined || measured.samples === 0)) return 'no-limit';
  return measured?.verdict ?? 'insufficient-data';
}

export function buildLocationRow(facts: LocationFacts): LiveLocationRow {
  const measured: LocationVerdict = facts.measured ?? { verdict: 'insufficient-data', samples: 0 };
  const verdict = locationVerdict(facts.rateKiBps, facts.measured);
  return {
    vhost: facts.vhost,
    location: facts.location,
    rateKiBps: facts.rateKiBps,
    burstKiB: facts.burstKiB,
    daemonGroup: facts.daemon?.name,
    flushDelayMs: facts.daemon?.responseFlushDelayMs,
    samples: measured.samples,
    achievedKiBps: measured.achievedKiBps,
    medianRatio: measured.medianRatio,
    verdict,
    explanation:
      facts.explanation ??
      explainVerdict({
        verdict: { ...measured, verdict },
        location: `${facts.vhost} ${facts.location}`,
        rateKiB: facts.rateKiBps,
        daemon: facts.daemon,
        modWsgiVersion: facts.modWsgiVersion,
        filterOnly: facts.filterOnly,
      }),
    ratioHistory: facts.ratioHistory ?? [],
    requestsTotal: facts.requests.requestsTotal,
    requestsPerSecond: facts.requests.requestsPerSecond,
    errorRatio: facts.requests.errorRatio,
    p95DurationSeconds: facts.requests.p95DurationSeconds,
  };
}
