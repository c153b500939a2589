// Writes dashboards/wsgiwatch-overview.json (Grafana, schemaVersion 42) with sorted keys, so the JSON is reviewed as
// text and regenerated, never hand-edited: `npx tsx scripts/generate-dashboard.ts` (`--check` exits 1 when stale).
// Typed with Grafana's own dashboard and panel-option types (@grafana/schema), so a misspelt or misshapen field fails
// the type check instead of being dropped silently on import.

import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  type Dashboard,
  DashboardCursorSync,
  type DataSourceRef,
  type Panel,
  type RowPanel,
  ThresholdsMode,
  type VariableModel,
  VariableRefresh,
  VariableSort,
} from '@grafana/schema';
import {
  HeatmapColorMode,
  HeatmapColorScale,
  type Options as HeatmapOptions,
} from '@grafana/schema/dist/esm/raw/composable/heatmap/panelcfg/x/HeatmapPanelCfg_types.gen';
import type { Options as TableOptions } from '@grafana/schema/dist/esm/raw/composable/table/panelcfg/x/TablePanelCfg_types.gen';
import { METRIC } from '../src/metrics/metric-names.ts';

/** The schema version of the Grafana release whose types we build against (@grafana/schema's `defaultDashboard`). */
export const SCHEMA_VERSION = 42;

// Grafana's data-source variable reference, not a JS template.
// biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana syntax
const DS: DataSourceRef = { type: 'prometheus', uid: '${datasource}' };
/** Agent-level selector (every wsgiwatch metric). */
const A = 'job=~"$job",instance=~"$instance"';
/** Request-level selector (metrics labelled by vhost and location). */
const L = `${A},vhost=~"$vhost",location=~"$location"`;
const RI = '$__rate_interval';

interface Target {
  expr: string;
  legend?: string;
  instant?: boolean;
  format?: 'table' | 'heatmap' | 'time_series';
}

interface PanelSpec {
  title: string;
  description: string;
  type: 'stat' | 'timeseries' | 'table' | 'heatmap';
  w: number;
  h: number;
  unit?: string;
  targets: Target[];
  /** A red threshold line/colour step at this value. */
  threshold?: { value: number; line?: boolean };
  min?: number;
  max?: number;
}

interface RowSpec {
  title: string;
  panels: PanelSpec[];
}

const rows: RowSpec[] = [
  {
    title: 'Overview',
    panels: [
      {
        title: 'Requests/s',
        description: 'Requests logged by Apache per second (%>s, all locations in the selection).',
        type: 'stat',
        w: 5,
        h: 4,
        unit: 'reqps',
        targets: [{ expr: `sum(rate(${METRIC.apacheHttpRequestsTotal}{${L}}[${RI}]))` }],
      },
      {
        title: '5xx ratio',
        description: 'Share of responses with a 5xx status.',
        type: 'stat',
        w: 5,
        h: 4,
        unit: 'percentunit',
        threshold: { value: 0.01 },
        targets: [
          {
            expr: `sum(rate(${METRIC.apacheHttpRequestsTotal}{${L},status_class="5xx"}[${RI}])) / clamp_min(sum(rate(${METRIC.apacheHttpRequestsTotal}{${L}}[${RI}])), 1e-9)`,
          },
        ],
      },
      {
        title: 'WSGI0210 in range',
        description:
          'WSGI0210: an embedded-mode request reached an Apache child without Python and got a 500 (mod_wsgi >= 6.0.2).',
        type: 'stat',
        w: 5,
        h: 4,
        unit: 'short',
        threshold: { value: 1 },
        targets: [{ expr: `sum(increase(${METRIC.apacheWsgiErrorsTotal}{${A},code="WSGI0210"}[$__range]))` }],
      },
      {
        title: 'Throttled locations',
        description: 'Locations whose current verdict is throttled: downloads far below the configured rate-limit.',
        type: 'stat',
        w: 4,
        h: 4,
        unit: 'short',
        threshold: { value: 1 },
        targets: [{ expr: `count(${METRIC.apacheRatelimitVerdict}{${L},verdict="throttled"} == 1) or vector(0)` }],
      },
      {
        title: 'Worst log lag',
        description: 'The largest number of unread bytes of any tailed log (size - offset).',
        type: 'stat',
        w: 5,
        h: 4,
        unit: 'bytes',
        threshold: { value: 1048576 },
        targets: [{ expr: `max(${METRIC.wsgiwatchLogLagBytes}{${A}})` }],
      },
    ],
  },
  {
    title: 'Rate limiting (mod_ratelimit)',
    panels: [
      {
        title: 'Achieved ÷ allowed transfer rate',
        description:
          'Per response: the time mod_ratelimit allows divided by the time taken. 1 = at the limit; well below 1 = throttled (forced flushes); well above 1 = the limit is not applied.',
        type: 'timeseries',
        w: 12,
        h: 8,
        unit: 'none',
        threshold: { value: 1, line: true },
        targets: [0.1, 0.5, 0.9].map((q) => ({
          expr: `histogram_quantile(${q}, sum by (le, instance, vhost, location) (rate(${METRIC.apacheRatelimitThroughputRatio}_bucket{${L}}[${RI}])))`,
          legend: `p${q * 100} {{instance}} {{vhost}}{{location}}`,
        })),
      },
      {
        title: 'Ratio distribution',
        description: 'Responses per ratio bucket: a band at 1 is conforming, below throttled, above ineffective.',
        type: 'heatmap',
        w: 12,
        h: 8,
        targets: [
          {
            expr: `sum by (le) (increase(${METRIC.apacheRatelimitThroughputRatio}_bucket{${L}}[${RI}]))`,
            legend: '{{le}}',
            format: 'heatmap',
          },
        ],
      },
      {
        title: 'Verdicts',
        description:
          'Current verdict per location (conforming, throttled, ineffective, unclear, insufficient-data) and the median ratio over the verdict window.',
        type: 'table',
        w: 12,
        h: 7,
        targets: [
          { expr: `${METRIC.apacheRatelimitVerdict}{${L}} == 1`, instant: true, format: 'table' },
          { expr: `${METRIC.apacheRatelimitMedianRatio}{${L}}`, instant: true, format: 'table' },
        ],
      },
      {
        title: 'Configured rate and burst',
        description: 'rate-limit (KiB/s × 1024) and rate-initial-burst (KiB × 1024) in effect per location.',
        type: 'table',
        w: 12,
        h: 7,
        unit: 'Bps',
        targets: [
          { expr: `${METRIC.apacheRatelimitConfiguredRateBytesPerSecond}{${L}}`, instant: true, format: 'table' },
          { expr: `${METRIC.apacheRatelimitInitialBurstBytes}{${L}}`, instant: true, format: 'table' },
        ],
      },
    ],
  },
  {
    title: 'Requests',
    panels: [
      {
        title: 'Requests by status class',
        description: 'Requests per second by status class (%>s).',
        type: 'timeseries',
        w: 8,
        h: 8,
        unit: 'reqps',
        targets: [
          {
            expr: `sum by (status_class) (rate(${METRIC.apacheHttpRequestsTotal}{${L}}[${RI}]))`,
            legend: '{{status_class}}',
          },
        ],
      },
      {
        title: 'Duration p50 / p95 / p99',
        description: 'Time to serve the request (%D), from the duration histogram.',
        type: 'timeseries',
        w: 8,
        h: 8,
        unit: 's',
        targets: [0.5, 0.95, 0.99].map((q) => ({
          expr: `histogram_quantile(${q}, sum by (le) (rate(${METRIC.apacheHttpRequestDurationSeconds}_bucket{${L}}[${RI}])))`,
          legend: `p${Math.round(q * 100)}`,
        })),
      },
      {
        title: 'Bytes sent by location',
        description: 'Response bytes per second including headers (%O).',
        type: 'timeseries',
        w: 8,
        h: 8,
        unit: 'Bps',
        targets: [
          {
            expr: `sum by (vhost, location) (rate(${METRIC.apacheHttpResponseBytesTotal}{${L}}[${RI}]))`,
            legend: '{{vhost}}{{location}}',
          },
        ],
      },
    ],
  },
  {
    title: 'mod_wsgi',
    panels: [
      {
        title: 'Errors by code',
        description: 'WSGI#### lines by code and level (mod_wsgi 6.x).',
        type: 'timeseries',
        w: 8,
        h: 8,
        unit: 'short',
        targets: [
          {
            expr: `sum by (code, level) (increase(${METRIC.apacheWsgiErrorsTotal}{${A}}[${RI}]))`,
            legend: '{{code}} {{level}}',
          },
        ],
      },
      {
        title: 'Events by kind',
        description:
          'Every mod_wsgi / Apache event by kind: exception (one per traceback), child-crash (AH00052), daemon-died, header-timeout, embedded-no-python, …',
        type: 'timeseries',
        w: 8,
        h: 8,
        unit: 'short',
        targets: [
          { expr: `sum by (kind) (increase(${METRIC.apacheWsgiEventsTotal}{${A}}[${RI}]))`, legend: '{{kind}}' },
        ],
      },
      {
        title: 'Versions',
        description: 'Apache, mod_wsgi and Python versions and the MPM, from the startup line (AH00489).',
        type: 'table',
        w: 8,
        h: 8,
        targets: [{ expr: `${METRIC.apacheInfo}{${A}}`, instant: true, format: 'table' }],
      },
    ],
  },
  {
    title: 'Config findings',
    panels: [
      {
        title: 'Findings',
        description:
          'Active findings of `wsgiwatch check` (response-flush-delay, response-buffer-size, WSGIRestrictEmbedded, rate-limit values, …).',
        type: 'table',
        w: 18,
        h: 7,
        targets: [{ expr: `${METRIC.apacheConfigFindings}{${A}} == 1`, instant: true, format: 'table' }],
      },
      {
        title: 'Config read',
        description: '1 when the last read of the Apache configuration succeeded.',
        type: 'stat',
        w: 6,
        h: 7,
        targets: [{ expr: `min(${METRIC.apacheConfigLastLoadSuccess}{${A}})` }],
      },
    ],
  },
  {
    title: 'Agent health',
    panels: [
      {
        title: 'Lines read/s',
        description: 'Log lines read per second by log.',
        type: 'timeseries',
        w: 8,
        h: 8,
        unit: 'short',
        targets: [
          {
            expr: `sum by (instance, log) (rate(${METRIC.wsgiwatchLogLinesReadTotal}{${A}}[${RI}]))`,
            legend: '{{instance}} {{log}}',
          },
        ],
      },
      {
        title: 'Lag',
        description: 'Unread bytes per file (size - offset).',
        type: 'timeseries',
        w: 8,
        h: 8,
        unit: 'bytes',
        targets: [{ expr: `${METRIC.wsgiwatchLogLagBytes}{${A}}`, legend: '{{instance}} {{path}}' }],
      },
      {
        title: 'Rotations and truncations',
        description: 'Rotations (a new file behind the path) and truncations (copytruncate).',
        type: 'timeseries',
        w: 8,
        h: 8,
        unit: 'short',
        targets: [
          {
            expr: `sum by (instance) (increase(${METRIC.wsgiwatchLogRotationsTotal}{${A}}[${RI}]))`,
            legend: 'rotations {{instance}}',
          },
          {
            expr: `sum by (instance) (increase(${METRIC.wsgiwatchLogTruncationsTotal}{${A}}[${RI}]))`,
            legend: 'truncations {{instance}}',
          },
        ],
      },
      {
        title: 'Lines lost',
        description: 'Lines a copytruncate made unrecoverable (no rotated copy); should stay 0.',
        type: 'timeseries',
        w: 8,
        h: 8,
        unit: 'short',
        targets: [
          {
            expr: `sum by (instance) (increase(${METRIC.wsgiwatchLogLinesLostTotal}{${A}}[${RI}]))`,
            legend: '{{instance}}',
          },
        ],
      },
      {
        title: 'Parse failure ratio',
        description: 'Share of lines that did not match the log format, per log.',
        type: 'timeseries',
        w: 8,
        h: 8,
        unit: 'percentunit',
        // No failure series yet means 0 failures: `or … * 0` keeps the panel at 0 instead of "no data".
        targets: [
          {
            expr: `(sum by (instance, log) (rate(${METRIC.wsgiwatchLogParseFailuresTotal}{${A}}[${RI}])) or sum by (instance, log) (rate(${METRIC.wsgiwatchLogLinesReadTotal}{${A}}[${RI}])) * 0) / clamp_min(sum by (instance, log) (rate(${METRIC.wsgiwatchLogLinesReadTotal}{${A}}[${RI}])), 1e-9)`,
            legend: '{{instance}} {{log}}',
          },
        ],
      },
      {
        title: 'Files open and targets up',
        description: 'Files being read (1) or waited for / failing (0), and Prometheus scrape health.',
        type: 'table',
        w: 8,
        h: 8,
        targets: [
          { expr: `${METRIC.wsgiwatchLogFileOpen}{${A}}`, instant: true, format: 'table' },
          { expr: 'up{job=~"$job",instance=~"$instance"}', instant: true, format: 'table' },
        ],
      },
    ],
  },
];

function variable(name: string, label: string, query: string): VariableModel {
  return {
    allValue: '.*',
    current: { selected: true, text: ['All'], value: ['$__all'] },
    datasource: DS,
    includeAll: true,
    label,
    multi: true,
    name,
    query: { qryType: 1, query, refId: 'PrometheusVariableQueryEditor-VariableQuery' },
    refresh: VariableRefresh.onTimeRangeChanged,
    sort: VariableSort.alphabeticalAsc,
    type: 'query',
  };
}

/** Heatmap of pre-bucketed Prometheus histograms (no recalculation), Grafana's default colours but a diverging scheme. */
const HEATMAP_OPTIONS: Partial<HeatmapOptions> = {
  calculate: false,
  color: {
    exponent: 0.5,
    fill: 'dark-orange',
    mode: HeatmapColorMode.Scheme,
    reverse: false,
    scale: HeatmapColorScale.Exponential,
    scheme: 'Spectral',
    steps: 64,
  },
  yAxis: { unit: 'none' },
};
const TABLE_OPTIONS: Partial<TableOptions> = { showHeader: true };

function panelJson(p: PanelSpec, id: number, x: number, y: number): Panel {
  const steps: { color: string; value: number | null }[] = [{ color: 'green', value: null }];
  if (p.threshold) steps.push({ color: 'red', value: p.threshold.value });
  const custom: Record<string, unknown> = {};
  if (p.type === 'timeseries') {
    custom.drawStyle = 'line';
    custom.thresholdsStyle = { mode: p.threshold?.line ? 'line' : 'off' };
  }
  return {
    datasource: DS,
    description: p.description,
    fieldConfig: {
      defaults: {
        ...(Object.keys(custom).length > 0 ? { custom } : {}),
        ...(p.unit ? { unit: p.unit } : {}),
        thresholds: { mode: ThresholdsMode.Absolute, steps },
      },
      overrides: [],
    },
    gridPos: { h: p.h, w: p.w, x, y },
    id,
    options: p.type === 'heatmap' ? { ...HEATMAP_OPTIONS } : p.type === 'table' ? { ...TABLE_OPTIONS } : {},
    targets: p.targets.map((t, i) => ({
      datasource: DS,
      expr: t.expr,
      format: t.format ?? 'time_series',
      instant: t.instant ?? false,
      legendFormat: t.legend ?? '__auto',
      range: !(t.instant ?? false),
      refId: String.fromCharCode(65 + i),
    })),
    title: p.title,
    ...(p.type === 'table' ? { transformations: [{ id: 'merge', options: {} }] } : {}),
    type: p.type,
  };
}

export function buildDashboard(): Dashboard {
  const panels: (Panel | RowPanel)[] = [];
  let id = 1;
  let y = 0;
  for (const row of rows) {
    panels.push({
      collapsed: false,
      gridPos: { h: 1, w: 24, x: 0, y },
      id: id++,
      panels: [],
      title: row.title,
      type: 'row',
    });
    y += 1;
    let x = 0;
    let rowHeight = 0;
    for (const p of row.panels) {
      if (x + p.w > 24) {
        x = 0;
        y += rowHeight;
        rowHeight = 0;
      }
      panels.push(panelJson(p, id++, x, y));
      x += p.w;
      rowHeight = Math.max(rowHeight, p.h);
    }
    y += rowHeight;
  }
  return {
    annotations: { list: [] },
    description:
      'Apache httpd + mod_wsgi seen by wsgiwatch: mod_ratelimit conformance per location, WSGI#### events, config findings, agent health.',
    editable: true,
    graphTooltip: DashboardCursorSync.Crosshair,
    links: [],
    panels,
    refresh: '30s',
    schemaVersion: SCHEMA_VERSION,
    tags: ['apache', 'mod_wsgi', 'wsgiwatch'],
    templating: {
      list: [
        {
          current: { selected: false, text: 'Prometheus', value: 'prometheus' },
          label: 'Data source',
          name: 'datasource',
          query: 'prometheus',
          refresh: VariableRefresh.onDashboardLoad,
          type: 'datasource',
        },
        variable('job', 'Job', `label_values(${METRIC.wsgiwatchBuildInfo}, job)`),
        variable('instance', 'Instance', `label_values(${METRIC.wsgiwatchBuildInfo}{job=~"$job"}, instance)`),
        variable(
          'vhost',
          'Virtual host',
          `label_values(${METRIC.apacheHttpRequestsTotal}{job=~"$job",instance=~"$instance"}, vhost)`,
        ),
        variable(
          'location',
          'Location',
          `label_values(${METRIC.apacheHttpRequestsTotal}{job=~"$job",instance=~"$instance",vhost=~"$vhost"}, location)`,
        ),
      ],
    },
    time: { from: 'now-6h', to: 'now' },
    timepicker: {},
    timezone: '',
    title: 'wsgiwatch — Apache + mod_wsgi',
    uid: 'wsgiwatch-overview',
    version: 1,
  };
}

/** JSON with keys sorted at every level and two-space indentation: stable, diffable text. */
export function stableJson(value: unknown): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sort)
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
          )
        : v;
  return `${JSON.stringify(sort(value), null, 2)}\n`;
}

export const DASHBOARD_FILE = fileURLToPath(new URL('../dashboards/wsgiwatch-overview.json', import.meta.url));

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = stableJson(buildDashboard());
  if (process.argv.includes('--check')) {
    const current = readFileSync(DASHBOARD_FILE, 'utf8');
    if (current !== text) {
      console.error(`${DASHBOARD_FILE} is stale: run npx tsx scripts/generate-dashboard.ts`);
      process.exit(1);
    }
  } else {
    writeFileSync(DASHBOARD_FILE, text);
    console.log(`wrote ${DASHBOARD_FILE}`);
  }
}
