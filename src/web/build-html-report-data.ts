// analyse's report plus the report collectors' series and templates → HtmlReportData (pure). The report is taken by
// the fields read here, so the one report model that replaces analyse's own can be passed as it is.

import type { Finding } from '../analyse/findings/finding.ts';
import type { LocationTimeSeriesData } from '../state/location-time-series.ts';
import type { Versions } from '../state/wsgi-stats.ts';
import type { ReportCollectors } from './create-report-collectors.ts';
import type { HtmlReportData, HtmlReportEvent, HtmlReportFile, HtmlReportLocation } from './html-report-data.ts';

/** What is read of analyse's report (its JSON contract): times as ISO strings there. */
export interface HtmlReportSource {
  files: Omit<HtmlReportFile, 'samples'>[];
  versions: Versions;
  wsgiEvents: { byCode: Record<string, number>; byKind: Record<string, number> };
  locations: Omit<HtmlReportLocation, 'fix' | 'ratio' | 'ratioTimes' | 'throughput' | 'daemonGroup' | 'flushDelayMs'>[];
  findings: Finding[];
  events: (Omit<HtmlReportEvent, 'time' | 'request'> & {
    time?: string;
    request?: Omit<NonNullable<HtmlReportEvent['request']>, 'time'> & { time?: string };
  })[];
}

/** An explanation's `Fix: …` sentence, shown apart from the evidence (the sentence ends at `. ` before a capital). */
export function splitFix(explanation: string): { explanation: string; fix?: string } {
  const at = explanation.indexOf(' Fix: ');
  if (at < 0) return { explanation };
  const rest = explanation.slice(at + 6);
  const end = /\. (?=[A-Z])/.exec(rest);
  if (end === null) return { explanation: explanation.slice(0, at), fix: rest };
  return { explanation: `${explanation.slice(0, at)} ${rest.slice(end.index + 2)}`, fix: rest.slice(0, end.index + 1) };
}

const seconds = (iso: string | undefined) => (iso === undefined ? undefined : Date.parse(iso) / 1000);
const isFlushDelay = (f: Finding) => f.rule.startsWith('flush-delay');
const SEVERITY_ORDER: Record<string, number> = { error: 0, warning: 1, info: 2 };

export function buildHtmlReportData(
  report: HtmlReportSource,
  collectors: ReportCollectors,
  generatedAtSeconds: number,
): HtmlReportData {
  const series = collectors.series();
  const locations = htmlLocations(report.locations, collectors, series);
  const list: HtmlReportEvent[] = report.events.map((e) => ({
    time: seconds(e.time),
    code: e.code,
    kind: e.kind,
    message: e.message,
    request: e.request === undefined ? undefined : { ...e.request, time: seconds(e.request.time) },
  }));
  const total = Object.values(report.wsgiEvents.byKind).reduce((a, n) => a + n, 0);
  const templates = collectors.errorTemplates();
  return {
    mode: 'report',
    generatedAt: generatedAtSeconds,
    versions: { ...report.versions, mpm: report.versions.mpm ?? collectors.versions().mpm },
    span: series.span,
    files: report.files.map((f) => ({ ...f, samples: collectors.parseFailureSamples(f.path) })),
    locations,
    events: { byCode: report.wsgiEvents.byCode, byKind: report.wsgiEvents.byKind, list, total },
    findings: orderFindings(report.findings, locations),
    series: {
      bucketSeconds: series.bucketSeconds,
      starts: series.starts,
      eventsByKind: series.eventsByKind,
      requests: series.locations.map((l) => ({
        vhost: l.vhost,
        location: l.location,
        requests: Object.values(l.requestsByClass).reduce((a, xs) => a + xs.reduce((b, n) => b + n, 0), 0),
        byClass: l.requestsByClass,
        durationP50: l.durationP50,
        durationP95: l.durationP95,
        durationP99: l.durationP99,
      })),
    },
    errorTemplates: templates,
    notes: reportNotes(series, list.length, total, templates.ungrouped),
  };
}

/** The report's rows with their plotted series, daemon group and the fix set apart. */
function htmlLocations(
  rows: HtmlReportSource['locations'],
  collectors: ReportCollectors,
  series: LocationTimeSeriesData,
): HtmlReportLocation[] {
  const seriesOf = new Map(series.locations.map((l) => [`${l.vhost}\u0000${l.location}`, l]));
  return rows.map((l) => {
    const s = seriesOf.get(`${l.vhost}\u0000${l.location}`);
    const daemon = collectors.daemonOf(l.vhost, l.location);
    // The card's title names the location: the explanation's leading `vhost location: ` is left out.
    const label = `${l.vhost} ${l.location}: `;
    const { explanation, fix } = splitFix(
      l.explanation.startsWith(label) ? l.explanation.slice(label.length) : l.explanation,
    );
    return {
      vhost: l.vhost,
      location: l.location,
      rateKiBps: l.rateKiBps,
      burstKiB: l.burstKiB,
      daemonGroup: daemon?.group,
      flushDelayMs: daemon?.flushDelayMs,
      verdict: l.verdict,
      explanation,
      fix,
      samples: l.samples,
      medianRatio: l.medianRatio,
      achievedKiBps: l.achievedKiBps,
      ratio: s?.ratioMedian,
      throughput:
        s?.throughput === undefined
          ? undefined
          : { edgesKiBps: s.throughput.edgesBytesPerSecond.map((b) => b / 1024), counts: s.throughput.counts },
    };
  });
}

/** A mis-set response-flush-delay first, with the rate-limited locations its daemon group serves; then by severity. */
function orderFindings(findings: Finding[], locations: HtmlReportLocation[]): Finding[] {
  return findings
    .map((f) => {
      if (!isFlushDelay(f)) return f;
      const served = locations
        .filter((l) => l.daemonGroup === f.subject && l.verdict !== 'no-limit')
        .map((l) => ({ name: `${l.vhost} ${l.location}`, verdict: l.verdict }));
      return served.length > 0 ? { ...f, locations: served } : f;
    })
    .sort(
      (a, b) =>
        Number(isFlushDelay(b)) - Number(isFlushDelay(a)) ||
        (SEVERITY_ORDER[a.severity] ?? 3) - (SEVERITY_ORDER[b.severity] ?? 3),
    );
}

/** What the plots and lists leave out, in words. */
function reportNotes(series: LocationTimeSeriesData, listed: number, total: number, ungrouped: number): string[] {
  const notes: string[] = [];
  if (series.starts.length > 0) {
    notes.push(
      `Plots aggregate ${series.requests.toLocaleString('en-US')} requests and ${series.events.toLocaleString('en-US')} events by log time into ${series.starts.length} buckets of ${series.bucketSeconds} s; durations and ratios are per-bucket quantiles read from log-scale bins (within ±12 % and ±6 %).`,
    );
  }
  if (series.notPlotted > 0) {
    notes.push(
      `${series.notPlotted.toLocaleString('en-US')} lines had no usable log time (or exceeded the plotted locations or kinds): they are counted in the tables, not plotted.`,
    );
  }
  if (listed < total) {
    notes.push(`The event list keeps the latest ${listed} of ${total} events; the counts cover all of them.`);
  }
  if (ungrouped > 0) {
    notes.push(`${ungrouped} error-log lines came after the template limit and are counted, not grouped.`);
  }
  return notes;
}
