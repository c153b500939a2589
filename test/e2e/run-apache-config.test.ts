// Issue #3 acceptance 3: `wsgiwatch run --apache-config` (the real CLI, a child process) on a real Apache started here
// discovers its access and error logs with the formats from its config and labels requests with its <Location>s.
// SIGHUP re-reads the config; a broken config is reported and the last good one kept.

import { type ChildProcess, spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApacheLab, LAB_PATHS, startApacheLab } from '../support/lab/apache-lab.ts';

const APACHE_PORT = 18050;
const AGENT_PORT = 18051;

async function metrics(): Promise<string> {
  return (await fetch(`http://127.0.0.1:${AGENT_PORT}/metrics`)).text();
}

async function waitFor(check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const t0 = Date.now();
  while (!(await check().catch(() => false))) {
    if (Date.now() - t0 > ms) throw new Error(`not reached within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(process.env.WSGIWATCH_SKIP_LAB === '1')('wsgiwatch run --apache-config against a real Apache', () => {
  let lab: ApacheLab;
  let agent: ChildProcess;
  let output = '';
  beforeAll(async () => {
    lab = await startApacheLab({ port: APACHE_PORT, rateKiB: 1000 });
    agent = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli/main.ts',
        'run',
        '--apache-config',
        lab.configFile,
        '--web.listen-address',
        `127.0.0.1:${AGENT_PORT}`,
        '--positions',
        `${lab.serverRoot}/positions.json`,
        '--from-beginning',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    agent.stdout?.on('data', (c) => (output += c));
    agent.stderr?.on('data', (c) => (output += c));
    await waitFor(async () => (await fetch(`http://127.0.0.1:${AGENT_PORT}/-/ready`)).ok);
  });
  afterAll(async () => {
    agent?.kill('SIGTERM');
    await lab?.stop();
  });

  it('tails the configured logs with their formats and labels requests by <Location>', async () => {
    for (const p of [`${LAB_PATHS.static}/256k.bin`, `${LAB_PATHS.daemon}/pid`, '/nowhere-configured'])
      await lab.request(p);
    // Apache writes the access line after the response: wait until all three are counted.
    const expected = [
      new RegExp(`apache_http_requests_total\\{vhost="[^"]+",location="${LAB_PATHS.static}",status_class="2xx"\\} 1`),
      new RegExp(`apache_http_requests_total\\{vhost="[^"]+",location="${LAB_PATHS.daemon}",status_class="2xx"\\} 1`),
      /apache_http_requests_total\{vhost="[^"]+",location="none",status_class="4xx"\} 1/,
    ];
    await waitFor(async () => {
      const b = await metrics();
      return expected.every((re) => re.test(b));
    });
    const body = await metrics();
    // The startup line says what was read, what is followed and how many locations carry a rate limit.
    expect(output).toContain(`"msg":"read ${lab.configFile}; following `);
    expect(output).toMatch(
      /"rateLimitedLocations":[1-9]\d*,.*rate-limited locations?: a verdict each once 5 responses/,
    );
    expect(body).toContain(`path="${lab.accessLog}"`);
    expect(body).toContain(`path="${lab.errorLog}"`);
    expect(body).toContain('apache_config_last_load_success 1');
    // The lab's error log has the startup line: versions come from the running Apache.
    await waitFor(async () => (await metrics()).includes('mod_wsgi_version="4.9.4"'));
    expect(body).not.toMatch(/wsgiwatch_log_parse_failures_total\{log="access"/);
    // Debian's 4.9.4 behind RATE_LIMIT in daemon mode is a finding.
    expect(await metrics()).toMatch(
      /apache_config_findings\{rule="mod-wsgi-before-6.0.2-with-ratelimit",severity="[a-z]+",subject="[^"]+"\} 1/,
    );
  });

  it('keeps the last good config when a reload finds a broken one, and says so', async () => {
    const original = await readFile(lab.configFile, 'utf8');
    await writeFile(lab.configFile, `${original}\n<Location /broken>\n`);
    agent.kill('SIGHUP');
    await waitFor(async () => (await metrics()).includes('apache_config_last_load_success 0'));
    expect(output).toMatch(/apache config reload failed; keeping the last good configuration/);
    await lab.request(`${LAB_PATHS.static}/256k.bin`);
    await waitFor(async () => /location="\/static",status_class="2xx"\} 2/.test(await metrics()));
    await writeFile(lab.configFile, original);
    agent.kill('SIGHUP');
    await waitFor(async () => (await metrics()).includes('apache_config_last_load_success 1'));
  });
});
