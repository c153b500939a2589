// The request aggregates (state/request-stats.ts series) → the report's traffic: requests, bytes and duration
// percentiles per vhost, location and status class. With path segments for locations, the busiest few keep a row.

import { bucketQuantile } from '../state/bucket-quantile.ts';
import { OTHER_SEGMENT } from '../state/path-segment-stats.ts';
import { DURATION_BUCKETS, type RequestSeries } from '../state/request-stats.ts';
import type { Traffic, TrafficFigures, TrafficRow } from './report.ts';

/** Path segments that keep a row of their own; the rest are summed into `other`. */
export const TOP_PATH_SEGMENTS = 20;

interface Sum {
  requests: number;
  responseBytes: number;
  buckets: number[];
}

interface RowSum extends Sum {
  vhost: string;
  location: string;
  byClass: Map<string, Sum>;
}

const newSum = (): Sum => ({ requests: 0, responseBytes: 0, buckets: new Array(DURATION_BUCKETS.length + 1).fill(0) });

function add(into: Sum, s: Sum | RequestSeries): void {
  into.requests += s.requests;
  into.responseBytes += s.responseBytes;
  const buckets = 'buckets' in s ? s.buckets : s.durationBuckets;
  for (let i = 0; i < buckets.length; i++) into.buckets[i] += buckets[i];
}

function addTo(map: Map<string, Sum>, key: string, s: Sum | RequestSeries): void {
  let sum = map.get(key);
  if (sum === undefined) {
    sum = newSum();
    map.set(key, sum);
  }
  add(sum, s);
}

function figures(s: Sum): TrafficFigures {
  const q = (p: number) => bucketQuantile(DURATION_BUCKETS, s.buckets, p);
  const p50 = q(0.5);
  return {
    requests: s.requests,
    responseBytes: s.responseBytes,
    // Always the key (analyse's JSON writes it as null): the contract keeps every key present.
    durationSeconds: p50 === undefined ? undefined : { p50, p90: q(0.9) ?? p50, p99: q(0.99) ?? p50 },
  };
}

const CLASS_ORDER = ['1xx', '2xx', '3xx', '4xx', '5xx', 'other'];

function byClass(map: Map<string, Sum>): Record<string, TrafficFigures> {
  const out: Record<string, TrafficFigures> = {};
  for (const c of CLASS_ORDER) {
    const s = map.get(c);
    if (s !== undefined && s.requests > 0) out[c] = figures(s);
  }
  return out;
}

export function buildTraffic(
  series: Iterable<RequestSeries>,
  locationsFrom: Traffic['locationsFrom'],
  top = TOP_PATH_SEGMENTS,
): Traffic {
  const rows = new Map<string, RowSum>();
  const total = new Map<string, Sum>();
  for (const s of series) {
    if (s.requests === 0) continue;
    const key = `${s.vhost}\u0000${s.location}`;
    let row = rows.get(key);
    if (row === undefined) {
      row = { ...newSum(), vhost: s.vhost, location: s.location, byClass: new Map() };
      rows.set(key, row);
    }
    add(row, s);
    addTo(row.byClass, s.statusClass, s);
    addTo(total, s.statusClass, s);
  }
  let ranked = [...rows.values()].sort(
    (a, b) => b.requests - a.requests || a.vhost.localeCompare(b.vhost) || a.location.localeCompare(b.location),
  );
  if (locationsFrom === 'path-segments') ranked = foldTail(ranked, top);
  return {
    locationsFrom,
    rows: ranked.map(
      (r): TrafficRow => ({ vhost: r.vhost, location: r.location, ...figures(r), byStatusClass: byClass(r.byClass) }),
    ),
    byStatusClass: byClass(total),
  };
}

/** The `top` busiest segments keep their rows; every other one is summed into its vhost's `other`, listed last. */
function foldTail(ranked: RowSum[], top: number): RowSum[] {
  const kept: RowSum[] = [];
  const others = new Map<string, RowSum>();
  for (const r of ranked) {
    if (r.location !== OTHER_SEGMENT && kept.length < top) {
      kept.push(r);
      continue;
    }
    let other = others.get(r.vhost);
    if (other === undefined) {
      other = { ...newSum(), vhost: r.vhost, location: OTHER_SEGMENT, byClass: new Map() };
      others.set(r.vhost, other);
    }
    add(other, r);
    for (const [c, s] of r.byClass) addTo(other.byClass, c, s);
  }
  return [...kept, ...others.values()];
}
