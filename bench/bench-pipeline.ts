// What the pipeline benches share: the locations they configure, the generated log file, the bundle their children
// run (the agent ships bundled: measure the same, not tsx) and the timed read loops.

import { spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { LocationOption } from '../src/agent/agent-options.ts';
import type { LogLine } from '../src/sources/log-line.ts';
import { createTailer } from '../src/sources/tail/create-tailer.ts';
import { accessLine } from './generate-access-log.ts';

/** Two rate-limited prefixes (one served by a daemon), two plain ones; `/export/` lines match none. */
export const BENCH_LOCATIONS: LocationOption[] = [
  { prefix: '/downloads', rateLimitKiB: 1000 },
  { prefix: '/app', processGroup: 'app', rateLimitKiB: 1000 },
  { prefix: '/static' },
  { prefix: '/api' },
];

/** Writes lines 0 … lines-1 of accessLine to a new temporary directory; returns it and the file. */
export async function writeBenchLog(lines: number): Promise<{ dir: string; file: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'wsgiwatch-bench-'));
  const file = join(dir, 'access.log');
  const out = createWriteStream(file);
  for (let i = 0; i < lines; i++) {
    if (!out.write(`${accessLine(i)}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(r));
  return { dir, file };
}

/** Bundles `entry` beside it as the agent is bundled (npm run build); returns the bundle's path. */
export async function bundleBench(entry: string): Promise<string> {
  const bundle = join(process.cwd(), 'bench', `.pipeline-bundle-${process.pid}.mjs`);
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    packages: 'external',
    outfile: bundle,
    logLevel: 'error',
  });
  return bundle;
}

/** The bare baseline's regex (issue #2 item 5: read + split + one combined regex): BENCH_FORMAT's fields, nothing converted. */
export const COMBINED =
  /^(\S+) (\S+) (\S+) \[([^\]]+)\] "([^"\\]*(?:\\.[^"\\]*)*)" (\d{3}) (\S+) "([^"\\]*(?:\\.[^"\\]*)*)" "([^"\\]*(?:\\.[^"\\]*)*)" (\d+)$/;
export interface Timed {
  seconds: number;
  /** Seconds from line `warmAt` on, and how many lines that covered. */
  warmSeconds: number;
  warmLines: number;
}

/**
 * The bare baseline's read and split: 1 MiB blocks, split on \n at the Buffer level, `onLine` on each line (true: it
 * matched); timed as a whole and from the `warmAt`-th matched line on.
 */
export async function timeLines(
  file: string,
  onLine: (line: string) => boolean,
  warmAt: number,
): Promise<Timed & { matched: number }> {
  const t0 = process.hrtime.bigint();
  let tWarm = 0n;
  const fh = await open(file);
  const buf = Buffer.allocUnsafe(1 << 20);
  let carry = Buffer.alloc(0);
  let matched = 0;
  let pos = 0;
  for (;;) {
    const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
    if (bytesRead === 0) break;
    pos += bytesRead;
    const chunk = carry.length ? Buffer.concat([carry, buf.subarray(0, bytesRead)]) : buf.subarray(0, bytesRead);
    const last = chunk.lastIndexOf(10);
    const text = chunk.toString('utf8', 0, last);
    carry = Buffer.from(chunk.subarray(last + 1));
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      const line = nl === -1 ? text.slice(start) : text.slice(start, nl);
      if (onLine(line)) matched++;
      if (matched === warmAt) tWarm = process.hrtime.bigint();
      if (nl === -1) break;
      start = nl + 1;
    }
  }
  await fh.close();
  const t1 = process.hrtime.bigint();
  return {
    seconds: Number(t1 - t0) / 1e9,
    matched,
    warmSeconds: Number(t1 - tWarm) / 1e9,
    warmLines: matched - warmAt,
  };
}

/**
 * Runs the bundle as a child, started with `--max-semi-space-size=8` (a catch-up setting, as `npm start` uses) so its
 * RSS is the agent's alone; returns the JSON its last line prints.
 */
export function runChild<T>(bundle: string, args: string[], lines: number): T {
  const r = spawnSync(process.execPath, ['--max-semi-space-size=8', bundle, ...args], {
    encoding: 'utf8',
    env: { ...process.env, BENCH_LINES: String(lines) },
  });
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1) as string) as T;
}

/** The agent's tailer reading `file` from its start until `lines` lines went to `onBatch`; the seconds that took. */
export async function timeTailer(file: string, lines: number, onBatch: (batch: LogLine[]) => void): Promise<number> {
  let seen = 0;
  const tailer = createTailer({
    sources: [{ path: file, log: 'access' }],
    fromBeginning: true,
    watch: false,
    pollIntervalMs: 50,
    onLines: (batch) => {
      onBatch(batch);
      seen += batch.length;
    },
  });
  const t0 = process.hrtime.bigint();
  await tailer.start();
  while (seen < lines) await new Promise((r) => setTimeout(r, 5));
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  await tailer.stop();
  return seconds;
}
