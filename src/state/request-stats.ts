// Per (vhost, location, status class) request aggregates for apache_http_*, plus a per-location one-minute window
// (req/s, 5xx ratio, p95 duration) for the dashboard and the JSON API. Plain Maps on the hot path.

import { bucketIndex } from './bucket-index.ts';
import { type LocationMap, locationEntry } from './location-entry.ts';

/** Throttled downloads are long: buckets reach 300 s. */
export const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300] as const;
export const STATUS_CLASSES = ['1xx', '2xx', '3xx', '4xx', '5xx'] as const;

export interface RequestSeries {
  vhost: string;
  location: string;
  statusClass: string;
  requests: number;
  responseBytes: number;
  durationCount: number;
  durationSum: number;
  /** Per-bucket (not cumulative) duration counts, DURATION_BUCKETS.length + 1 slots. */
  durationBuckets: number[];
}

export interface LocationWindow {
  /** 60 one-second slots: [second, requests, 5xx]. */
  seconds: Int32Array;
  requests: Int32Array;
  errors: Int32Array;
  durations: Float64Array;
  durationNext: number;
  durationFilled: number;
  total: number;
}

const WINDOW_SECONDS = 60;
const DURATION_RESERVOIR = 512;

export interface LocationRecentStats {
  requestsTotal: number;
  requestsPerSecond: number;
  errorRatio: number;
  p95DurationSeconds?: number;
}

/** One (vhost, location)'s aggregates: resolved once, then recorded to without a label lookup per line. */
export interface RequestLocation {
  readonly vhost: string;
  readonly location: string;
}

export interface RequestStats {
  record(
    vhost: string,
    location: string,
    status: number | undefined,
    bytes: number | undefined,
    durationSeconds: number | undefined,
    nowSeconds: number,
  ): void;
  /** The aggregates of (vhost, location), created when new: for recordAt. */
  location(vhost: string, location: string): RequestLocation;
  /** record() to a location already resolved (the pipeline keeps one per request context). */
  recordAt(
    at: RequestLocation,
    status: number | undefined,
    bytes: number | undefined,
    durationSeconds: number | undefined,
    nowSeconds: number,
  ): void;
  /** Zero series for a configured location, so rates exist before the first request. */
  declare(vhost: string, location: string): void;
  series(): Iterable<RequestSeries>;
  recent(vhost: string, location: string, nowSeconds: number): LocationRecentStats;
  locations(): { vhost: string; location: string }[];
  /** Plain data for merge(): a worker's share of `analyse --jobs`. */
  part(): RequestStatsPart;
  /**
   * Adds a part read after everything merged so far, on the same clock: locations and series in the part's first-seen
   * order, counts added, each one-second slot kept or replaced as the later records would have, the part's durations
   * appended to the reservoir in order.
   */
  merge(part: RequestStatsPart): void;
}

export interface RequestStatsPart {
  locations: { vhost: string; location: string; window: LocationWindow }[];
  series: (Omit<RequestSeries, 'statusClass'> & { classIndex: number })[];
}

const CLASS_BY_HUNDRED = ['other', '1xx', '2xx', '3xx', '4xx', '5xx'];

/** CLASS_BY_HUNDRED's index of `5xx`. */
const SERVER_ERROR = 5;

/** Index into CLASS_BY_HUNDRED: 0 for `other`. */
function statusClassIndex(status: number | undefined): number {
  if (status === undefined || status < 100 || status > 599) return 0;
  return (status / 100) | 0;
}

export function statusClassOf(status: number | undefined): string {
  return CLASS_BY_HUNDRED[statusClassIndex(status)];
}

// biome-ignore lint/complexity/noExcessiveLinesPerFunction: the per-line record and its readers share the two-level maps in this closure (no key concatenation on the hot path).
export function createRequestStats(): RequestStats {
  // Two-level maps keyed by the (interned) label strings: no key concatenation on the hot path.
  const byLocation: LocationMap<LocationEntry> = new Map();
  const series: RequestSeries[] = [];

  const create = (vhost: string, location: string): LocationEntry => ({
    vhost,
    location,
    window: newWindow(),
    byClass: new Array(CLASS_BY_HUNDRED.length).fill(undefined),
  });
  const entryFor = (vhost: string, location: string) => locationEntry(byLocation, vhost, location, create);

  function seriesFor(e: LocationEntry, classIndex: number): RequestSeries {
    let s = e.byClass[classIndex];
    if (s === undefined) {
      const statusClass = CLASS_BY_HUNDRED[classIndex];
      s = {
        vhost: e.vhost,
        location: e.location,
        statusClass,
        requests: 0,
        responseBytes: 0,
        durationCount: 0,
        durationSum: 0,
        durationBuckets: new Array(DURATION_BUCKETS.length + 1).fill(0),
      };
      e.byClass[classIndex] = s;
      series.push(s);
    }
    return s;
  }

  function recordAt(
    at: RequestLocation,
    status: number | undefined,
    bytes: number | undefined,
    durationSeconds: number | undefined,
    nowSeconds: number,
  ): void {
    const e = at as LocationEntry;
    const classIndex = statusClassIndex(status);
    const s = seriesFor(e, classIndex);
    s.requests++;
    if (bytes !== undefined) s.responseBytes += bytes;
    if (durationSeconds !== undefined) {
      s.durationCount++;
      s.durationSum += durationSeconds;
      s.durationBuckets[bucketIndex(DURATION_BUCKETS, durationSeconds)]++;
    }
    const w = e.window;
    w.total++;
    const second = Math.floor(nowSeconds);
    const slot = second % WINDOW_SECONDS;
    if (w.seconds[slot] !== second) {
      w.seconds[slot] = second;
      w.requests[slot] = 0;
      w.errors[slot] = 0;
    }
    w.requests[slot]++;
    if (classIndex === SERVER_ERROR) w.errors[slot]++;
    if (durationSeconds !== undefined) {
      w.durations[w.durationNext] = durationSeconds;
      w.durationNext = (w.durationNext + 1) % DURATION_RESERVOIR;
      if (w.durationFilled < DURATION_RESERVOIR) w.durationFilled++;
    }
  }

  return {
    declare(vhost, location) {
      const e = entryFor(vhost, location);
      for (const c of STATUS_CLASSES) seriesFor(e, CLASS_BY_HUNDRED.indexOf(c));
    },
    location: entryFor,
    recordAt,
    record(vhost, location, status, bytes, durationSeconds, nowSeconds) {
      recordAt(entryFor(vhost, location), status, bytes, durationSeconds, nowSeconds);
    },
    series: () => series,
    locations() {
      const out: { vhost: string; location: string }[] = [];
      for (const [vhost, inner] of byLocation) for (const location of inner.keys()) out.push({ vhost, location });
      return out;
    },
    part() {
      const locations: RequestStatsPart['locations'] = [];
      for (const inner of byLocation.values())
        for (const e of inner.values()) locations.push({ vhost: e.vhost, location: e.location, window: e.window });
      return {
        locations,
        series: series.map(({ statusClass, ...rest }) => ({
          ...rest,
          classIndex: CLASS_BY_HUNDRED.indexOf(statusClass),
        })),
      };
    },
    merge(part) {
      for (const p of part.locations) mergeWindow(entryFor(p.vhost, p.location).window, p.window);
      for (const p of part.series) {
        const s = seriesFor(entryFor(p.vhost, p.location), p.classIndex);
        s.requests += p.requests;
        s.responseBytes += p.responseBytes;
        s.durationCount += p.durationCount;
        s.durationSum += p.durationSum;
        for (let i = 0; i < p.durationBuckets.length; i++) s.durationBuckets[i] += p.durationBuckets[i];
      }
    },
    recent(vhost, location, nowSeconds) {
      const w = byLocation.get(vhost)?.get(location)?.window;
      if (w === undefined) return { requestsTotal: 0, requestsPerSecond: 0, errorRatio: 0 };
      const now = Math.floor(nowSeconds);
      let requests = 0;
      let errors = 0;
      for (let i = 0; i < WINDOW_SECONDS; i++) {
        if (w.seconds[i] > now - WINDOW_SECONDS && w.seconds[i] <= now) {
          requests += w.requests[i];
          errors += w.errors[i];
        }
      }
      let p95: number | undefined;
      if (w.durationFilled > 0) {
        const sorted = Array.from(w.durations.subarray(0, w.durationFilled)).sort((a, b) => a - b);
        p95 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))];
      }
      return {
        requestsTotal: w.total,
        requestsPerSecond: requests / WINDOW_SECONDS,
        errorRatio: requests === 0 ? 0 : errors / requests,
        p95DurationSeconds: p95,
      };
    },
  };
}

interface LocationEntry extends RequestLocation {
  window: LocationWindow;
  /** The location's series by statusClassIndex, made on first use. */
  byClass: (RequestSeries | undefined)[];
}

function mergeWindow(w: LocationWindow, p: LocationWindow): void {
  w.total += p.total;
  for (let i = 0; i < WINDOW_SECONDS; i++) {
    if (p.seconds[i] < 0 || p.seconds[i] < w.seconds[i]) continue;
    if (p.seconds[i] > w.seconds[i]) {
      w.seconds[i] = p.seconds[i];
      w.requests[i] = 0;
      w.errors[i] = 0;
    }
    w.requests[i] += p.requests[i];
    w.errors[i] += p.errors[i];
  }
  // The part's durations oldest first: the last `durationFilled` before its `durationNext`.
  for (let i = 0; i < p.durationFilled; i++) {
    w.durations[w.durationNext] =
      p.durations[(p.durationNext - p.durationFilled + i + DURATION_RESERVOIR) % DURATION_RESERVOIR];
    w.durationNext = (w.durationNext + 1) % DURATION_RESERVOIR;
    if (w.durationFilled < DURATION_RESERVOIR) w.durationFilled++;
  }
}

function newWindow(): LocationWindow {
  return {
    seconds: new Int32Array(WINDOW_SECONDS).fill(-1),
    requests: new Int32Array(WINDOW_SECONDS),
    errors: new Int32Array(WINDOW_SECONDS),
    durations: new Float64Array(DURATION_RESERVOIR),
    durationNext: 0,
    durationFilled: 0,
    total: 0,
  };
}
