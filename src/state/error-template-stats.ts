// The error-log lines that are not events, grouped by template (errorTemplate: numbers, ids, paths, addresses masked),
// with counts, first and last log time and one sample each. Bounded: past `maxTemplates` a line is counted only.

import { errorTemplate } from '../analyse/error-template.ts';

export interface ErrorTemplateStatsOptions {
  maxTemplates?: number;
}

export interface ErrorTemplateLine {
  timeSeconds?: number;
  /** `[module:level]` parts; absent for a bare (stderr) line. */
  module?: string;
  level?: string;
  message: string;
}

export interface ErrorTemplateEntry {
  template: string;
  module?: string;
  level?: string;
  count: number;
  firstSeconds?: number;
  lastSeconds?: number;
  /** The first line of this template, as logged (at most 500 characters). */
  sample: string;
}

export interface ErrorTemplatesData {
  /** Most frequent first. */
  templates: ErrorTemplateEntry[];
  /** Lines grouped in total, and those past the template cap (counted, not grouped). */
  lines: number;
  ungrouped: number;
}

export interface ErrorTemplateStats {
  record(line: ErrorTemplateLine): void;
  data(): ErrorTemplatesData;
}

const SAMPLE_LENGTH = 500;

export function createErrorTemplateStats(options: ErrorTemplateStatsOptions = {}): ErrorTemplateStats {
  const maxTemplates = options.maxTemplates ?? 500;
  const byKey = new Map<string, ErrorTemplateEntry>();
  let lines = 0;
  let ungrouped = 0;
  return {
    record(line) {
      lines++;
      const template = errorTemplate(line.message);
      const key = `${line.module ?? ''}\u0000${line.level ?? ''}\u0000${template}`;
      let entry = byKey.get(key);
      if (entry === undefined) {
        if (byKey.size >= maxTemplates) {
          ungrouped++;
          return;
        }
        const sample = line.message.length > SAMPLE_LENGTH ? `${line.message.slice(0, SAMPLE_LENGTH)}…` : line.message;
        entry = { template, module: line.module, level: line.level, count: 0, sample };
        byKey.set(key, entry);
      }
      entry.count++;
      const t = line.timeSeconds;
      if (t !== undefined && Number.isFinite(t)) {
        if (entry.firstSeconds === undefined || t < entry.firstSeconds) entry.firstSeconds = t;
        if (entry.lastSeconds === undefined || t > entry.lastSeconds) entry.lastSeconds = t;
      }
    },
    data() {
      const templates = [...byKey.values()].map((e) => ({ ...e }));
      templates.sort((a, b) => b.count - a.count || a.template.localeCompare(b.template));
      return { templates, lines, ungrouped };
    },
  };
}
