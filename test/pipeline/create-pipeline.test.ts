// processLines records each access line to the aggregates of the location its request context names. The pipeline
// resolves those aggregates once per context (not by label strings per line): a config reload that maps the same URLs
// elsewhere, and a matcher that makes a new context object per call, must still land every line where it belongs.

import { describe, expect, it } from 'vitest';
import type { RequestContext } from '../../src/analyse/match-location.ts';
import type { RateLimitRule } from '../../src/config/apache/config-model.ts';
import { createEngineState } from '../../src/engine/create-engine.ts';
import { createLogger } from '../../src/log.ts';
import { compileLogFormat } from '../../src/parse/access/compile-log-format.ts';
import { createPipeline, type PipelineSources } from '../../src/pipeline/create-pipeline.ts';
import type { LogLine } from '../../src/sources/log-line.ts';

const format = compileLogFormat('%h %l %u %t "%r" %>s %O %D');
const line = (path: string, status = 200, bytes = 4_000_000, micros = 2_000_000): LogLine => ({
  log: 'access',
  path: 'a.log',
  text: `10.0.0.1 - - [23/Nov/2026:20:39:56 +0000] "GET ${path} HTTP/1.1" ${status} ${bytes} ${micros}`,
  offset: 0,
});

function setup(matchRequest: PipelineSources['matchRequest']) {
  const state = createEngineState({ verdictWindow: { maxSamples: 200, maxAgeSeconds: 900 }, maxEvents: 200 });
  const pipeline = createPipeline(
    { access: [{ path: 'a.log', format }], error: [], matchRequest },
    state,
    createLogger({ level: 'silent', quiet: true }),
    { now: () => 1_795_000_000_000 },
  );
  const requests = (location: string, statusClass = '2xx') =>
    [...state.requests.series()].find((s) => s.location === location && s.statusClass === statusClass)?.requests ?? 0;
  return { state, pipeline, requests };
}

const rate: RateLimitRule = {
  vhost: 'default',
  location: '/dl',
  match: 'prefix',
  rateKiB: 1000,
  conditional: false,
  filter: { how: 'SetOutputFilter', source: { file: 'httpd.conf', line: 1 } },
};
const byPrefix =
  (contexts: Record<string, RequestContext>) =>
  (_vhost: string | undefined, urlPath: string | undefined): RequestContext =>
    contexts[urlPath?.split('/')[1] ?? ''] ?? { vhost: 'default', location: 'none' };

describe('createPipeline aggregates', () => {
  it('records each line to its context’s location and rate-limit entry', () => {
    const dl: RequestContext = { vhost: 'default', location: '/dl', rate };
    const app: RequestContext = { vhost: 'default', location: '/app' };
    const { state, pipeline, requests } = setup(byPrefix({ dl, app }));
    pipeline.processLines([line('/dl/a'), line('/app/b'), line('/dl/c', 404), line('/dl/d'), line('/other')]);
    expect([requests('/dl'), requests('/dl', '4xx'), requests('/app'), requests('none')]).toEqual([2, 1, 1, 1]);
    const entry = state.ratelimit.get('default', '/dl');
    expect(entry?.ratioCount).toBe(2);
    expect(entry?.unmeasured.get('non_2xx')).toBe(1);
    // no rate on /app: no rate-limit entry made for it
    expect(state.ratelimit.get('default', '/app')).toBeUndefined();
  });

  it('after setSources the same URLs go to the new matcher’s locations', () => {
    const { pipeline, requests } = setup(byPrefix({ dl: { vhost: 'default', location: '/dl' } }));
    pipeline.processLines([line('/dl/a')]);
    pipeline.setSources({
      access: [{ path: 'a.log', format }],
      error: [],
      matchRequest: byPrefix({ dl: { vhost: 'default', location: '/dl/' } }),
    });
    pipeline.processLines([line('/dl/b'), line('/dl/c')]);
    expect([requests('/dl'), requests('/dl/')]).toEqual([1, 2]);
  });

  it('a matcher that makes a new context per call: every line counted, whatever the number of contexts', () => {
    const { pipeline, requests } = setup(() => ({ vhost: 'default', location: '/fresh' }));
    const lines = Array.from({ length: 10_000 }, (_, i) => line(`/x/${i}`));
    pipeline.processLines(lines);
    expect(requests('/fresh')).toBe(10_000);
  });
});
