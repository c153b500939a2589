// Time-bucketed aggregates by log time for the HTML report's plots: requests per (location, status class), duration
// and rate-limit ratio quantiles per bucket, an achieved-throughput histogram per location, events per kind.
// Bounded whatever the input: at most `maxBuckets` buckets (the width doubles or more when the span grows, and
// buckets merge), at most `maxLocations` locations and `maxKinds` event kinds (the rest is counted, not kept).

export interface LocationTimeSeriesOptions {
  /** Plot points per series at most (default 360). */
  maxBuckets?: number;
  maxLocations?: number;
  maxKinds?: number;
}

/** Index into STATUS_CLASS_NAMES: 0 `other`, 1 `1xx` … 5 `5xx`. */
export const STATUS_CLASS_NAMES = ['other', '1xx', '2xx', '3xx', '4xx', '5xx'] as const;

/** Bucket widths, seconds; each a multiple of the one before, so buckets merge exactly. */
const WIDTHS = [1, 5, 10, 30, 60, 300, 600, 1800, 3600, 10800, 21600, 43200, 86400, 604800, 2419200];

// Log-scale bins: value v falls in bin floor(log10(v / LOW) * PER_DECADE), clamped. A quantile read back from the bins
// is the bin's geometric middle, within half a bin (±12 % for durations, ±6 % for ratios) of the true value.
interface LogBins {
  low: number;
  perDecade: number;
  count: number;
}
const DURATION_BINS: LogBins = { low: 1e-5, perDecade: 10, count: 100 }; // 10 µs … 10⁵ s
const RATIO_BINS: LogBins = { low: 1e-3, perDecade: 20, count: 120 }; // 0.001 … 1000
const THROUGHPUT_BINS: LogBins = { low: 1, perDecade: 20, count: 220 }; // 1 B/s … 10¹¹ B/s

function binOf(bins: LogBins, value: number): number {
  if (!(value > bins.low)) return 0;
  const i = Math.floor(Math.log10(value / bins.low) * bins.perDecade);
  return i >= bins.count ? bins.count - 1 : i;
}

function binMiddle(bins: LogBins, i: number): number {
  return bins.low * 10 ** ((i + 0.5) / bins.perDecade);
}

function binEdge(bins: LogBins, i: number): number {
  return bins.low * 10 ** (i / bins.perDecade);
}

function quantileOfBins(bins: LogBins, counts: Uint32Array, total: number, q: number): number | null {
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(total * q));
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    seen += counts[i];
    if (seen >= rank) return binMiddle(bins, i);
  }
  return binMiddle(bins, counts.length - 1);
}

interface LocationBucket {
  byClass: Uint32Array;
  durations: Uint32Array | undefined;
  durationCount: number;
  ratios: Uint32Array | undefined;
  ratioCount: number;
}

interface LocationSeriesEntry {
  vhost: string;
  location: string;
  buckets: Map<number, LocationBucket>;
  throughput: Uint32Array | undefined;
  /** The bucket of the entry's previous record (NaN after a widening). */
  lastStart: number;
  lastBucket: LocationBucket | undefined;
}

export interface LocationSeriesData {
  vhost: string;
  location: string;
  /** Requests per bucket by status class (keys of STATUS_CLASS_NAMES with any request). */
  requestsByClass: Record<string, number[]>;
  /** Duration quantiles per bucket, seconds; null where no request logged a duration. */
  durationP50: (number | null)[];
  durationP95: (number | null)[];
  durationP99: (number | null)[];
  /** Median rate-limit ratio per bucket; null where no response was measured. Absent when none ever was. */
  ratioMedian?: (number | null)[];
  ratioSamples?: number[];
  /** Achieved bytes ÷ seconds per measured response: histogram with log-scale bins (edges, bytes/s). */
  throughput?: { edgesBytesPerSecond: number[]; counts: number[] };
}

export interface LocationTimeSeriesData {
  bucketSeconds: number;
  /** Bucket starts, unix seconds, ascending; every series has one value per start. */
  starts: number[];
  /** First and last log time seen (requests and events). */
  span?: { fromSeconds: number; toSeconds: number };
  locations: LocationSeriesData[];
  /** Events per bucket by kind; `WSGI0210` is also its own key. */
  eventsByKind: Record<string, number[]>;
  /** Lines aggregated into the series. */
  requests: number;
  events: number;
  /** Records without a usable time, or for a location or kind past the caps: counted, not plotted. */
  notPlotted: number;
}

export interface LocationTimeSeries {
  recordRequest(
    vhost: string,
    location: string,
    timeSeconds: number | undefined,
    status: number | undefined,
    durationSeconds: number | undefined,
  ): void;
  /** A measured rate-limited response (its ratio and achieved bytes per second) at its log time. */
  recordRatio(
    vhost: string,
    location: string,
    timeSeconds: number | undefined,
    ratio: number,
    achievedBytesPerSecond: number,
  ): void;
  recordEvent(timeSeconds: number | undefined, kind: string, code: string | undefined): void;
  data(): LocationTimeSeriesData;
}

const HIGHLIGHTED_CODE = 'WSGI0210';
const WIDEST = WIDTHS[WIDTHS.length - 1];

export function createLocationTimeSeries(options: LocationTimeSeriesOptions = {}): LocationTimeSeries {
  const maxLocations = options.maxLocations ?? 64;
  const maxKinds = options.maxKinds ?? 64;
  const byLocation = new Map<string, LocationSeriesEntry>();
  const kinds = new Map<string, Map<number, number>>();
  const axis = createTimeAxis(Math.max(2, options.maxBuckets ?? 360), (rekey) => {
    for (const entry of byLocation.values()) rekeyBuckets(entry, rekey);
    for (const [kind, counts] of kinds) kinds.set(kind, rekeyCounts(counts, rekey));
  });
  let requests = 0;
  let events = 0;
  let notPlotted = 0;

  // The labels come from the config's request contexts (the same strings line after line): the last is remembered.
  let last: LocationSeriesEntry | undefined;
  function entryFor(vhost: string, location: string): LocationSeriesEntry | undefined {
    if (last !== undefined && last.vhost === vhost && last.location === location) return last;
    const key = `${vhost}\u0000${location}`;
    let entry = byLocation.get(key);
    if (entry === undefined) {
      if (byLocation.size >= maxLocations) return undefined;
      entry = newEntry(vhost, location);
      byLocation.set(key, entry);
    }
    last = entry;
    return entry;
  }

  function bucketFor(entry: LocationSeriesEntry, t: number): LocationBucket | undefined {
    const s = axis.startOf(t);
    if (s === undefined) return undefined;
    if (s === entry.lastStart && entry.lastBucket !== undefined) return entry.lastBucket;
    let b = entry.buckets.get(s);
    if (b === undefined) {
      b = newBucket();
      entry.buckets.set(s, b);
    }
    entry.lastStart = s;
    entry.lastBucket = b;
    return b;
  }

  return {
    recordRequest(vhost, location, timeSeconds, status, durationSeconds) {
      const entry = isUsableTime(timeSeconds) ? entryFor(vhost, location) : undefined;
      const b = entry === undefined || !isUsableTime(timeSeconds) ? undefined : bucketFor(entry, timeSeconds);
      if (b === undefined) {
        notPlotted++;
        return;
      }
      requests++;
      addRequest(b, status, durationSeconds);
    },
    recordRatio(vhost, location, timeSeconds, ratio, achievedBytesPerSecond) {
      const entry = entryFor(vhost, location);
      if (entry === undefined) return;
      entry.throughput ??= new Uint32Array(THROUGHPUT_BINS.count);
      entry.throughput[binOf(THROUGHPUT_BINS, achievedBytesPerSecond)]++;
      if (!isUsableTime(timeSeconds) || !Number.isFinite(ratio)) return;
      const b = bucketFor(entry, timeSeconds);
      if (b === undefined) return;
      b.ratios ??= new Uint32Array(RATIO_BINS.count);
      b.ratios[binOf(RATIO_BINS, ratio)]++;
      b.ratioCount++;
    },
    recordEvent(timeSeconds, kind, code) {
      if (!isUsableTime(timeSeconds)) {
        notPlotted++;
        return;
      }
      const keys = code === HIGHLIGHTED_CODE ? [kind, HIGHLIGHTED_CODE] : [kind];
      // The start first: widening replaces the per-kind maps.
      const s = keys.some((k) => kinds.has(k) || kinds.size < maxKinds) ? axis.startOf(timeSeconds) : undefined;
      if (s !== undefined && countEvent(kinds, keys, s, maxKinds)) events++;
      else notPlotted++;
    },
    data() {
      const sorted = axis.starts();
      const locations: LocationSeriesData[] = [];
      for (const entry of byLocation.values()) locations.push(locationData(entry, sorted));
      locations.sort((a, b) => a.vhost.localeCompare(b.vhost) || a.location.localeCompare(b.location));
      const eventsByKind: Record<string, number[]> = {};
      for (const [kind, counts] of kinds) eventsByKind[kind] = sorted.map((s) => counts.get(s) ?? 0);
      return {
        bucketSeconds: axis.width(),
        starts: sorted,
        span: axis.span(),
        locations,
        eventsByKind,
        requests,
        events,
        notPlotted,
      };
    },
  };
}

/**
 * The bucket width and the starts in use. Widens (to the next of WIDTHS, rekeying the owner's maps through `onWiden`)
 * until the span fits under `maxBuckets`.
 */
function createTimeAxis(maxBuckets: number, onWiden: (rekey: (start: number) => number) => void) {
  let widthIndex = 0;
  let width = WIDTHS[0];
  /** First and last bucket start in use: the span the cap counts (gaps included, as they are plotted). */
  let minStart = Number.POSITIVE_INFINITY;
  let maxStart = Number.NEGATIVE_INFINITY;
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;

  /** Buckets from the first to the last start in use, with `start` among them. */
  const spanWith = (start: number) => (Math.max(maxStart, start) - Math.min(minStart, start)) / width + 1;

  function widen(): void {
    widthIndex++;
    width = WIDTHS[widthIndex];
    const rekey = (s: number) => Math.floor(s / width) * width;
    if (minStart <= maxStart) {
      minStart = rekey(minStart);
      maxStart = rekey(maxStart);
    }
    onWiden(rekey);
  }

  return {
    /**
     * The bucket start of time t; widens (and merges every map) until the span with it fits under the cap. Undefined
     * when even the widest buckets cannot hold it (a forged year): such a record is counted, not plotted.
     */
    startOf(t: number): number | undefined {
      let start = Math.floor(t / width) * width;
      // Most lines fall in the span already in use (logs are in time order): nothing to check.
      if (start >= minStart && start <= maxStart) {
        if (t < from) from = t;
        if (t > to) to = t;
        return start;
      }
      // Checked before widening: one such line must not coarsen every plot.
      if ((Math.max(maxStart, t) - Math.min(minStart, t)) / WIDEST + 1 > maxBuckets) return undefined;
      while (spanWith(start) > maxBuckets && widthIndex < WIDTHS.length - 1) {
        widen();
        start = Math.floor(t / width) * width;
      }
      if (spanWith(start) > maxBuckets) return undefined;
      if (start < minStart) minStart = start;
      if (start > maxStart) maxStart = start;
      if (t < from) from = t;
      if (t > to) to = t;
      return start;
    },
    width: () => width,
    /** Every bucket start between the first and the last, so gaps in the logs show as zeros, not as a joined line. */
    starts(): number[] {
      const sorted: number[] = [];
      for (let s = minStart; s <= maxStart; s += width) sorted.push(s);
      return sorted;
    },
    span: () => (from <= to ? { fromSeconds: from, toSeconds: to } : undefined),
  };
}

function newEntry(vhost: string, location: string): LocationSeriesEntry {
  return { vhost, location, buckets: new Map(), throughput: undefined, lastStart: Number.NaN, lastBucket: undefined };
}

function newBucket(): LocationBucket {
  return {
    byClass: new Uint32Array(STATUS_CLASS_NAMES.length),
    durations: undefined,
    durationCount: 0,
    ratios: undefined,
    ratioCount: 0,
  };
}

function rekeyBuckets(entry: LocationSeriesEntry, rekey: (start: number) => number): void {
  entry.lastStart = Number.NaN;
  const next = new Map<number, LocationBucket>();
  for (const [s, b] of entry.buckets) {
    const k = rekey(s);
    const into = next.get(k);
    if (into === undefined) next.set(k, b);
    else mergeBucket(into, b);
  }
  entry.buckets = next;
}

function rekeyCounts(counts: Map<number, number>, rekey: (start: number) => number): Map<number, number> {
  const next = new Map<number, number>();
  for (const [s, n] of counts) next.set(rekey(s), (next.get(rekey(s)) ?? 0) + n);
  return next;
}

function addRequest(b: LocationBucket, status: number | undefined, durationSeconds: number | undefined): void {
  b.byClass[status === undefined || status < 100 || status > 599 ? 0 : (status / 100) | 0]++;
  if (durationSeconds !== undefined && durationSeconds >= 0) {
    b.durations ??= new Uint32Array(DURATION_BINS.count);
    b.durations[binOf(DURATION_BINS, durationSeconds)]++;
    b.durationCount++;
  }
}

/** Counts an event under each of its keys that has (or may open) a series; false when none could. */
function countEvent(kinds: Map<string, Map<number, number>>, keys: string[], s: number, maxKinds: number): boolean {
  let counted = false;
  for (const key of keys) {
    let counts = kinds.get(key);
    if (counts === undefined) {
      if (kinds.size >= maxKinds) continue;
      counts = new Map();
      kinds.set(key, counts);
    }
    counts.set(s, (counts.get(s) ?? 0) + 1);
    counted = true;
  }
  return counted;
}

function isUsableTime(t: number | undefined): t is number {
  return t !== undefined && Number.isFinite(t);
}

function mergeBucket(into: LocationBucket, b: LocationBucket): void {
  for (let i = 0; i < into.byClass.length; i++) into.byClass[i] += b.byClass[i];
  if (b.durations !== undefined) {
    into.durations ??= new Uint32Array(DURATION_BINS.count);
    for (let i = 0; i < b.durations.length; i++) into.durations[i] += b.durations[i];
    into.durationCount += b.durationCount;
  }
  if (b.ratios !== undefined) {
    into.ratios ??= new Uint32Array(RATIO_BINS.count);
    for (let i = 0; i < b.ratios.length; i++) into.ratios[i] += b.ratios[i];
    into.ratioCount += b.ratioCount;
  }
}

function locationData(entry: LocationSeriesEntry, starts: number[]): LocationSeriesData {
  const buckets = starts.map((s) => entry.buckets.get(s));
  const requestsByClass: Record<string, number[]> = {};
  STATUS_CLASS_NAMES.forEach((name, i) => {
    if (buckets.some((b) => b !== undefined && b.byClass[i] > 0)) {
      requestsByClass[name] = buckets.map((b) => (b === undefined ? 0 : b.byClass[i]));
    }
  });
  const durationQ = (q: number) =>
    buckets.map((b) =>
      b?.durations === undefined ? null : quantileOfBins(DURATION_BINS, b.durations, b.durationCount, q),
    );
  const out: LocationSeriesData = {
    vhost: entry.vhost,
    location: entry.location,
    requestsByClass,
    durationP50: durationQ(0.5),
    durationP95: durationQ(0.95),
    durationP99: durationQ(0.99),
  };
  if (buckets.some((b) => b?.ratios !== undefined)) {
    out.ratioMedian = buckets.map((b) =>
      b?.ratios === undefined ? null : quantileOfBins(RATIO_BINS, b.ratios, b.ratioCount, 0.5),
    );
    out.ratioSamples = buckets.map((b) => b?.ratioCount ?? 0);
  }
  if (entry.throughput !== undefined) {
    // Trim empty bins at both ends: the histogram spans what was measured.
    let lo = 0;
    let hi = entry.throughput.length - 1;
    while (lo < hi && entry.throughput[lo] === 0) lo++;
    while (hi > lo && entry.throughput[hi] === 0) hi--;
    const counts = Array.from(entry.throughput.subarray(lo, hi + 1));
    const edges = [];
    for (let i = lo; i <= hi + 1; i++) edges.push(binEdge(THROUGHPUT_BINS, i));
    out.throughput = { edgesBytesPerSecond: edges, counts };
  }
  return out;
}
