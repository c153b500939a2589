// Issue #5 acceptance 5: `--connect` (an agent's JSON API) and `--prometheus` (a real Prometheus scraping two agents)
// show the same numbers as the in-process view of the same data.

import { type ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createAgent } from '../../src/agent/create-agent.ts';
import { createConnectSource } from '../../src/dashboard/connect-source.ts';
import { formatPanel, formatRatio } from '../../src/dashboard/format-panel.ts';
import { createInProcessSource } from '../../src/dashboard/in-process-source.ts';
import { createPrometheusSource } from '../../src/dashboard/prometheus-source.ts';
import { writeDemoApacheConfig } from '../../src/demo/demo-apache-config.ts';
import { demoLinesBetween, demoStartupLines } from '../../src/demo/demo-scenario.ts';
import { createLogger } from '../../src/log.ts';
import type { Snapshot } from '../../src/report/snapshot.ts';

const AGENT_PORTS = [18310, 18311];
const PROM_PORT = 19310;

async function waitFor<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 30_000): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = await read().catch(() => undefined);
    if (v !== undefined && ok(v)) return v;
    if (Date.now() - t0 > ms) throw new Error(`not reached within ${ms} ms: ${JSON.stringify(v)?.slice(0, 400)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('dashboard snapshot sources agree with the in-process view', () => {
  const dirs: string[] = [];
  const agents: Agent[] = [];
  let prometheus: ChildProcess | undefined;
  beforeAll(async () => {
    const t = Math.floor(Date.now() / 1000) - 60;
    for (const [i, port] of AGENT_PORTS.entries()) {
      const dir = mkdtempSync(join(tmpdir(), 'wsgiwatch-dash-src-'));
      dirs.push(dir);
      const paths = writeDemoApacheConfig(dir);
      // A fixed backlog (no live writer): both views must read the very same data. Seeds differ per host.
      const lines = [...demoStartupLines(t), ...demoLinesBetween(i + 1, t, t + 60)];
      appendFileSync(
        paths.errorLog,
        lines
          .filter((l) => l.log === 'error')
          .map((l) => `${l.text}\n`)
          .join(''),
      );
      appendFileSync(
        paths.accessLog,
        lines
          .filter((l) => l.log === 'access')
          .map((l) => `${l.text}\n`)
          .join(''),
      );
      const agent = createAgent({
        logger: createLogger({ level: 'silent', quiet: true }),
        apacheConfig: paths.configFile,
        positionsFile: join(dir, 'positions.json'),
        fromBeginning: true,
        listenAddress: `127.0.0.1:${port}`,
        pollIntervalMs: 50,
      });
      agents.push(agent);
      await agent.start();
      await waitFor(
        async () => agent.snapshot(),
        (s) =>
          s.sources.length === 2 && s.sources.every((x) => x.state === 'open' && x.lagBytes === 0 && x.linesRead > 0),
      );
    }
  });
  afterAll(async () => {
    if (prometheus && prometheus.exitCode === null) {
      const exited = new Promise((r) => prometheus?.once('exit', r));
      prometheus.kill('SIGTERM');
      await exited;
    }
    for (const a of agents) await a.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('--connect: the rate-limit, events and findings panels are identical to the in-process ones', async () => {
    const local = await createInProcessSource(agents[0]).read();
    const remote = await createConnectSource(`http://127.0.0.1:${AGENT_PORTS[0]}`).read();
    for (const panel of ['ratelimit', 'events', 'findings', 'sources'] as const)
      expect(formatPanel(panel, remote, 100).rows.map((r) => r.text)).toEqual(
        formatPanel(panel, local, 100).rows.map((r) => r.text),
      );
    expect(remote.versions).toEqual(local.versions);
    expect(formatPanel('ratelimit', remote, 100).rows.length).toBe(3);
  });

  it('--prometheus: a real Prometheus scraping both agents gives each host the same verdicts, ratios and counts', async () => {
    const dir = dirs[0];
    const config = join(dir, 'prometheus.yml');
    writeFileSync(
      config,
      `global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: wsgiwatch\n    static_configs:\n      - targets: [${AGENT_PORTS.map((p) => `'127.0.0.1:${p}'`).join(', ')}]\n`,
    );
    prometheus = spawn(
      'prometheus',
      [
        `--config.file=${config}`,
        `--storage.tsdb.path=${join(dir, 'tsdb')}`,
        `--web.listen-address=127.0.0.1:${PROM_PORT}`,
      ],
      { stdio: 'ignore' },
    );
    const source = createPrometheusSource(`http://127.0.0.1:${PROM_PORT}`);
    const fleet: Snapshot = await waitFor(
      () => source.read(),
      (s) => s.locations.filter((l) => l.medianRatio !== undefined).length === 6 && s.findings.length > 0,
      40_000,
    );
    let wsgi0210 = 0;
    let findings = 0;
    for (const [i, agent] of agents.entries()) {
      const local = agent.snapshot();
      wsgi0210 += local.wsgi.byCode.WSGI0210 ?? 0;
      findings += local.findings.length;
      for (const l of local.locations.filter((x) => x.rateKiBps !== undefined)) {
        const f = fleet.locations.find(
          (x) => (x as { host?: string }).host === `127.0.0.1:${AGENT_PORTS[i]}` && x.location === l.location,
        );
        expect(f, l.location).toBeDefined();
        expect(f?.verdict).toBe(l.verdict);
        expect(f?.rateKiBps).toBe(l.rateKiBps);
        expect(formatRatio(f?.medianRatio)).toBe(formatRatio(l.medianRatio));
        expect(f?.requestsTotal).toBe(l.requestsTotal);
      }
    }
    expect(fleet.wsgi.byCode.WSGI0210).toBe(wsgi0210);
    expect(wsgi0210).toBeGreaterThan(0);
    expect(fleet.findings.length).toBe(findings);
    expect(
      formatPanel('ratelimit', fleet, 100)
        .rows.map((r) => r.text)
        .join('\n'),
    ).toMatch(/127\.0\.0\.1:18310 \/downloads .* THROTTLED/);
  });
});
