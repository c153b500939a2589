// Issue 20, acceptance 3: `analyse` on a plain combined log — no Apache config, no rate limit — reports requests per
// location and status class, and each parse failure's reason with sample lines at file:line, in text and in JSON.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAnalyse } from '../../src/cli/commands/analyse.ts';
import { FIXTURES_DIR } from '../analyse/findings/fixture-trees.ts';

const line = (urlPath: string, status: number, bytes: number) =>
  `203.0.113.7 - - [23/Nov/2026:20:40:00 +0000] "GET ${urlPath} HTTP/1.1" ${status} ${bytes} "-" "curl/8.5"`;

// 5 × /api (4 ok, one 500), 3 × /static (one 404), 2 × / ; bad lines at lines 3, 6, 8 and 11.
const LINES = [
  line('/api/users', 200, 100),
  line('/api/users/7', 200, 100),
  'garbage: not an access line',
  line('/static/app.css', 200, 2048),
  line('/static/missing.png', 404, 300),
  'another line Apache never wrote',
  line('/api/items', 500, 50),
  'a third unreadable line',
  line('/', 200, 1000),
  line('/api/items?page=2', 200, 100),
  '203.0.113.7 - - [31/Foo/2026:20:40:00 +0000] "GET / HTTP/1.1" 200 5 "-" "-"',
  'a fourth: counted, not sampled',
  line('/static/logo.svg', 304, 0),
  line('/', 200, 1000),
  line('/api/items', 200, 100),
];

let dir = '';
let log = '';

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'wsgiwatch-analyse-plain-'));
  log = path.join(dir, 'access.log');
  await writeFile(log, `${LINES.join('\n')}\n`);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function analyse(format: 'text' | 'json', extra: { apacheConfig?: string } = {}) {
  let stdout = '';
  const code = await runAnalyse(
    { accessLogs: [log], errorLogs: [], format, ...extra },
    { stdout: (s) => (stdout += s), stderr: () => {} },
  );
  return { code, stdout };
}

describe('analyse on a plain combined log (no config, no rate limits)', () => {
  it('JSON: requests, bytes by first path segment and status class; parse failures with reasons, samples, lines', async () => {
    const { code, stdout } = await analyse('json');
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.traffic.locationsFrom).toBe('path-segments');
    const rows = json.traffic.rows.map((r: { location: string; requests: number; responseBytes: number }) => [
      r.location,
      r.requests,
      r.responseBytes,
    ]);
    expect(rows).toEqual([
      ['/api', 5, 450],
      ['/static', 3, 2348],
      ['/', 2, 2000],
    ]);
    const api = json.traffic.rows[0];
    expect(api.byStatusClass).toEqual({
      '2xx': { requests: 4, responseBytes: 400, durationSeconds: null },
      '5xx': { requests: 1, responseBytes: 50, durationSeconds: null },
    });
    expect(json.traffic.byStatusClass['2xx'].requests).toBe(7);
    expect(json.traffic.byStatusClass['3xx'].requests).toBe(1);
    expect(json.traffic.byStatusClass['4xx'].requests).toBe(1);
    expect(json.traffic.byStatusClass['5xx'].requests).toBe(1);

    expect(json.files[0].parseFailures).toBe(5);
    const byReason = Object.fromEntries(json.parseFailures.map((f: { reason: string }) => [f.reason, f]));
    expect(byReason.format_mismatch.count).toBe(4);
    // At most 3 samples, the first ones, each at its file:line.
    expect(
      byReason.format_mismatch.samples.map((s: { file: string; line: number; text: string }) => [
        s.file,
        s.line,
        s.text,
      ]),
    ).toEqual([
      [log, 3, 'garbage: not an access line'],
      [log, 6, 'another line Apache never wrote'],
      [log, 8, 'a third unreadable line'],
    ]);
    expect(byReason.bad_timestamp).toMatchObject({ log: 'access', count: 1, samples: [{ file: log, line: 11 }] });
    expect(json.setup).toEqual({ rateLimitedLocations: 0 });
    expect(json.banners).toEqual([]);
  });

  it('text: the setup line, per-location and per-status figures, the failures at file:line', async () => {
    const { stdout } = await analyse('text');
    expect(stdout).toContain('no Apache config read; no rate-limited location: rate-limit verdicts need mod_ratelimit');
    expect(stdout).toContain('`wsgiwatch demo` shows them');
    expect(stdout).toContain('Requests by location (no location configured: the top 20 first path segments');
    expect(stdout).toMatch(/^\s+5\s+4\s+0\s+0\s+1\s+0\s+450 B\s+-\s+-\s+-\s+default \/api$/m);
    expect(stdout).toMatch(/^\s+3\s+1\s+1\s+1\s+0\s+0\s+2\.3 KiB\s+-\s+-\s+-\s+default \/static$/m);
    expect(stdout).toMatch(/^\s+2xx\s+7\s+/m);
    expect(stdout).toMatch(/^\s+4\s+access format_mismatch$/m);
    expect(stdout).toContain(`${log}:3  garbage: not an access line`);
    expect(stdout).toContain(`${log}:11  203.0.113.7 - - [31/Foo/2026`);
    expect(stdout).not.toContain('a fourth: counted, not sampled');
  });

  it('shows a sample line with terminal controls as visible symbols, never as controls', async () => {
    const esc = path.join(dir, 'esc.log');
    await writeFile(esc, 'bad \u001b]0;title\u0007 line\n');
    let stdout = '';
    await runAnalyse(
      { accessLogs: [esc], errorLogs: [], format: 'text' },
      { stdout: (s) => (stdout += s), stderr: () => {} },
    );
    expect(stdout).toContain(`${esc}:1  bad \u241b]0;title\u2407 line`);
    expect(stdout).not.toContain('\u001b');
  });

  it('leads with the flush-delay banner when a finding concerns response-flush-delay', async () => {
    const config = path.join(FIXTURES_DIR, 'flush-delay-zero-with-ratelimit', 'apache2.conf');
    const { stdout } = await analyse('text', { apacheConfig: config });
    const [first, , , setup] = stdout.split('\n');
    expect(first).toBe(
      '! response-flush-delay=0 on daemon group app serves /downloads (not measured yet) under RATE_LIMIT · recommended: remove it (default 5 ms)',
    );
    expect(setup).toBe(`read ${config}; 1 rate-limited location: a verdict each once 5 responses are measured`);
    // The config names its locations: requests are labelled by them (`none` outside every <Location>).
    expect(stdout).toContain('Requests by location (locations of the config;');
  });
});
