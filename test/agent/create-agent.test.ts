// The live agent end to end on files it tails: lines in, /metrics and /api/v1/snapshot out (real timers, bounded).

import { appendFileSync } from 'node:fs';
import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createAgent } from '../../src/agent/create-agent.ts';
import { EngineInputError } from '../../src/engine/engine-input-error.ts';
import { createLogger, createLogRing } from '../../src/log.ts';
import type { Snapshot } from '../../src/report/snapshot.ts';

const FORMAT = '%h %l %u %t "%r" %>s %O %D %{remote}p "%{rate-limit}e"';
const access = (path: string, status: number, bytes: number, micros: number, port: number, rate = '-') =>
  `127.0.0.1 - - [23/Nov/2026:20:40:02 +0000] "GET ${path} HTTP/1.1" ${status} ${bytes} ${micros} ${port} "${rate}"\n`;

async function waitFor<T>(read: () => Promise<T> | T, ok: (v: T) => boolean, ms = 10_000): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() - t0 > ms) throw new Error(`condition not met in ${ms} ms: ${JSON.stringify(v).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('createAgent', () => {
  let dir: string;
  let agent: Agent;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wsgiwatch-agent-'));
    await writeFile(join(dir, 'access.log'), '');
    await writeFile(join(dir, 'error.log'), '');
    agent = createAgent({
      logger: createLogger({ level: 'silent', quiet: true }),
      accessLogs: [{ path: join(dir, 'access.log'), format: FORMAT }],
      errorLogs: [{ path: join(dir, 'error.log') }],
      locations: [
        { prefix: '/dl', rateLimitKiB: 100 },
        { prefix: '/app', processGroup: 'app', rateLimitKiB: 1000 },
      ],
      positionsFile: join(dir, 'positions.json'),
      listenAddress: '127.0.0.1:0',
      pollIntervalMs: 20,
    });
    await agent.start();
    await waitFor(
      () => agent.snapshot(),
      (s: Snapshot) => s.sources.every((x) => x.state === 'open'),
    );
  });
  afterAll(async () => {
    await agent?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('turns access lines into request and rate-limit metrics with bounded labels', async () => {
    // 1 MiB at 100 KiB/s: formula (A) allows 51 × 0.2 s = 10.2 s. Conforming when measured ≈ that.
    let lines = '';
    for (let i = 0; i < 6; i++) lines += access(`/dl/file-${i}.bin?x=${i}`, 200, 1048576 + 278, 10_250_000, 40000 + i);
    // 1 MiB through a daemon at 1000 KiB/s: allowed 1.0 s, measured 3.0 s → ratio ≈ 0.33, throttled.
    for (let i = 0; i < 6; i++) lines += access('/app/bytes', 200, 1048576 + 180, 3_010_000, 41000 + i, '1000');
    lines += access('/elsewhere/unique-url-1', 404, 300, 900, 42000);
    await appendFile(join(dir, 'access.log'), lines);
    const body = await waitFor(
      async () => (await fetch(`${agent.url}/metrics`)).text(),
      (b) => b.includes('apache_http_requests_total{vhost="default",location="/app",status_class="2xx"} 6'),
    );
    expect(body).toContain('apache_http_requests_total{vhost="default",location="/dl",status_class="2xx"} 6');
    expect(body).toContain('apache_http_requests_total{vhost="default",location="none",status_class="4xx"} 1');
    expect(body).not.toContain('unique-url-1');
    expect(body).toContain('apache_ratelimit_verdict{vhost="default",location="/dl",verdict="conforming"} 1');
    expect(body).toContain('apache_ratelimit_verdict{vhost="default",location="/app",verdict="throttled"} 1');
    expect(body).toContain(
      'apache_ratelimit_configured_rate_bytes_per_second{vhost="default",location="/app"} 1024000',
    );
    expect(body).toMatch(/wsgiwatch_log_lines_read_total\{log="access",path="[^"]+access\.log"\} 13/);
    expect(body).toContain('apache_wsgi_errors_total{code="WSGI0210",level="error"} 0');
    // Declared at zero so that increase() alerts see the first crash.
    expect(body).toContain('apache_wsgi_events_total{kind="child-crash",level="notice"} 0');
    const snap = (await (await fetch(`${agent.url}/api/v1/snapshot`)).json()) as Snapshot;
    const app = snap.locations.find((l) => l.location === '/app');
    expect(app?.verdict).toBe('throttled');
    expect(app?.medianRatio).toBeGreaterThan(0.3);
    expect(app?.medianRatio).toBeLessThan(0.36);
    expect(app?.explanation.length).toBeGreaterThan(20);
  });

  it('counts mod_wsgi events, versions and WSGI0210 from the error log', async () => {
    await appendFile(
      join(dir, 'error.log'),
      [
        '[Mon Nov 23 20:36:06.425372 2026] [mpm_event:notice] [pid 22390:tid 22390] AH00489: Apache/2.4.71 (Debian) mod_wsgi/6.0.5 Python/3.11 configured -- resuming normal operations',
        '[Mon Nov 23 20:37:45.266671 2026] [wsgi:error] [pid 23839:tid 23855] [client 127.0.0.1:55662] [script /srv/lab/app/app.wsgi] WSGI0210: Embedded mode of mod_wsgi cannot be used as Python was not initialised in this process., referer: http://ref.example/e',
        '[Mon Nov 23 20:29:18.475228 2026] [core:notice] [pid 13228:tid 13228] AH00052: child pid 13614 exit signal Segmentation fault (11)',
        '',
      ].join('\n'),
    );
    const body = await waitFor(
      async () => (await fetch(`${agent.url}/metrics`)).text(),
      (b) => b.includes('apache_wsgi_errors_total{code="WSGI0210",level="error"} 1'),
    );
    expect(body).toContain(
      'apache_info{apache_version="2.4.71",mod_wsgi_version="6.0.5",python_version="3.11",mpm="event"} 1',
    );
    expect(body).toMatch(/apache_wsgi_events_total\{kind="child-crash",level="notice"\} 1/);
    const snap: Snapshot = agent.snapshot();
    expect(snap.wsgi.byCode.WSGI0210).toBe(1);
    expect(snap.versions.modWsgi).toBe('6.0.5');
  });

  it('counts and does not throw on lines that do not match the format', async () => {
    await appendFile(join(dir, 'access.log'), 'garbage line\n\u001b[31mred\n');
    const body = await waitFor(
      async () => (await fetch(`${agent.url}/metrics`)).text(),
      (b) => /wsgiwatch_log_parse_failures_total\{log="access",reason="[a-z_]+"\} 2/.test(b),
    );
    expect(body).toContain('wsgiwatch_log_parse_failures_total');
  });
});

describe('createAgent configuration errors', () => {
  it('names the unknown LogFormat directive', () => {
    expect(() =>
      createAgent({
        logger: createLogger({ level: 'silent', quiet: true }),
        accessLogs: [{ path: '/tmp/none.log', format: '%h %Z' }],
        listenAddress: false,
      }),
    ).toThrow(EngineInputError);
    expect(() =>
      createAgent({
        logger: createLogger({ level: 'silent', quiet: true }),
        accessLogs: [{ path: '/tmp/none.log', format: '%h %Z' }],
        listenAddress: false,
      }),
    ).toThrow(/%Z/);
  });
});

describe('createAgent readiness', () => {
  it('is ready once the files are positioned: a line written right after start() is read, the old ones are not', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wsgiwatch-ready-'));
    const log = join(dir, 'access.log');
    await writeFile(log, access('/old/1', 200, 5, 100, 1) + access('/old/2', 200, 5, 100, 2));
    const agent = createAgent({
      logger: createLogger({ level: 'silent', quiet: true }),
      accessLogs: [{ path: log, format: FORMAT }],
      listenAddress: '127.0.0.1:0',
      pollIntervalMs: 20,
    });
    try {
      await agent.start();
      // Before anything else can run: had the first tick not positioned the file yet, it would take this line for old.
      appendFileSync(log, access('/new/1', 200, 5, 100, 3));
      expect((await fetch(`${agent.url}/-/ready`)).status).toBe(200);
      const body = await waitFor(
        async () => (await fetch(`${agent.url}/metrics`)).text(),
        (b) => /wsgiwatch_log_lines_read_total\{log="access",path="[^"]+"\} 1\n/.test(b),
      );
      expect(body).toContain('apache_http_requests_total{vhost="default",location="none",status_class="2xx"} 1');
    } finally {
      await agent.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('createAgent in dashboard mode', () => {
  it('carries its own log ring into the snapshot with the count of older lines dropped', () => {
    const ring = createLogRing(2);
    const agent = createAgent({
      logger: createLogger({ level: 'info', ring, quiet: true }),
      accessLogs: [{ path: '/nonexistent/access.log', format: FORMAT }],
      listenAddress: false,
      agentLog: ring,
    });
    for (const n of [1, 2, 3]) ring.write(`{"msg":"${n}"}\n`);
    const s = agent.snapshot();
    expect(s.agentLog).toEqual(['{"msg":"2"}', '{"msg":"3"}']);
    expect(s.agentLogDropped).toBe(1);
  });
});
