// Per (vhost, location, status class) request aggregates for apache_http_*, plus a per-location one-minute window
// (req/s, 5xx ratio, p95 duration) for the dashboard and the JSON API. Plain Maps on the hot path.

import { bucketIndex } from '../metrics/define-family.ts';

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

interface LocationWindow {
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

export interface RequestStats {
  record(
    vhost: string,
    location: string,
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
}

export function statusClassOf(status: number | undefined): string {
  if (status === undefined || status < 100 || status > 599) return 'other';
  return `${Math.floor(status / 100)}xx`;
}

export function createRequestStats(): RequestStats {
  const series = new Map<string, RequestSeries>();
  const windows = new Map<string, LocationWindow>();

  function seriesFor(vhost: string, location: string, statusClass: string): RequestSeries {
    const key = `${vhost}\u0000${location}\u0000${statusClass}`;
    let s = series.get(key);
    if (s === undefined) {
      s = {
        vhost,
        location,
        statusClass,
        requests: 0,
        responseBytes: 0,
        durationCount: 0,
        durationSum: 0,
        durationBuckets: new Array(DURATION_BUCKETS.length + 1).fill(0),
      };
      series.set(key, s);
    }
    return s;
  }

  function windowFor(vhost: string, location: string): LocationWindow {
    const key = `${vhost}\u0000${location}`;
    let w = windows.get(key);
    if (w === undefined) {
      w = {
        seconds: new Int32Array(WINDOW_SECONDS).fill(-1),
        requests: new Int32Array(WINDOW_SECONDS),
        errors: new Int32Array(WINDOW_SECONDS),
        durations: new Float64Array(DURATION_RESERVOIR),
        durationNext: 0,
        durationFilled: 0,
        total: 0,
      };
      windows.set(key, w);
    }
    return w;
  }

  return {
    declare(vhost, location) {
      for (const c of STATUS_CLASSES) seriesFor(vhost, location, c);
      windowFor(vhost, location);
    },
    record(vhost, location, status, bytes, durationSeconds, nowSeconds) {
      const statusClass = statusClassOf(status);
      const s = seriesFor(vhost, location, statusClass);
      s.requests++;
      if (bytes !== undefined) s.responseBytes += bytes;
      if (durationSeconds !== undefined) {
        s.durationCount++;
        s.durationSum += durationSeconds;
        s.durationBuckets[bucketIndex(DURATION_BUCKETS, durationSeconds)]++;
      }
      const w = windowFor(vhost, location);
      w.total++;
      const second = Math.floor(nowSeconds);
      const slot = second % WINDOW_SECONDS;
      if (w.seconds[slot] !== second) {
        w.seconds[slot] = second;
        w.requests[slot] = 0;
        w.errors[slot] = 0;
      }
      w.requests[slot]++;
      if (statusClass === '5xx') w.errors[slot]++;
      if (durationSeconds !== undefined) {
        w.durations[w.durationNext] = durationSeconds;
        w.durationNext = (w.durationNext + 1) % DURATION_RESERVOIR;
        if (w.durationFilled < DURATION_RESERVOIR) w.durationFilled++;
      }
    },
    series: () => series.values(),
    locations() {
      return [...windows.keys()].map((k) => {
        const [vhost, location] = k.split('\u0000');
        return { vhost, location };
      });
    },
    recent(vhost, location, nowSeconds) {
      const w = windows.get(`${vhost}\u0000${location}`);
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
