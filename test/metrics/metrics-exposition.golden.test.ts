// The whole /metrics page for a fixed input: every family, label set and value the agent exposes, in order. Volatile
// parts are masked (the temp dir, build labels, the client's process_*/nodejs_* families). `-u` rewrites the golden
// file; review its diff like code: a changed name or label breaks dashboards and alert rules.

import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createAgent } from '../../src/agent/create-agent.ts';
import { createLogger } from '../../src/log.ts';
import { METRIC_NAMES } from '../../src/metrics/metric-names.ts';

const FORMAT = '%a %{remote}p %l %u %t "%r" %>s %O %D "%{Referer}i" "%{User-Agent}i"';
const GOLDEN_WSGI = new URL('../golden/wsgi/', import.meta.url);
const line = (path: string, status: number, bytes: number, micros: number, port: number) =>
  `127.0.0.1 ${port} - - [23/Nov/2026:20:40:02 +0000] "GET ${path} HTTP/1.1" ${status} ${bytes} ${micros} "-" "curl/7.88.1"\n`;

/** Masks what changes run to run; keeps every name, label and counted value. */
function maskExposition(body: string, dir: string): string {
  return body
    .split('\n')
    .filter((l) => !/^(# (HELP|TYPE) )?(process|nodejs)_/.test(l))
    .join('\n')
    .replaceAll(dir, '<dir>')
    .replace(/wsgiwatch_build_info\{[^}]*\}/, 'wsgiwatch_build_info{<masked>}');
}

describe('/metrics golden exposition', () => {
  let dir: string;
  let agent: Agent;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wsgiwatch-golden-metrics-'));
    await copyFile(new URL('error.log', GOLDEN_WSGI), join(dir, 'error.log'));
    let access = '';
    // /dl at 100 KiB/s: 1 MiB allowed 10.2 s, measured 10.25 s → conforming. /app through daemon `app` at 1000 KiB/s:
    // allowed 1.0 s, measured 3.0 s → throttled.
    for (let i = 0; i < 6; i++) access += line(`/dl/f${i}.bin`, 200, 1048576 + 278, 10_250_000, 40000 + i);
    for (let i = 0; i < 6; i++) access += line('/app/bytes', 200, 1048576 + 180, 3_010_000, 41000 + i);
    access += line('/elsewhere/x', 404, 300, 900, 42000);
    access += 'not an access line\n';
    await writeFile(join(dir, 'access.log'), access);
    agent = createAgent({
      logger: createLogger({ level: 'silent', quiet: true }),
      accessLogs: [{ path: join(dir, 'access.log'), format: FORMAT }],
      errorLogs: [{ path: join(dir, 'error.log') }],
      locations: [
        { prefix: '/dl', rateLimitKiB: 100 },
        { prefix: '/app', processGroup: 'app', rateLimitKiB: 1000 },
      ],
      modWsgiVersion: '6.0.5',
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
