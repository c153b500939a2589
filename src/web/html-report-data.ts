// The typed input of the HTML page: what `analyse --format html` embeds, and what the live page builds in the browser
// from /api/v1/snapshot (page-script.ts reads the same shape). Times are unix seconds; plain JSON values only.

import type { Finding } from '../analyse/findings/finding.ts';
import type { Verdict } from '../state/snapshot.ts';

export interface HtmlReportFile {
  path: string;
  log: 'access' | 'error';
  lines: number;
  parseFailures: number;
  samples: { reason: string; sample: string }[];
}

export interface HtmlReportLocation {
  vhost: string;
  location: string;
  rateKiBps?: number;
  burstKiB?: number;
  daemonGroup?: string;
  flushDelayMs?: number;
  verdict: Verdict;
  /** The explanation without its `Fix: …` sentence, which is `fix`. */
  explanation: string;
  fix?: string;
  samples: number;
  medianRatio?: number;
  achievedKiBps?: { p10: number; p50: number; p90: number };
  /** Median ratio per bucket of `series.starts` (null: nothing measured then), or per `ratioTimes` when given. */
  ratio?: (number | null)[];
  ratioTimes?: number[];
  /** Achieved throughput per measured response, histogram with log-scale bins (edges in KiB/s). */
  throughput?: { edgesKiBps: number[]; counts: number[] };
}

export interface HtmlReportEvent {
  time?: number;
  code?: string;
  kind: string;
  message: string;
  request?: { method?: string; url?: string; status?: number; clientIp?: string; time?: number };
}

export interface HtmlReportRequests {
  vhost: string;
  location: string;
  requests: number;
  /** Per bucket of `series.starts`, by status class (`2xx`, `5xx`, … `other`). */
  byClass: Record<string, number[]>;
  durationP50: (number | null)[];
  durationP95: (number | null)[];
  durationP99: (number | null)[];
}

export interface HtmlReportData {
  /** `report` = analyse (whole logs); `live` = the agent's page (the latest snapshot). */
  mode: 'report' | 'live';
  generatedAt: number;
  host?: string;
  versions: { apache?: string; modWsgi?: string; python?: string; mpm?: string };
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
  errorTemplates?: {
    templates: {
      template: string;
      module?: string;
      level?: string;
      count: number;
      firstSeconds?: number;
      lastSeconds?: number;
      sample: string;
    }[];
    lines: number;
    ungrouped: number;
  };
  /** Sentences shown above the plots: what was aggregated or left out, so nothing is dropped silently. */
  notes: string[];
}
