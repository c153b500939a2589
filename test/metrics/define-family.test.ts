import { Registry } from '@prometheus-io/client';
import { describe, expect, it } from 'vitest';
import { defineFamily, histogramSamples } from '../../src/metrics/define-family.ts';

describe('defineFamily', () => {
  const counter = () =>
    defineFamily({ name: 'x_total', help: 'X.', type: 'counter', collect: () => [{ labels: { a: 'b"c' }, value: 3 }] });

  it('renders in the text format with escaped labels', async () => {
    const r = new Registry();
    r.registerMetric(counter());
    expect(await r.metrics()).toBe('# HELP x_total X.\n# TYPE x_total counter\nx_total{a="b\\"c"} 3\n');
  });

  it('names an OpenMetrics counter family without _total and its sample with it', async () => {
    const om = new Registry(Registry.OPENMETRICS_CONTENT_TYPE);
    const text = new Registry();
    om.registerMetric(
      defineFamily(
        { name: 'x_total', help: 'X.', type: 'counter', collect: () => [{ labels: { a: 'b"c' }, value: 3 }] },
        true,
      ),
    );
    text.registerMetric(counter());
    const omBody = await om.metrics();
    expect(omBody).toContain('# TYPE x counter\nx_total{a="b\\"c"} 3');
    expect(omBody.endsWith('# EOF\n')).toBe(true);
    expect(await text.metrics()).toContain('# TYPE x_total counter\nx_total{');
  });

  it('renders cumulative histogram buckets with +Inf, sum and count', async () => {
    const r = new Registry();
    r.registerMetric(
      defineFamily({
        name: 'h',
        help: 'H.',
        type: 'histogram',
        collect: () => histogramSamples('h', { l: 'v' }, [1, 2], [1, 2, 1], 7.5, 4),
      }),
    );
    const body = await r.metrics();
    expect(body).toContain(
      'h_bucket{l="v",le="1"} 1\nh_bucket{l="v",le="2"} 3\nh_bucket{l="v",le="+Inf"} 4\nh_sum{l="v"} 7.5\nh_count{l="v"} 4',
    );
  });
});
