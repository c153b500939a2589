// Issue #6 acceptance 5: docs/deploy.md's "TLS and basic auth" recipe, executed as written (its shell block read from
// the page, with /etc/wsgiwatch moved to a scratch directory, `sudo` dropped and the port moved into our range), then
// a real Prometheus runs deploy/prometheus/prometheus-tls.yml against the agent and the target must be up.

import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { writeDemoApacheConfig } from '../../src/demo/demo-apache-config.ts';
import { demoLinesBetween, demoStartupLines } from '../../src/demo/demo-scenario.ts';
import { appendDemoLines } from '../../src/demo/run-demo-writer.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const AGENT_PORT = 18620;
const PROM_PORT = 18621;

/** The shell block of docs/deploy.md's TLS recipe, one command a line (backslash continuations joined). */
function deployTlsRecipe(): string[] {
  const page = readFileSync(join(ROOT, 'docs/deploy.md'), 'utf8');
  const section = page.slice(page.indexOf('## TLS and basic auth'));
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1];
  if (block === undefined) throw new Error('docs/deploy.md: no sh block after "## TLS and basic auth"');
  return block
    .replace(/\\\n\s*/g, '')
    .split('\n')
    .filter(Boolean);
}

/** Polls until `check` is true (or throws with `why()` after `ms`). */
async function waitFor(check: () => Promise<boolean>, ms: number, why: () => string): Promise<void> {
  const t0 = Date.now();
  while (!(await check().catch(() => false))) {
    if (Date.now() - t0 > ms) throw new Error(why());
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function stop(p: ChildProcess | undefined): Promise<void> {
  if (!p || p.exitCode !== null || p.signalCode !== null) return;
  const exited = new Promise((r) => p.once('exit', r));
  p.kill('SIGTERM');
  await exited;
}

describe('docs/deploy.md recipe: scrape over TLS with basic auth', () => {
  const lines = deployTlsRecipe();
  const runAt = lines.findIndex((l) => l.startsWith('wsgiwatch run '));
  let dir = '';
  let agent: ChildProcess | undefined;
  let prometheus: ChildProcess | undefined;
  let agentOutput = '';
  let promOutput = '';
  // The recipe's paths and port, moved into the scratch directory and our port range.
  const local = (l: string) =>
    l
      .replace(/^sudo /, '')
      .replace(/\| sudo /g, '| ')
      .replaceAll('/etc/wsgiwatch', dir)
      .replaceAll('localhost:9147', `localhost:${AGENT_PORT}`);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wsgiwatch-tls-recipe-'));
    // 1. Certificate, bcrypt hash, web config: the recipe's lines before `wsgiwatch run`, as one bash script.
    expect(runAt).toBeGreaterThan(0);
    execFileSync('bash', ['-euo', 'pipefail', '-c', lines.slice(0, runAt).map(local).join('\n')], {
      cwd: dir,
      stdio: 'pipe',
    });
    // 2. The agent with the recipe's flags; the Apache config is the demo's, with a minute of its traffic.
    const apache = join(dir, 'apache');
    const paths = writeDemoApacheConfig(apache);
    const t = Math.floor(Date.now() / 1000) - 60;
    appendDemoLines(paths, [...demoStartupLines(t), ...demoLinesBetween(1, t, t + 60)]);
    const args = local(lines[runAt])
      .replace(/\s*&$/, '')
      .split(/\s+/)
      .slice(1)
      .map((a) => (a === '/etc/apache2/apache2.conf' ? paths.configFile : a));
    expect(args).toContain('--web.config.file');
    agent = spawn(
      process.execPath,
      [
        join(ROOT, 'bin/wsgiwatch.js'),
        ...args,
        '--from-beginning',
        '--positions',
        join(dir, 'positions.json'),
        '--web.listen-address',
        `127.0.0.1:${AGENT_PORT}`,
      ],
      { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    agent.stdout?.on('data', (b) => {
      agentOutput += b;
    });
    agent.stderr?.on('data', (b) => {
      agentOutput += b;
    });
    const curl = (extra: string[]) =>
      spawnSync('curl', ['-s', '--cacert', join(dir, 'tls/cert.pem'), ...extra], { encoding: 'utf8' });
    await waitFor(
      async () =>
        /wsgiwatch_log_lines_read_total\{log="access"[^}]*\} [1-9]/.test(
          curl(['-u', 'prometheus:the-password', `https://127.0.0.1:${AGENT_PORT}/metrics`]).stdout,
        ),
      30_000,
      () => `agent did not serve over TLS:\n${agentOutput}`,
    );
  }, 60_000);

  afterAll(async () => {
    await stop(prometheus);
    await stop(agent);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("writes an exporter-toolkit web config with the recipe's bcrypt hash", () => {
    const web = parse(readFileSync(join(dir, 'web.yml'), 'utf8'));
    expect(web.tls_server_config).toEqual({ cert_file: 'tls/cert.pem', key_file: 'tls/key.pem' });
    expect(web.basic_auth_users.prometheus).toMatch(/^\$2[aby]\$10\$[./A-Za-z0-9]{53}$/);
  });

  it("the recipe's curl gets metrics with the CA and the password, 401 without the password", () => {
    const curlLine = local(lines[runAt + 1]);
    expect(curlLine).toMatch(/^curl -s --cacert .* -u prometheus:the-password https:\/\/localhost:/);
    const out = execFileSync('bash', ['-c', curlLine], { encoding: 'utf8' });
    expect(out).toMatch(/^# (HELP|TYPE) /m);
    expect(out.split('\n').filter(Boolean)).toHaveLength(10); // `| head`
    const noAuth = spawnSync(
      'curl',
      [
        '-s',
        '-o',
        '/dev/null',
        '-w',
        '%{http_code}',
        '--cacert',
        join(dir, 'tls/cert.pem'),
        `https://localhost:${AGENT_PORT}/metrics`,
      ],
      { encoding: 'utf8' },
    );
    expect(noAuth.stdout).toBe('401');
    const wrong = spawnSync(
      'curl',
      [
        '-s',
        '-o',
        '/dev/null',
        '-w',
        '%{http_code}',
        '--cacert',
        join(dir, 'tls/cert.pem'),
        '-u',
        'prometheus:nope',
        `https://localhost:${AGENT_PORT}/metrics`,
      ],
      { encoding: 'utf8' },
    );
    expect(wrong.stdout).toBe('401');
  });

  it('Prometheus with deploy/prometheus/prometheus-tls.yml scrapes it: target up, no scrape error', async () => {
    // The example as shipped, with its three site-specific values pointed here and a 1 s interval (the test's budget).
    const config = parse(readFileSync(join(ROOT, 'deploy/prometheus/prometheus-tls.yml'), 'utf8'));
    const job = config.scrape_configs[0];
    expect(job).toMatchObject({ job_name: 'wsgiwatch', scheme: 'https', basic_auth: { username: 'prometheus' } });
    config.global.scrape_interval = '1s';
    job.tls_config.ca_file = join(dir, 'tls/cert.pem');
    job.basic_auth.password_file = join(dir, 'password');
    job.static_configs[0].targets = [`127.0.0.1:${AGENT_PORT}`];
    writeFileSync(join(dir, 'password'), 'the-password\n');
    writeFileSync(join(dir, 'prometheus.yml'), stringify(config));
    prometheus = spawn(
      'prometheus',
      [
        `--config.file=${join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(dir, 'tsdb')}`,
        `--web.listen-address=127.0.0.1:${PROM_PORT}`,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    prometheus.stderr?.on('data', (b) => {
      promOutput += b;
    });
    type Target = { health: string; lastError: string; scrapeUrl: string; labels: { job: string } };
    let targets: Target[] = [];
    await waitFor(
      async () => {
        const r = await fetch(`http://127.0.0.1:${PROM_PORT}/api/v1/targets`);
        targets = ((await r.json()) as { data: { activeTargets: Target[] } }).data.activeTargets;
        return targets.length === 1 && targets[0].health === 'up';
      },
      30_000,
      () => `target not up: ${JSON.stringify(targets)}\n${promOutput.slice(-2000)}`,
    );
    expect(targets[0]).toMatchObject({
      health: 'up',
      lastError: '',
      scrapeUrl: `https://127.0.0.1:${AGENT_PORT}/metrics`,
      labels: { job: 'wsgiwatch' },
    });
    // The series came through the authenticated scrape.
    const q = await fetch(`http://127.0.0.1:${PROM_PORT}/api/v1/query?query=wsgiwatch_build_info`);
    const result = ((await q.json()) as { data: { result: { metric: Record<string, string> }[] } }).data.result;
    expect(result.map((s) => s.metric.job)).toEqual(['wsgiwatch']);
  }, 45_000);
});
