// A metric family whose samples are read from wsgiwatch's own aggregates at scrape time (the hot path fills plain Maps;
// the client only formats). Implements the registry's metric interface, so @prometheus-io/client renders the text and
// OpenMetrics formats.

import type { Metric, MetricType } from '@prometheus-io/client';

export type LabelValues = Record<string, string>;

export interface FamilySample {
  labels: LabelValues;
  value: number;
  /** For histogram series: `<name>_bucket`, `<name>_sum`, `<name>_count`. */
  metricName?: string;
}

export interface FamilyDefinition {
  name: string;
  help: string;
  type: 'counter' | 'gauge' | 'histogram';
  collect: () => FamilySample[];
}

/**
 * Wraps a definition as a registry metric. In OpenMetrics a counter family is named without `_total` (its samples keep
 * it), so each registry gets its own wrapper.
 */
export function defineFamily(definition: FamilyDefinition, openMetrics = false): Metric {
  const name = openMetrics && definition.type === 'counter' ? definition.name.replace(/_total$/, '') : definition.name;
  return {
    name,
    help: definition.help,
    type: definition.type as MetricType,
    aggregator: 'sum',
    collect() {},
    get() {
      return {
        name,
        help: definition.help,
        type: definition.type as MetricType,
        aggregator: 'sum',
        values: definition.collect(),
      };
    },
  } as unknown as Metric;
}

/** Histogram series for one label set from cumulative-free bucket counts (counts[i] = observations ≤ bounds[i], not cumulated). */
export function histogramSamples(
  name: string,
  labels: LabelValues,
  bounds: readonly number[],
  counts: ArrayLike<number>,
  sum: number,
  count: number,
): FamilySample[] {
  const out: FamilySample[] = [];
  let cumulative = 0;
  for (let i = 0; i < bounds.length; i++) {
    cumulative += counts[i];
    out.push({ metricName: `${name}_bucket`, labels: { ...labels, le: String(bounds[i]) }, value: cumulative });
  }
  out.push({ metricName: `${name}_bucket`, labels: { ...labels, le: '+Inf' }, value: count });
  out.push({ metricName: `${name}_sum`, labels, value: sum });
  out.push({ metricName: `${name}_count`, labels, value: count });
  return out;
}
