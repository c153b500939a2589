// Issue #6 acceptance 2–3: a real Prometheus (Debian package) on loopback scrapes two agents replaying the demo scenario
// and a third over TLS with basic auth; every dashboard query returns data through the HTTP API, the template variables
// resolve, the alert rules load and evaluate cleanly (and the WSGI0210 alert fires on the demo's WSGI0210 lines), and
// every metric and label the dashboard and rules use is exposed by a running agent.

import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type Agent, createAgent } from '../../src/agent/create-agent.ts';
import { writeDemoApacheConfig } from '../../src/demo/demo-apache-config.ts';
import { type DemoLine, demoLinesBetween, demoStartupLines } from '../../src/demo/demo-scenario.ts';
import { appendDemoLines } from '../../src/demo/run-demo-writer.ts';
import { createLogger } from '../../src/log.ts';
import { hasOpenssl, writeTlsWebConfig } from '../metrics/write-tls-web-config.ts';
import { metricFamily, promqlReferences, scrapeLabels } from './promql-references.ts';

const PLAIN_PORTS = [18410, 18411];
const TLS_PORT = 18412;
const PROM_PORT = 19410;
const PROM = `http://127.0.0.1:${PROM_PORT}`;
const RULES = fileURLToPath(new URL('../../dashboards/wsgiwatch-alerts.yml', import.meta.url));
const DASHBOARD = fileURLToPath(new URL('../../dashboards/wsgiwatch-overview.json', import.meta.url));
/** Labels Prometheus adds to every scraped series (target labels): never in the agent's own exposition. */
const TARGET_LABELS = new Set(['job', 'instance']);

const hasPrometheus = spawnSync('prometheus', ['--version']).status === 0;
// Skipped only off CI on a machine without them: `npm test` installs both first (pretest), so CI never skips.
const canRun = Boolean(process.env.CI) || (hasPrometheus && hasOpenssl);

async function waitFor<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 40_000): Promise<T> {
  const t0 = Date.now();
  let last: T | undefined;
  for (;;) {
    last = await read().catch(() => undefined);
    if (last !== undefined && ok(last)) return last;
    if (Date.now() - t0 > ms) throw new Error(`not reached within ${ms} ms: ${JSON.stringify(last)?.slice(0, 600)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function api<T>(path: string): Promise<T> {
  const r = await fetch(`${PROM}${path}`);
  const body = (await r.json()) as { status: string; data: T; error?: string };
  if (body.status !== 'success') throw new Error(`${path}: ${body.error}`);
  return body.data;
}

interface QueryResult {
  resultType: string;
  result: { metric: Record<string, string>; value: [number, string] }[];
}

const query = (expr: string) => api<QueryResult>(`/api/v1/query?query=${encodeURIComponent(expr)}`);

/** Grafana's variables as the "All" selection and a short range: what the panel sends to Prometheus. */
function substitute(expr: string): string {
  return expr
    .replaceAll('$__rate_interval', '10s')
    .replaceAll('$__range', '5m')
    .replace(/\$(job|instance|vhost|location)\b/g, '.*');
}

interface DashboardPanel {
  title: string;
  type: string;
  targets?: { expr: string; refId: string }[];
}

const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as {
  panels: DashboardPanel[];
  templating: { list: { name: string; query: string | { query: string } }[] };
};
const panelTargets = dashboard.panels.flatMap((p) =>
  (p.targets ?? []).map((t) => ({ name: `${p.title} ${t.refId}`, expr: t.expr })),
);
/** The query variables' `label_values(selector, label)`: the selector is checked like a panel query, plus the label. */
const variableExprs = dashboard.templating.list.flatMap((v) => {
  const m = /^label_values\((.*),\s*([a-zA-Z_][a-zA-Z0-9_]*)\)$/.exec(typeof v.query === 'string' ? '' : v.query.query);
  return m === null ? [] : [{ name: `variable ${v.name}`, expr: m[1], label: m[2] }];
});
const ruleExprs = (
  parse(readFileSync(RULES, 'utf8')) as { groups: { rules: { alert: string; expr: string }[] }[] }
).groups.flatMap((g) => g.rules.map((r) => ({ name: r.alert, expr: r.expr })));

describe.skipIf(!canRun)('dashboard and alert rules against a real Prometheus', () => {
  const dirs: string[] = [];
  const agents: Agent[] = [];
  const logs: { access: string; error: string }[] = [];
  let prometheus: ChildProcess | undefined;
  let writer: NodeJS.Timeout | undefined;
  let backlog: DemoLine[][] = [];

  beforeAll(async () => {
    const t0 = Math.floor(Date.now() / 1000) - 60;
    const work = mkdtempSync(join(tmpdir(), 'wsgiwatch-dash-prom-'));
    dirs.push(work);
    // TLS material for the third agent: a self-signed certificate for 127.0.0.1 and a bcrypt basic-auth user.
    writeTlsWebConfig(work, 'prometheus', 'scrape-secret');
    const ports = [...PLAIN_PORTS, TLS_PORT];
    for (const [i, port] of ports.entries()) {
      const dir = mkdtempSync(join(tmpdir(), 'wsgiwatch-dash-prom-agent-'));
      dirs.push(dir);
      const paths = writeDemoApacheConfig(dir);
      const lines = [...demoStartupLines(t0), ...demoLinesBetween(i + 1, t0, t0 + 60)];
      backlog.push(lines);
      // One line in no known format: the parse-failure series exist as they do on a real host.
      appendDemoLines(paths, lines);
      appendFileSync(paths.accessLog, 'this is not an access log line\n');
      logs.push({ access: paths.accessLog, error: paths.errorLog });
      const agent = createAgent({
        logger: createLogger({ level: 'silent', quiet: true }),
        apacheConfig: paths.configFile,
        positionsFile: join(dir, 'positions.json'),
        fromBeginning: true,
        listenAddress: `127.0.0.1:${port}`,
        pollIntervalMs: 50,
        ...(port === TLS_PORT ? { webConfigFile: join(work, 'web.yml') } : {}),
      });
      agents.push(agent);
      await agent.start();
    }
    // Live traffic while Prometheus scrapes: rates and quantiles have something to show.
    let second = t0 + 60;
    writer = setInterval(() => {
      const now = Math.floor(Date.now() / 1000);
      if (now <= second) return;
      for (const [i, l] of logs.entries()) {
        appendDemoLines({ accessLog: l.access, errorLog: l.error }, demoLinesBetween(i + 1, second, now));
      }
      second = now;
    }, 500);
    const config = join(work, 'prometheus.yml');
    writeFileSync(
      config,
      [
        'global:',
        '  scrape_interval: 1s',
        '  evaluation_interval: 1s',
        'rule_files:',
        `  - ${RULES}`,
        'scrape_configs:',
        '  - job_name: wsgiwatch',
        '    static_configs:',
        `      - targets: [${PLAIN_PORTS.map((p) => `'127.0.0.1:${p}'`).join(', ')}]`,
        '  - job_name: wsgiwatch-tls',
        '    scheme: https',
        '    tls_config:',
        `      ca_file: ${join(work, 'cert.pem')}`,
        '    basic_auth:',
        '      username: prometheus',
        '      password: scrape-secret',
        '    static_configs:',
        `      - targets: ['127.0.0.1:${TLS_PORT}']`,
        '',
      ].join('\n'),
    );
    prometheus = spawn(
      'prometheus',
      [
        `--config.file=${config}`,
        `--storage.tsdb.path=${join(work, 'tsdb')}`,
        `--web.listen-address=127.0.0.1:${PROM_PORT}`,
      ],
      { stdio: 'ignore' },
    );
    // Every target up, and at least a few scrapes in: 10 s rate windows need two samples.
    await waitFor(
      () => api<{ activeTargets: { health: string }[] }>('/api/v1/targets'),
      (d) => d.activeTargets.length === 3 && d.activeTargets.every((t) => t.health === 'up'),
    );
    await new Promise((r) => setTimeout(r, 4000));
  }, 90_000);

  afterAll(async () => {
    if (writer) clearInterval(writer);
    if (prometheus && prometheus.exitCode === null) {
      const exited = new Promise((r) => prometheus?.once('exit', r));
      prometheus.kill('SIGTERM');
      await exited;
    }
    for (const a of agents) await a.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    backlog = [];
  });

  it('scrapes all three targets, the TLS + basic-auth one included, with no scrape error', async () => {
    const d = await api<{
      activeTargets: { health: string; lastError: string; scrapeUrl: string; labels: { job: string } }[];
    }>('/api/v1/targets');
    expect(d.activeTargets.map((t) => [t.labels.job, t.health, t.lastError]).sort()).toEqual([
      ['wsgiwatch', 'up', ''],
      ['wsgiwatch', 'up', ''],
      ['wsgiwatch-tls', 'up', ''],
    ]);
    expect(d.activeTargets.find((t) => t.labels.job === 'wsgiwatch-tls')?.scrapeUrl).toBe(
      `https://127.0.0.1:${TLS_PORT}/metrics`,
    );
    // Without the credentials the TLS agent refuses (the agent is in this process: no blocking child here).
    const status = await new Promise<number | undefined>((resolve, reject) =>
      httpsGet(`https://127.0.0.1:${TLS_PORT}/metrics`, { ca: readFileSync(join(dirs[0], 'cert.pem')) }, (res) => {
        res.resume();
        resolve(res.statusCode);
      }).on('error', reject),
    );
    expect(status).toBe(401);
  });

  it.each(panelTargets)('panel query "$name" returns data with a finite value', async ({ expr }) => {
    const d = await waitFor(
      () => query(substitute(expr)),
      (x) => x.result.length > 0 && x.result.some((s) => Number.isFinite(Number(s.value[1]))),
      20_000,
    );
    expect(d.result.length).toBeGreaterThan(0);
  });

  it('the template variables resolve: jobs, instances, vhosts and locations', async () => {
    const values = async (label: string, match: string) =>
      api<string[]>(`/api/v1/label/${label}/values?match[]=${encodeURIComponent(match)}`);
    expect(await values('job', 'wsgiwatch_build_info')).toEqual(['wsgiwatch', 'wsgiwatch-tls']);
    expect(await values('instance', 'wsgiwatch_build_info')).toHaveLength(3);
    expect(await values('vhost', 'apache_http_requests_total')).toEqual(['shop.example']);
    expect(await values('location', 'apache_http_requests_total')).toEqual(
      expect.arrayContaining(['/downloads', '/static', '/reports']),
    );
    const names = dashboard.templating.list.map((v) => v.name);
    expect(names).toEqual(['datasource', 'job', 'instance', 'vhost', 'location']);
  });

  it('every alert rule loads and evaluates without error', async () => {
    const d = await waitFor(
      () =>
        api<{ groups: { rules: { name: string; health: string; lastError?: string }[] }[] }>(
          '/api/v1/rules?type=alert',
        ),
      (x) => x.groups.flatMap((g) => g.rules).every((r) => r.health === 'ok'),
    );
    const rules = d.groups.flatMap((g) => g.rules);
    expect(rules.map((r) => r.name).sort()).toEqual(ruleExprs.map((r) => r.name).sort());
    for (const r of rules) expect(r.lastError ?? '').toBe('');
  });

  it('the WSGI0210 and child-crash alerts fire on the demo lines, and the throttled location goes pending', async () => {
    // The backlog was read before the first scrape: append its WSGI0210 and AH00052 lines again so the counters rise.
    for (const [i, l] of logs.entries())
      appendFileSync(
        l.error,
        backlog[i]
          .filter((x) => x.log === 'error' && /WSGI0210|AH00052/.test(x.text))
          .map((x) => `${x.text}\n`)
          .join(''),
      );
    const alerts = await waitFor(
      () => api<{ alerts: { labels: Record<string, string>; state: string }[] }>('/api/v1/alerts'),
      (x) =>
        ['ModWsgiWSGI0210', 'ApacheChildCrashes'].every((n) =>
          x.alerts.some((a) => a.labels.alertname === n && a.state === 'firing'),
        ),
    );
    const throttled = alerts.alerts.filter((a) => a.labels.alertname === 'ApacheRateLimitThrottled');
    expect(throttled.map((a) => a.labels.location)).toContain('/downloads');
    expect(throttled.every((a) => a.state === 'pending')).toBe(true);
  });

  it("passes promtool's metric lint, but for the Node.js runtime metrics the client names itself", async () => {
    const body = await (await fetch(`http://127.0.0.1:${PLAIN_PORTS[0]}/metrics`)).text();
    const r = spawnSync('promtool', ['check', 'metrics'], { input: body, encoding: 'utf8' });
    const problems = `${r.stdout}${r.stderr}`.split('\n').filter((l) => l.trim() !== '');
    // @prometheus-io/client's default metrics (nodejs_active_handles_total is a gauge, …): its names, not ours.
    expect(problems.filter((l) => !l.startsWith('nodejs_'))).toEqual([]);
    expect(body).toMatch(/^apache_http_requests_total\{/m); // the page had the agent's families, not just the runtime's
  });

  it('answers a scrape that accepts gzip (as Prometheus does) compressed, and smaller', async () => {
    const url = `http://127.0.0.1:${PLAIN_PORTS[0]}/metrics`;
    // node:http, not fetch: fetch would decompress and hide the encoding. Async: the agents run in this process.
    const zipped = await new Promise<{ encoding?: string; body: Buffer }>((resolve, reject) => {
      httpGet(url, { headers: { 'Accept-Encoding': 'gzip' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }));
      }).on('error', reject);
    });
    const plain = await (await fetch(url, { headers: { 'Accept-Encoding': 'identity' } })).text();
    expect(zipped.encoding).toBe('gzip');
    expect(zipped.body.length).toBeLessThan(Buffer.byteLength(plain) / 4);
    expect(gunzipSync(zipped.body).toString('utf8')).toMatch(/^apache_http_requests_total\{/m);
  });

  it('every metric and label the dashboard and the rules use is exposed by a running agent', async () => {
    const body = await (await fetch(`http://127.0.0.1:${PLAIN_PORTS[0]}/metrics`)).text();
    const { labels: exposed, histograms } = scrapeLabels(body);
    const missing: string[] = [];
    const used = new Set<string>();
    const checked: { name: string; expr: string; label?: string }[] = [...panelTargets, ...ruleExprs, ...variableExprs];
    for (const { name, expr, label } of checked) {
      const refs = promqlReferences(expr);
      if (label !== undefined) refs.groupingLabels.add(label);
      const metrics = [...refs.metrics].filter((m) => m !== 'up'); // `up` is Prometheus's own
      const families = metrics.map((m) => metricFamily(m, histograms));
      const labelsOfAll = new Set(families.flatMap((f) => [...(exposed.get(f) ?? [])]));
      for (const [i, m] of metrics.entries()) {
        const family = families[i];
        used.add(family);
        if (!exposed.has(family)) {
          missing.push(`${name}: metric ${m}`);
          continue;
        }
        for (const l of refs.selectorLabels.get(m) ?? [])
          if (!TARGET_LABELS.has(l) && !exposed.get(family)?.has(l)) missing.push(`${name}: ${m}{${l}}`);
      }
      for (const l of refs.groupingLabels)
        if (!TARGET_LABELS.has(l) && metrics.length > 0 && !labelsOfAll.has(l)) missing.push(`${name}: by (${l})`);
    }
    expect(missing).toEqual([]);
    // The check is not vacuous: it saw the families the dashboard is about, histograms folded to their family.
    expect([...used].sort()).toEqual([
      'apache_config_findings',
      'apache_config_last_load_success',
      'apache_http_request_duration_seconds',
      'apache_http_requests_total',
      'apache_http_response_bytes_total',
      'apache_info',
      'apache_ratelimit_configured_rate_bytes_per_second',
      'apache_ratelimit_initial_burst_bytes',
      'apache_ratelimit_median_ratio',
      'apache_ratelimit_throughput_ratio',
      'apache_ratelimit_verdict',
      'apache_wsgi_errors_total',
      'apache_wsgi_events_total',
      'wsgiwatch_build_info',
      'wsgiwatch_log_file_open',
      'wsgiwatch_log_lag_bytes',
      'wsgiwatch_log_lines_lost_total',
      'wsgiwatch_log_lines_read_total',
      'wsgiwatch_log_parse_failures_total',
      'wsgiwatch_log_rotations_total',
      'wsgiwatch_log_truncations_total',
    ]);
    expect(histograms).toContain('apache_ratelimit_throughput_ratio');
    expect(variableExprs.map((v) => v.label)).toEqual(['job', 'instance', 'vhost', 'location']);
  });
});
