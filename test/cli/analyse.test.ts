import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AnalyseOptions, analyseLogs, runAnalyse } from '../../src/cli/commands/analyse.ts';
import { UserError } from '../../src/user-error.ts';
import { LAB_LOG_FORMAT } from '../support/lab/apache-lab.ts';

// Lines in the lab format: %h %l %u %t "%r" %>s %O %B %D %^FB %X %L %{remote}p "%{rate-limit}e" "%{rate-initial-burst}e" %v
const daemon = (s: number, us: number) =>
  `127.0.0.1 - - [23/Nov/2026:20:40:0${s} +0000] "GET /app/bytes?n=1048576 HTTP/1.1" 200 1048756 1048576 ${us} 852 + id${s} 40304 "1000" "-" lab`;
const statik = (s: number, us: number) =>
  `127.0.0.1 - - [23/Nov/2026:20:41:0${s} +0000] "GET /static/1024k.bin HTTP/1.1" 200 1048875 1048576 ${us} 119 + - 40298 "1000" "-" lab`;
const ERROR_LOG = [
  '[Mon Nov 23 20:29:08.457804 2026] [mpm_event:notice] [pid 13228:tid 13228] AH00489: Apache/2.4.71 (Debian) mod_wsgi/4.9.4 Python/3.11 configured -- resuming normal operations',
  "[Mon Nov 23 20:35:30.623512 2026] [wsgi:error] [pid 11178:tid 11191] [remote 127.0.0.1:53976] mod_wsgi (pid=11178): Exception occurred processing WSGI script '/srv/app/app.wsgi'.",
  '[Mon Nov 23 20:35:30.631803 2026] [wsgi:error] [pid 11178:tid 11191] [remote 127.0.0.1:53976] Traceback (most recent call last):',
  '[Mon Nov 23 20:35:30.631916 2026] [wsgi:error] [pid 11178:tid 11191] [remote 127.0.0.1:53976]   File "/srv/app/app.wsgi", line 60, in application',
  "[Mon Nov 23 20:35:30.631924 2026] [wsgi:error] [pid 11178:tid 11191] [remote 127.0.0.1:53976]     raise RuntimeError('boom')",
  '[Mon Nov 23 20:35:30.631942 2026] [wsgi:error] [pid 11178:tid 11191] [remote 127.0.0.1:53976] RuntimeError: boom',
  '[Mon Nov 23 20:38:03.583778 2026] [core:notice] [pid 11177:tid 11177] AH00052: child pid 24506 exit signal Segmentation fault (11)',
  '',
].join('\n');

let dir = '';
let options: AnalyseOptions;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'wsgiwatch-analyse-test-'));
  // Rotated the logrotate way: .2.gz is the oldest, then .1, then the live file.
  await writeFile(
    path.join(dir, 'access.log.2.gz'),
    gzipSync(`${[1, 2, 3].map((s) => daemon(s, 3_010_000 + s)).join('\n')}\n`),
  );
  await writeFile(
    path.join(dir, 'access.log.1'),
    `${daemon(4, 3_009_000)}\nnot an access line\n${daemon(5, 2_810_000)}\n`,
  );
  await writeFile(
    path.join(dir, 'access.log'),
    `${[1, 2, 3, 4, 5].map((s) => statik(s, 1_002_000 + s * 1000)).join('\n')}\n${statik(6, 500_000).replace('GET', 'HEAD')}\n${statik(7, 400_000).replace(' + - ', ' X - ')}\n`,
  );
  await writeFile(path.join(dir, 'error.log'), ERROR_LOG);
  options = {
    accessLogs: [path.join(dir, 'access.log')],
    accessLogFormat: LAB_LOG_FORMAT,
    errorLogs: [path.join(dir, 'error.log')],
    locations: [
      { prefix: '/app', rateLimitKiB: 1000, processGroup: 'app' },
      { prefix: '/static', rateLimitKiB: 1000 },
    ],
  };
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('analyseLogs', () => {
  it('reads rotated and .gz files and counts lines and parse failures per file', async () => {
    const report = await analyseLogs(options);
    expect(report.files.map((f) => [path.basename(f.path), f.log, f.lines, f.parseFailures])).toEqual([
      ['error.log', 'error', 7, 0],
      ['access.log.2.gz', 'access', 3, 0],
      ['access.log.1', 'access', 3, 1],
      ['access.log', 'access', 7, 0],
    ]);
  });

  it('gives per-location verdicts with explanations', async () => {
    const report = await analyseLogs(options);
    const app = report.locations.find((l) => l.location === '/app');
    const stat = report.locations.find((l) => l.location === '/static');
    expect(app).toMatchObject({ rateKiBps: 1000, samples: 5, verdict: 'throttled' });
    expect(app?.medianRatio).toBeCloseTo(1 / 3.009, 3);
    expect(app?.explanation).toContain("daemon group 'app'");
    expect(app?.explanation).toContain('4.9.4');
    // HEAD and the aborted transfer are not measured.
    expect(stat).toMatchObject({ rateKiBps: 1000, samples: 5, verdict: 'conforming' });
  });

  it('counts mod_wsgi events by kind, a traceback once, with versions from the startup line', async () => {
    const report = await analyseLogs(options);
    expect(report.versions).toEqual({ apache: '2.4.71', modWsgi: '4.9.4', python: '3.11', mpm: 'event' });
    expect(report.wsgiEvents.byKind.exception).toBe(1);
    expect(report.wsgiEvents.byKind['child-crash']).toBe(1);
    const ex = report.events.find((e) => e.kind === 'exception');
    expect(ex?.time).toBe('2026-11-23T20:35:30.623Z');
    // As the agent does: the --location facts (a rate-limited daemon group) and the version read are checked too.
    expect(report.findings.map((f) => f.rule)).toEqual(['mod-wsgi-before-6.0.2-with-ratelimit']);
  });

  it('refuses to run with nothing to read', async () => {
    // A UserError: src/cli/main.ts alone maps it to exit 2 (the subprocess test below checks the exit code).
    const run = runAnalyse(
      { accessLogs: [path.join(dir, 'nope.log')], errorLogs: [], format: 'json' },
      { stdout: () => {}, stderr: () => {} },
    );
    await expect(run).rejects.toThrow(UserError);
    await expect(run).rejects.toThrow('nothing to read');
  });
});

describe('runAnalyse', () => {
  it('prints the stable JSON contract', async () => {
    let stdout = '';
    const code = await runAnalyse({ ...options, format: 'json' }, { stdout: (s) => (stdout += s), stderr: () => {} });
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    // Keys are only ever added: the first six are the original contract.
    expect(Object.keys(json)).toEqual([
      'files',
      'versions',
      'wsgiEvents',
      'locations',
      'findings',
      'events',
      'banners',
      'setup',
      'traffic',
      'parseFailures',
    ]);
    expect(Object.keys(json.setup)).toEqual(['rateLimitedLocations']);
    expect(Object.keys(json.traffic)).toEqual(['locationsFrom', 'rows', 'byStatusClass']);
    expect(json.traffic.locationsFrom).toBe('config');
    expect(Object.keys(json.traffic.rows[0])).toEqual([
      'vhost',
      'location',
      'requests',
      'responseBytes',
      'durationSeconds',
      'byStatusClass',
    ]);
    expect(Object.keys(json.traffic.rows[0].durationSeconds)).toEqual(['p50', 'p90', 'p99']);
    // The rotated generation's line is named by the file it is in, under its live name.
    expect(json.parseFailures).toEqual([
      {
        log: 'access',
        reason: 'format_mismatch',
        count: 1,
        samples: [
          {
            text: 'not an access line',
            path: path.join(dir, 'access.log'),
            file: path.join(dir, 'access.log.1'),
            line: 2,
            offset: 138,
          },
        ],
      },
    ]);
    expect(Object.keys(json.files[0])).toEqual(['path', 'log', 'lines', 'parseFailures', 'wrapper']);
    expect(Object.keys(json.wsgiEvents)).toEqual(['byCode', 'byKind', 'other', 'notKept']);
    for (const key of [
      'vhost',
      'location',
      'rateKiBps',
      'burstKiB',
      'samples',
      'medianRatio',
      'verdict',
      'explanation',
    ]) {
      expect(Object.keys(json.locations[0])).toContain(key);
    }
  });

  it('prints a readable text report', async () => {
    let stdout = '';
    await runAnalyse({ ...options, format: 'text' }, { stdout: (s) => (stdout += s), stderr: () => {} });
    expect(stdout).toMatch(/throttled\s+0\.33\s+n=5/);
    expect(stdout).toMatch(/conforming\s+1\.00?\s+n=5/);
    expect(stdout).toContain('exception');
  });
});

describe('wsgiwatch analyse (the command)', () => {
  const main = path.join(import.meta.dirname, '..', '..', 'src', 'cli', 'main.ts');
  // This Node (24, from the devDependency), not whatever `node` the tsx shim would find on PATH.
  const cli = (args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', main, ...args], { encoding: 'utf8', timeout: 30_000 });

  it('takes several logs after one flag and prints JSON', () => {
    const r = cli([
      'analyse',
      '--access-log',
      path.join(dir, 'access.log'),
      path.join(dir, 'access.log.1'),
      '--access-log-format',
      LAB_LOG_FORMAT,
      '--error-log',
      path.join(dir, 'error.log'),
      '--location',
      '/app=1000',
      '--location',
      '/static=1000',
      '--format',
      'json',
    ]);
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.files.map((f: { path: string }) => path.basename(f.path))).toEqual([
      'error.log',
      'access.log.2.gz',
      'access.log.1',
      'access.log',
    ]);
    expect(json.locations.find((l: { location: string }) => l.location === '/static').verdict).toBe('conforming');
  });

  it('exits 2 with a message when nothing matches', () => {
    const r = cli(['analyse', '--access-log', path.join(dir, 'none*.log')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('nothing to read');
  });
});
