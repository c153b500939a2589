// What the pipeline benches share: the locations they configure, the generated log file, the bundle their children
// run (the agent ships bundled: measure the same, not tsx) and the timed read loops.

import { spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
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

/**
 * Bundles `entry` of the checkout at `root` (default this one) as the agent is bundled (npm run build), beside it so its
 * bare imports resolve from that checkout's node_modules; returns the bundle's path.
 */
export async function bundleBench(entry: string, root = process.cwd()): Promise<string> {
  const name = entry.replace(/^.*\//, '').replace(/\.ts$/, '');
  const bundle = join(root, 'bench', `.${name}-bundle-${process.pid}.mjs`);
  await build({
    absWorkingDir: root,
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
