// `analyse --jobs`: the report read by N threads (the main one and N - 1 workers) equals the one-thread report, byte
// for byte, on an archive (rotated and .gz generations, error logs with tracebacks and events joined to their requests,
// a rate-limited location, parse failures) with its plain files cut into chunks, and on one file cut into many.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatAnalyseJson, toAnalyseReport } from '../../src/cli/commands/analyse.ts';
import { type BatchOptions, readBatch } from '../../src/engine/read-batch.ts';
import { readBatchInWorkers } from '../../src/engine/read-batch-in-workers.ts';
import { createLogger } from '../../src/log.ts';
import { LAB_LOG_FORMAT } from '../support/lab/apache-lab.ts';

const two = (n: number) => String(n).padStart(2, '0');
/** Log time `s` seconds after 20:00:00 on Mon 23 Nov 2026. */
const clock = (s: number) => `${two(20 + Math.floor(s / 3600))}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}`;

/** Line `i` of the access archive, in the lab format: a 500 every 37th, `/app` rate-limited at 1000 KiB/s. */
function accessLine(i: number): string {
  if (i % 101 === 7) return `not an access line ${i}`;
  // A second kind of failure, only late: its samples' line numbers are counted across chunks.
  if (i > 5200 && i % 89 === 0)
    return `127.0.0.1 - - [23/Nov/2026:${clock(i)} +0000] "GET / HTTP/1.1" 2x0 5 5 5 5 + - 1 "-" "-" lab`;
  const s = Math.floor(i / 4);
  const status = i % 37 === 0 ? 500 : 200;
  const url = i % 3 === 0 ? '/static/1024k.bin' : '/app/bytes?n=1048576';
  const us = 700_000 + ((i * 7919) % 800_000);
  return `127.0.0.1 - - [23/Nov/2026:${clock(s)} +0000] "GET ${url} HTTP/1.1" ${status} 1048756 1048576 ${us} 852 + - ${40000 + (i % 1000)} "${i % 3 === 0 ? '-' : '1000'}" "-" lab`;
}

/** The error lines around access line `i`'s 500: an exception with its traceback (4.9.4 shape), or a WSGI0210. */
function errorLines(i: number): string[] {
  const at = `[Mon Nov 23 ${clock(Math.floor(i / 4))}.5${String(i % 1000).padStart(5, '0')} 2026]`;
  const who = `[pid 11178:tid ${11000 + i}] [remote 127.0.0.1:${40000 + (i % 1000)}]`;
  if (i % 2 === 0)
    return [
      `${at} [wsgi:error] ${who} mod_wsgi (pid=11178): Exception occurred processing WSGI script '/srv/app/app.wsgi'.`,
      `${at} [wsgi:error] ${who} Traceback (most recent call last):`,
      `${at} [wsgi:error] ${who}   File "/srv/app/app.wsgi", line 60, in application`,
      `${at} [wsgi:error] ${who} RuntimeError: boom ${i}`,
    ];
  return [
    `${at} [wsgi:error] [pid 23839:tid ${i}] [client 127.0.0.1:${40000 + (i % 1000)}] WSGI0210: Embedded mode of mod_wsgi cannot be used as Python was not initialised in this process.`,
  ];
}

const BANNER =
  '[Mon Nov 23 20:00:00.000001 2026] [mpm_event:notice] [pid 13228:tid 13228] AH00489: Apache/2.4.71 (Debian) mod_wsgi/4.9.4 Python/3.11 configured -- resuming normal operations';

const text = (lines: string[]) => `${lines.join('\n')}\n`;
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => from + k);
const failing = (from: number, to: number) => range(from, to).filter((i) => i % 37 === 0);

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'wsgiwatch-jobs-'));
  const generations: [string, number, number][] = [
    ['access.log.3.gz', 0, 1500],
    ['access.log.2.gz', 1500, 3000],
    ['access.log.1', 3000, 4500],
    ['access.log', 4500, 6000],
  ];
  for (const [name, from, to] of generations) {
    const body = text(range(from, to).map(accessLine));
    await writeFile(path.join(dir, name), name.endsWith('.gz') ? gzipSync(body) : body);
  }
  await writeFile(path.join(dir, 'error.log.1'), text([BANNER, ...failing(0, 3000).flatMap(errorLines)]));
  await writeFile(path.join(dir, 'error.log'), text(failing(3000, 6000).flatMap(errorLines)));
  await writeFile(path.join(dir, 'big.log'), text(range(0, 6000).map(accessLine)));
  // More first path segments than a chunk keeps apart (500): such a chunk is read again in the main thread.
  const scan = (i: number) => accessLine(i).replace('GET /', `GET /s${i % 1500}/`);
  await writeFile(path.join(dir, 'scan.log'), text(range(0, 6000).map((i) => (i < 3000 ? accessLine(i) : scan(i)))));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const LOCATIONS = [
  { prefix: '/app', rateLimitKiB: 1000, processGroup: 'app' },
  { prefix: '/static', rateLimitKiB: 1000 },
];

const options = (access: string, errors: string[], locations = LOCATIONS): BatchOptions => ({
  accessLogs: [{ path: path.join(dir, access), format: LAB_LOG_FORMAT }],
  errorLogs: errors.map((e) => ({ path: path.join(dir, e) })),
  locations,
  // Without locations, requests are counted by first path segment, as analyse does.
  pathSegments: true,
  // Small windows and rings: the latest samples and events are kept, older ones counted as dropped.
  verdictWindow: { maxSamples: 30, maxAgeSeconds: Number.POSITIVE_INFINITY },
  maxEvents: 25,
  maxLineBytes: 65536,
  logWrapper: 'auto',
  logger: createLogger({ level: 'silent', quiet: true }),
});

/** Everything but the clock the report was built at (the stepped clock starts at Date.now()). */
const comparable = (report: Awaited<ReturnType<typeof readBatch>>) =>
  JSON.stringify({ ...report, locations: report.locations.map((l) => ({ ...l, requestsPerSecond: 0 })) });

const SMALL_CHUNKS = { chunkBytes: { min: 20_000, max: 40_000 } };

describe('readBatchInWorkers', () => {
  it('gives the one-thread report on a rotated archive with error logs, plain files cut into chunks', async () => {
    const opts = options('access.log', ['error.log']);
    const one = await readBatch(opts);
    expect(one.wsgi.recent.filter((e) => e.request !== undefined).length).toBeGreaterThan(5);
    expect(one.wsgi.notKept).toBeGreaterThan(0);
    expect(one.sources.map((s) => path.basename(s.path))).toEqual([
      'error.log.1',
      'error.log',
      'access.log.3.gz',
      'access.log.2.gz',
      'access.log.1',
      'access.log',
    ]);
    expect(one.sources.reduce((n, s) => n + s.parseFailures, 0)).toBeGreaterThan(0);
    for (const jobs of [2, 4]) {
      const many = await readBatchInWorkers(opts, jobs, SMALL_CHUNKS);
      expect(comparable(many)).toBe(comparable(one));
      expect(formatAnalyseJson(toAnalyseReport(many))).toBe(formatAnalyseJson(toAnalyseReport(one)));
    }
  });

  it('gives the one-thread report on one big file cut into many chunks', async () => {
    const opts = options('big.log', ['error.log']);
    const one = await readBatch(opts);
    expect(one.locations.find((l) => l.location === '/app')?.samples).toBe(30);
    const late = (one.parseFailures ?? []).find((f) => f.samples.some((s) => (s.line ?? 0) > 5000));
    expect(late).toBeDefined();
    for (const jobs of [2, 4]) {
      const many = await readBatchInWorkers(opts, jobs, SMALL_CHUNKS);
      expect(comparable(many)).toBe(comparable(one));
    }
  });

  it('gives the one-thread report by path segment, past the bound on segments too', async () => {
    const opts = options('scan.log', ['error.log'], []);
    const one = await readBatch(opts);
    expect(one.traffic?.locationsFrom).toBe('path-segments');
    // Chunks of ≈ 1,500 lines: those of the second half see more than 500 segments each.
    for (const jobs of [2, 4]) {
      const many = await readBatchInWorkers(opts, jobs, { chunkBytes: { min: 200_000, max: 200_000 } });
      expect(comparable(many)).toBe(comparable(one));
    }
  });
});
