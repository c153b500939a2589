import { describe, expect, it } from 'vitest';
import { createConnectSource } from '../../src/dashboard/connect-source.ts';
import { createPrometheusSource, FLEET_QUERIES } from '../../src/dashboard/prometheus-source.ts';
import { snapshot } from './snapshot-fixture.ts';

const sample = (metric: Record<string, string>, v: number) => ({ metric, value: [0, String(v)] });
const loc = (instance: string, location: string) => ({ instance, vhost: 'shop.example', location });

// What Prometheus answers for each query of a two-host fleet.
const ANSWERS: Record<string, unknown[]> = {
  [FLEET_QUERIES.rate]: [sample(loc('a:9147', '/dl'), 1024000), sample(loc('b:9147', '/dl'), 512000)],
  [FLEET_QUERIES.median]: [sample(loc('a:9147', '/dl'), 0.31), sample(loc('b:9147', '/dl'), 1.01)],
  [FLEET_QUERIES.verdict]: [
    sample({ ...loc('a:9147', '/dl'), verdict: 'throttled' }, 1),
    sample({ ...loc('b:9147', '/dl'), verdict: 'conforming' }, 1),
  ],
  [FLEET_QUERIES.requests]: [sample(loc('a:9147', '/dl'), 40), sample(loc('b:9147', '/api'), 900)],
  [FLEET_QUERIES.rps]: [sample(loc('b:9147', '/api'), 10)],
  [FLEET_QUERIES.errors]: [sample(loc('b:9147', '/api'), 0.5)],
  [FLEET_QUERIES.p95]: [sample(loc('b:9147', '/api'), Number.NaN)],
  [FLEET_QUERIES.codes]: [sample({ code: 'WSGI0210' }, 7)],
  [FLEET_QUERIES.findings]: [
    sample({ instance: 'a:9147', rule: 'flush-delay-zero-with-ratelimit', severity: 'warning', subject: 'shop' }, 1),
  ],
  [FLEET_QUERIES.info]: [
    sample(
      { instance: 'a:9147', apache_version: '2.4.71', mod_wsgi_version: '6.0.5', python_version: '3.11', mpm: 'event' },
      1,
    ),
  ],
};

const fakeFetch = (async (url: string) => {
  const q = new URL(url).searchParams.get('query') ?? '';
  return new Response(JSON.stringify({ status: 'success', data: { resultType: 'vector', result: ANSWERS[q] ?? [] } }));
}) as typeof fetch;

describe('Prometheus fleet source', () => {
  it('builds one row per (instance, location) with the host, verdict, ratio and rates', async () => {
    const s = await createPrometheusSource('http://prom:9090/', fakeFetch).read();
    expect(
      s.locations.map((l) => [(l as { host?: string }).host, l.location, l.verdict, l.rateKiBps, l.medianRatio]),
    ).toEqual([
      ['a:9147', '/dl', 'throttled', 1000, 0.31],
      ['b:9147', '/api', 'no-limit', undefined, undefined],
      ['b:9147', '/dl', 'conforming', 500, 1.01],
    ]);
    const api = s.locations.find((l) => l.location === '/api');
    expect(api).toMatchObject({
      requestsTotal: 900,
      requestsPerSecond: 10,
      errorRatio: 0.05,
      p95DurationSeconds: undefined,
    });
    expect(s.wsgi.byCode).toEqual({ WSGI0210: 7 });
    expect(s.findings[0]).toMatchObject({ rule: 'flush-delay-zero-with-ratelimit', subject: 'a:9147 shop' });
    expect(s.versions.modWsgi).toBe('6.0.5');
  });

  it('reports a failed query as an error (the dashboard keeps the last good snapshot)', async () => {
    const failing = (async () =>
      new Response(JSON.stringify({ status: 'error', error: 'bad_data' }))) as unknown as typeof fetch;
    await expect(createPrometheusSource('http://prom:9090', failing).read()).rejects.toThrow('bad_data');
  });
});

describe('--connect source', () => {
  it('reads URL/api/v1/snapshot and fails clearly on HTTP errors', async () => {
    const seen: string[] = [];
    const ok = (async (url: string) => {
      seen.push(url);
      return new Response(JSON.stringify(snapshot()));
    }) as typeof fetch;
    expect((await createConnectSource('http://web-1:9147/', ok).read()).host).toBe('web-1');
    expect(seen).toEqual(['http://web-1:9147/api/v1/snapshot']);
    const down = (async () => new Response('no', { status: 503 })) as unknown as typeof fetch;
    await expect(createConnectSource('http://web-1:9147', down).read()).rejects.toThrow('HTTP 503');
  });
});
