// Requests by (vhost, first path segment) — `/static`, `/api` — for a report when no config names the locations:
// the same aggregates as RequestStats, bounded in how many segments get their own series.

import { createRequestStats, type RequestStats, type RequestStatsPart } from './request-stats.ts';

/** Series label for a path without a segment to name (not starting with `/`) and for segments beyond the bound. */
export const OTHER_SEGMENT = 'other';

export interface PathSegmentStats {
  record(
    vhost: string,
    urlPath: string | undefined,
    status: number | undefined,
    bytes: number | undefined,
    durationSeconds: number | undefined,
    nowSeconds: number,
  ): void;
  /** The aggregates, one location per segment (and `other`). */
  readonly requests: RequestStats;
  /** Plain data for merge(): a worker's share of `analyse --jobs`. */
  part(): PathSegmentStatsPart;
  /**
   * Adds a part read after everything merged so far; a segment past the bound here goes to `other`. False, merging
   * nothing, when the part itself folded segments into `other` (which of them the bound here would keep is lost).
   */
  merge(part: PathSegmentStatsPart): boolean;
}

export interface PathSegmentStatsPart {
  requests: RequestStatsPart;
  segments: string[];
  folded: boolean;
}

/** `/static/app.css` → `/static`; `/` → `/`; `/favicon.ico` → `/favicon.ico`. */
export function firstPathSegment(urlPath: string | undefined): string {
  if (urlPath === undefined || urlPath.charCodeAt(0) !== 47) return OTHER_SEGMENT;
  const end = urlPath.indexOf('/', 1);
  return end < 0 ? urlPath : urlPath.slice(0, end);
}

/**
 * Up to `maxSegments` distinct segments get their own series, first seen first; later ones go to `other` (log input is
 * unbounded: a scanner's random paths must not grow this). A report ranks them and folds the tail into `other` too.
 */
export function createPathSegmentStats(maxSegments = 500): PathSegmentStats {
  const requests = createRequestStats();
  const known = new Set<string>();
  let folded = false;
  return {
    requests,
    part: () => ({ requests: requests.part(), segments: [...known], folded }),
    merge(part) {
      if (part.folded) return false;
      for (const segment of part.segments) if (!known.has(segment) && known.size < maxSegments) known.add(segment);
      const label = (location: string) => (known.has(location) ? location : OTHER_SEGMENT);
      requests.merge({
        locations: part.requests.locations.map((l) => ({ ...l, location: label(l.location) })),
        series: part.requests.series.map((s) => ({ ...s, location: label(s.location) })),
      });
      return true;
    },
    record(vhost, urlPath, status, bytes, durationSeconds, nowSeconds) {
      let segment = firstPathSegment(urlPath);
      if (!known.has(segment)) {
        if (known.size >= maxSegments) {
          segment = OTHER_SEGMENT;
          folded = true;
        } else {
          // Kept for good: its own copy, not a slice of the decoded read (as pipeline/detach-string.ts does).
          segment = ` ${segment}`.slice(1);
          known.add(segment);
        }
      }
      requests.record(vhost, segment, status, bytes, durationSeconds, nowSeconds);
    },
  };
}
