// The whole /metrics page for a fixed input: every family, label set and value the agent exposes, in order. Volatile
// parts are masked (the temp dir, build labels, the client's process_*/nodejs_* families). `-u` rewrites the golden
// file; review its diff like code: a changed name or label breaks dashboards and alert rules.

import { appendFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createAgent } from '../../src/agent/create-agent.ts';
import { writeDemoApacheConfig } from '../../src/demo/demo-apache-config.ts';
import { demoLinesBetween, demoStartupLines } from '../../src/demo/demo-scenario.ts';
import { appendDemoLines } from '../../src/demo/run-demo-writer.ts';
import { createLogger } from '../../src/log.ts';
import { METRIC_NAMES } from '../../src/metrics/metric-names.ts';

/** The demo scenario's first minute from a fixed time: the same lines every run. */
const T0 = 1795487000;

/** Masks what changes run to run; keeps every name, label and counted value. */
function maskExposition(body: string, dir: string): string {
  return body
    .split('\n')
    .filter((l) => !/^(# (HELP|TYPE) )?(process|nodejs)_/.test(l))
    .join('\n')
    .replaceAll(dir, '<dir>')
    .replace(/wsgiwatch_build_info\{[^}]*\}/, 'wsgiwatch_build_info{<masked>}')
    .replace(/^(apache_config_last_load_timestamp_seconds) \S+$/m, '$1 <masked>');
}

describe('/metrics golden exposition', () => {
  let dir: string;
  let agent: Agent;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wsgiwatch-golden-metrics-'));
    // The demo's config tree: a throttled daemon location, a conforming and an ineffective one, findings, WSGI0210,
    // a crash; its lines for one minute from T0.
    const paths = writeDemoApacheConfig(dir);
    appendDemoLines(paths, [...demoStartupLines(T0), ...demoLinesBetween(1, T0, T0 + 60)]);
    appendFileSync(paths.accessLog, 'not an access line\n');
    agent = createAgent({
      logger: createLogger({ level: 'silent', quiet: true }),
      apacheConfig: paths.configFile,
      positionsFile: join(dir, 'positions.json'),
      fromBeginning: true,
      listenAddress: '127.0.0.1:0',
      pollIntervalMs: 20,
    });
    await agent.start();
  });
  afterAll(async () => {
    await agent?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('holds the whole page, volatile values masked', async () => {
    const t0 = Date.now();
    let body = '';
    // Read until both logs are read to their end (the tailer's first pass), then the page is stable.
    for (;;) {
      body = await (await fetch(`${agent.url}/metrics`)).text();
      const s = agent.snapshot();
      if (s.sources.length === 2 && s.sources.every((x) => x.state === 'open' && x.lagBytes === 0 && x.linesRead > 0))
        break;
      if (Date.now() - t0 > 10_000) throw new Error('logs not read within 10 s');
      await new Promise((r) => setTimeout(r, 25));
    }
    body = await (await fetch(`${agent.url}/metrics`)).text();
    await expect(maskExposition(body, dir)).toMatchFileSnapshot('golden/metrics-exposition.prom');
  });

  it('exposes exactly the families METRIC names, in that order', async () => {
    const body = await (await fetch(`${agent.url}/metrics`)).text();
    const families = [...body.matchAll(/^# TYPE (\S+)/gm)]
      .map((m) => m[1])
      .filter((n) => !/^(process|nodejs)_/.test(n));
    expect(families).toEqual(METRIC_NAMES);
  });
});
