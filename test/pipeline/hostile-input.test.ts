// An attacker controls URLs, Host headers, user agents and can write arbitrary bytes into logged fields: none of it may
// reach a Prometheus label or grow memory without bound.

import type { Registry } from '@prometheus-io/client';
import { describe, expect, it } from 'vitest';
import { createLocationMatcher } from '../../src/analyse/match-location.ts';
import { createEngineState } from '../../src/engine/create-engine.ts';
import { modelFromLocationOptions } from '../../src/engine/model-from-location-options.ts';
import { createLogger } from '../../src/log.ts';
import { createRegistries } from '../../src/metrics/create-registries.ts';
import { compileLogFormat } from '../../src/parse/access/compile-log-format.ts';
import { compileErrorLogFormat } from '../../src/parse/error/compile-error-log-format.ts';
import { createPipeline } from '../../src/pipeline/create-pipeline.ts';

const FORMAT = '%v %h %l %u %t "%r" %>s %O "%{Referer}i" "%{User-Agent}i" %D "%{rate-limit}e"';

function setup() {
  const state = createEngineState({ verdictWindow: { maxSamples: 200, maxAgeSeconds: 900 }, maxEvents: 200 });
  const model = modelFromLocationOptions([{ prefix: '/dl', rateLimitKiB: 100 }]);
  const pipeline = createPipeline(
    {
      access: [{ path: 'a.log', format: compileLogFormat(FORMAT) }],
      error: [{ path: 'e.log', format: compileErrorLogFormat() }],
      matchRequest: createLocationMatcher(model),
    },
    state,
    createLogger({ level: 'silent', quiet: true }),
    { now: () => 1_800_000_000_000 },
  );
  const registries = createRegistries({
    ...state,
    tailStats: () => [],
    findings: () => [],
    config: () => ({ loaded: false, success: false, timestampSeconds: 0 }),
    build: { version: 't', revision: 't' },
    now: () => 1_800_000_000_000,
  });
  return { state, pipeline, registries };
}

const seriesCount = async (r: Registry) =>
  (await r.metrics()).split('\n').filter((l) => l.startsWith('apache_')).length;

describe('hostile input', () => {
  it('keeps series bounded under 20,000 distinct hosts, URLs, agents and rate values', async () => {
    const { pipeline, registries, state } = setup();
    const batch = (from: number, n: number) =>
      Array.from({ length: n }, (_, k) => {
        const i = from + k;
        return {
          log: 'access' as const,
          path: 'a.log',
          offset: 0,
          text: `evil-${i}.example 10.0.0.1 - - [23/Nov/2026:20:40:02 +0000] "GET /dl/\\x1b]0;pwn\\x07${i}?q=${i} HTTP/1.1" ${200 + (i % 400)} ${i} "https://r/${i}" "agent ${i} \\"quoted\\"" ${i} "${i % 3000}"`,
        };
      });
    pipeline.processLines(batch(0, 1000));
    const before = await seriesCount(registries.text);
    pipeline.processLines(batch(1000, 19_000));
    const after = await seriesCount(registries.text);
    const body = await registries.text.metrics();
    expect(body).not.toMatch(/evil-|pwn|agent \d|https:\/\/r\//);
    // Status classes are a fixed set; vhost/location come from config: only counts change, not the number of series.
    expect(after).toBeLessThanOrEqual(before + 40);
    expect([...state.requests.series()].length).toBeLessThanOrEqual(6);
  });

  it('counts garbage and control characters as parse failures without throwing', () => {
    const { pipeline, state } = setup();
    const nasty = [
      '',
      '\u0000\u0000',
      '\u001b[2J\u001b]8;;http://x\u0007',
      'x'.repeat(70_000),
      '"'.repeat(5000),
      '\r',
      '[ '.repeat(10_000),
    ];
    expect(() =>
      pipeline.processLines(nasty.map((text) => ({ log: 'access', path: 'a.log', offset: 0, text }))),
    ).not.toThrow();
    expect(() =>
      pipeline.processLines(nasty.map((text) => ({ log: 'error', path: 'e.log', offset: 0, text }))),
    ).not.toThrow();
    expect(state.parse.total()).toBeGreaterThanOrEqual(nasty.length);
  });
});

describe('hostile error-log lines', () => {
  it('folds forged WSGI codes beyond the cap into other and counts the drop', async () => {
    const { pipeline, registries, state } = setup();
    const lines = Array.from({ length: 2000 }, (_, i) => ({
      log: 'error' as const,
      path: 'e.log',
      offset: 0,
      text: `[Mon Nov 23 20:36:09.433404 2026] [wsgi:error] [pid 1:tid 2] [remote 127.0.0.1:5] WSGI${String(1000 + i).padStart(4, '0')}: forged`,
    }));
    pipeline.processLines(lines);
    const body = await registries.text.metrics();
    // The codes the alerts use are declared at zero from the start; the forged ones (1 each) are capped.
    const codes = body.split('\n').filter((l) => l.startsWith('apache_wsgi_errors_total{') && !l.endsWith(' 0'));
    expect(codes.length).toBeLessThanOrEqual(401);
    expect(body).toContain('apache_wsgi_errors_total{code="other",level="error"}');
    expect(state.dropped.entries()).toContainEqual(['wsgi_code', 1600]);
  });
});
