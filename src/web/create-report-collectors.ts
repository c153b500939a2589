// The HTML report's data beyond the aggregates, fed through the pipeline's observer: time series by log time, the
// error lines that are not events grouped by template, and parse-failure samples per file.

import type { ParseFailure } from '../parse/parse-failure.ts';
import type { PipelineObserver } from '../pipeline/create-pipeline.ts';
import { createErrorTemplateStats, type ErrorTemplatesData } from '../state/error-template-stats.ts';
import { createLocationTimeSeries, type LocationTimeSeriesData } from '../state/location-time-series.ts';
import { createParseFailureSamples, type ParseFailureSample } from '../state/parse-failure-samples.ts';
import type { Versions } from '../state/wsgi-stats.ts';

export interface ReportCollectors {
  observe: PipelineObserver;
  recordParseFailure(path: string, failure: ParseFailure): void;
  /** Versions as the startup lines give them (the MPM too, which analyse's report leaves out). */
  recordVersions(versions: Versions): void;
  versions(): Versions;
  series(): LocationTimeSeriesData;
  errorTemplates(): ErrorTemplatesData;
  parseFailureSamples(path: string): ParseFailureSample[];
  /** The mod_wsgi daemon group that served a location's requests (vhost, location → group, response-flush-delay). */
  daemonOf(vhost: string, location: string): { group: string; flushDelayMs?: number } | undefined;
}

export function createReportCollectors(options: { maxBuckets?: number } = {}): ReportCollectors {
  const series = createLocationTimeSeries({ maxBuckets: options.maxBuckets });
  const templates = createErrorTemplateStats();
  const samples = createParseFailureSamples();
  // One entry per request context: the matcher returns bounded (config-derived) locations.
  const daemons = new Map<string, { group: string; flushDelayMs?: number }>();
  const seen = new WeakSet<object>();
  let versions: Versions = {};
  return {
    observe: {
      access(record, context, sample) {
        // Once per request context (the matcher hands out the same few objects), not per line.
        if (!seen.has(context)) {
          seen.add(context);
          const key = `${context.vhost}\u0000${context.location}`;
          if (context.daemon !== undefined && !daemons.has(key))
            daemons.set(key, { group: context.daemon.name, flushDelayMs: context.daemon.responseFlushDelayMs });
        }
        series.recordRequest(
          context.vhost,
          context.location,
          record.timeSeconds,
          record.status,
          record.durationSeconds,
        );
        if (sample !== undefined)
          series.recordRatio(
            context.vhost,
            context.location,
            record.timeSeconds,
            sample.ratio,
            sample.achievedBytesPerSecond,
          );
      },
      error(record, event, inTraceback) {
        if (event !== undefined) series.recordEvent(record.timeSeconds, event.kind, event.code);
        else if (!inTraceback && record.message.trim() !== '')
          templates.record({
            timeSeconds: record.timeSeconds,
            module: record.module,
            level: record.level,
            message: record.message,
          });
      },
    },
    recordParseFailure: (path, failure) => {
      samples.record(path, failure);
    },
    recordVersions(v) {
      versions = { ...versions, ...v };
    },
    versions: () => versions,
    series: () => series.data(),
    errorTemplates: () => templates.data(),
    parseFailureSamples: (path) => samples.byKey(path),
    daemonOf: (vhost, location) => daemons.get(`${vhost}\u0000${location}`),
  };
}
