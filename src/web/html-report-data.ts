// The typed input of the HTML page: what `analyse --format html` embeds, and what the live page builds in the browser
// from /api/v1/snapshot (page-script.ts reads the same shape). Times are unix seconds; plain JSON values only.

import type { Finding } from '../analyse/findings/finding.ts';
import type { Verdict } from '../analyse/throughput/verdict.ts';
import type { WsgiEvent } from '../analyse/wsgi/wsgi-event.ts';
import type { LocationSnapshot } from '../report/snapshot.ts';
import type { ErrorTemplatesData } from '../state/error-template-stats.ts';
import type { LocationSeriesData } from '../state/location-time-series.ts';
import type { ParseFailureSample } from '../state/parse-failure-samples.ts';
import type { Versions } from '../state/wsgi-stats.ts';

export interface HtmlReportFile {
  path: string;
  log: 'access' | 'error';
  lines: number;
  parseFailures: number;
  samples: ParseFailureSample[];
}

/** A location as the snapshot has it (the explanation without its `Fix: …` sentence, which is `fix`). */
export interface HtmlReportLocation
  extends Pick<
    LocationSnapshot,
    | 'vhost'
    | 'location'
    | 'rateKiBps'
    | 'burstKiB'
    | 'daemonGroup'
    | 'flushDelayMs'
    | 'verdict'
    | 'explanation'
    | 'samples'
    | 'medianRatio'
    | 'achievedKiBps'
  > {
  fix?: string;
  /** Median ratio per bucket of `series.starts` (null: nothing measured then), or per `ratioTimes` when given. */
  ratio?: (number | null)[];
  ratioTimes?: number[];
  /** Achieved throughput per measured response, histogram with log-scale bins (edges in KiB/s). */
  throughput?: { edgesKiBps: number[]; counts: number[] };
}

/** A WsgiEvent's shown fields; times in `time`. */
export interface HtmlReportEvent extends Pick<WsgiEvent, 'code' | 'kind' | 'message'> {
  time?: number;
  request?: Omit<NonNullable<WsgiEvent['request']>, 'timeSeconds'> & { time?: number };
}

/** Per bucket of `series.starts`: requests by status class (`2xx`, `5xx`, … `other`) and duration quantiles. */
export interface HtmlReportRequests
  extends Pick<LocationSeriesData, 'vhost' | 'location' | 'durationP50' | 'durationP95' | 'durationP99'> {
  requests: number;
  byClass: Record<string, number[]>;
}

export interface HtmlReportData {
  /** `report` = analyse (whole logs); `live` = the agent's page (the latest snapshot). */
  mode: 'report' | 'live';
  generatedAt: number;
  host?: string;
  versions: Versions;
  span?: { fromSeconds: number; toSeconds: number };
  files: HtmlReportFile[];
  locations: HtmlReportLocation[];
  events: { byCode: Record<string, number>; byKind: Record<string, number>; list: HtmlReportEvent[]; total: number };
  /** Flush-delay findings first; they list the rate-limited locations their daemon group serves. */
  findings: (Finding & { locations?: { name: string; verdict: Verdict }[] })[];
  series?: {
    bucketSeconds: number;
    starts: number[];
    /** Events per bucket by kind (and `WSGI0210` on its own), per `eventStarts` when given, else per `starts`. */
    eventsByKind: Record<string, number[]>;
    eventStarts?: number[];
    eventBucketSeconds?: number;
    requests: HtmlReportRequests[];
  };
  errorTemplates?: ErrorTemplatesData;
  /** Sentences shown above the plots: what was aggregated or left out, so nothing is dropped silently. */
  notes: string[];
}
