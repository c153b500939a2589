// One engine, two drivers: the same logs through `analyse --format json` (the batch driver) and through a live agent's
// /api/v1/snapshot (the tailer) give the same locations, events and findings.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgent } from '../../src/agent/create-agent.ts';
import { formatAnalyseJson, runAnalyse, toAnalyseReport } from '../../src/cli/commands/analyse.ts';
import type { LocationOption } from '../../src/engine/engine-options.ts';
import { createLogger } from '../../src/log.ts';
import type { Snapshot } from '../../src/report/snapshot.ts';
import { LAB_LOG_FORMAT } from '../support/lab/apache-lab.ts';

// Lab format: %h %l %u %t "%r" %>s %O %B %D %^FB %X %L %{remote}p "%{rate-limit}e" "%{rate-initial-burst}e" %v
const line = (time: string, req: string, status: number, bytes: number, us: number, port: number, rate = '1000') =>
  `127.0.0.1 - - [23/Nov/2026:${time} +0000] "GET ${req} HTTP/1.1" ${status} ${bytes} ${bytes} ${us} 852 + - ${port} "${rate}" "-" lab`;
const ERROR_LOG = [
  '[Mon Nov 23 20:30:01.000001 2026] [mpm_prefork:notice] [pid 200:tid 200] AH00163: Apache/2.4.71 (Debian) mod_wsgi/4.9.4 Python/3.11 configured -- resuming normal operations',
  "[Mon Nov 23 20:35:30.600000 2026] [wsgi:error] [pid 301:tid 302] [remote 127.0.0.1:53976] mod_wsgi (pid=301): Exception occurred processing WSGI script '/srv/two/app.wsgi'.",
  '[Mon Nov 23 20:35:30.610000 2026] [wsgi:error] [pid 301:tid 302] [remote 127.0.0.1:53976] Traceback (most recent call last):',
  '[Mon Nov 23 20:35:30.620000 2026] [wsgi:error] [pid 301:tid 302] [remote 127.0.0.1:53976]   File "/srv/two/app.wsgi", line 12, in application',
  '[Mon Nov 23 20:35:30.630000 2026] [wsgi:error] [pid 301:tid 302] [remote 127.0.0.1:53976] ValueError: two drivers',
  '[Mon Nov 23 20:39:00.000000 2026] [core:notice] [pid 200:tid 200] AH00052: child pid 305 exit signal Segmentation fault (11)',
  '',
].join('\n');
const LOCATIONS: LocationOption[] = [
  { prefix: '/app', rateLimitKiB: 1000, processGroup: 'app' },
  { prefix: '/static', rateLimitKiB: 1000 },
  { prefix: '/api' },
];

let dir = '';
let access = '';
let error = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'wsgiwatch-two-drivers-'));
  access = path.join(dir, 'access.log');
  error = path.join(dir, 'error.log');
  const lines: string[] = [];
  for (let i = 0; i < 8; i++)
    lines.push(line(`20:40:0${i}`, '/app/bytes', 200, 1048576, 3_010_000 + i * 997, 40300 + i));
  for (let i = 0; i < 8; i++)
    lines.push(line(`20:41:0${i}`, '/static/1024k.bin', 200, 1048576, 1_002_000 + i, 40400 + i));
  lines.push(line('20:35:30', '/app/boom', 500, 790, 20908, 53976, '-'));
  lines.push(line('20:42:00', '/api/items', 200, 312, 2000, 40500, '-'));
  lines.push('not an access line');
  await writeFile(access, `${lines.join('\n')}\n`);
  await writeFile(error, ERROR_LOG);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Through the same JSON writer, so absent values compare as they are printed. */
const comparable = (report: ReturnType<typeof toAnalyseReport>) => {
  const { locations, events, findings } = JSON.parse(formatAnalyseJson(report));
  return { locations, events, findings };
};

describe('the batch and the live driver', () => {
  it('give equal locations, events and findings for the same logs', async () => {
    let stdout = '';
    const code = await runAnalyse(
      {
        accessLogs: [access],
        accessLogFormat: LAB_LOG_FORMAT,
        errorLogs: [error],
        locations: LOCATIONS,
        format: 'json',
      },
      { stdout: (s) => (stdout += s), stderr: () => {} },
    );
    expect(code).toBe(0);
    const analysed = JSON.parse(stdout);

    const agent = createAgent({
      logger: createLogger({ level: 'silent', quiet: true }),
      accessLogs: [{ path: access, format: LAB_LOG_FORMAT }],
      errorLogs: [{ path: error }],
      locations: LOCATIONS,
      fromBeginning: true,
      positionsFile: path.join(dir, 'positions.json'),
      listenAddress: '127.0.0.1:0',
      pollIntervalMs: 20,
      verdictWindow: { maxSamples: 1000, maxAgeSeconds: 600 },
    });
    await agent.start();
    try {
      let snapshot: Snapshot | undefined;
      const t0 = Date.now();
      // Every line read and the traceback group closed (the agent's clock closes it once the error log is quiet).
      while (Date.now() - t0 < 10_000) {
        snapshot = (await (await fetch(`${agent.url}/api/v1/snapshot`)).json()) as Snapshot;
        if (snapshot.sources.reduce((n, s) => n + s.linesRead, 0) === 25 && snapshot.wsgi.byKind.exception === 1) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      if (snapshot === undefined) throw new Error('no snapshot');
      const live = comparable(toAnalyseReport(snapshot));
      expect(live.locations.map((l: { location: string }) => l.location)).toEqual(['/api', '/app', '/static']);
      expect(live.events.some((e: { request?: unknown }) => e.request !== undefined)).toBe(true);
      expect(live).toEqual(comparable(analysed));
    } finally {
      await agent.stop();
    }
  });
});
