// What the pipeline benches share: the locations they configure, the pipeline the agent builds from them, the
// generated log file, and the bundle their children run (the agent ships bundled: measure the same, not tsx).

import { createWriteStream } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { LocationOption } from '../src/agent/agent-options.ts';
import { modelFromLocationOptions } from '../src/agent/model-from-location-options.ts';
import { createLocationMatcher } from '../src/analyse/match-location.ts';
import { createLogger } from '../src/log.ts';
import { compileLogFormat } from '../src/parse/access/compile-log-format.ts';
import { createPipeline, type Pipeline } from '../src/pipeline/create-pipeline.ts';
import { createPipelineState } from '../src/pipeline/create-pipeline-state.ts';
import { accessLine, BENCH_FORMAT } from './generate-access-log.ts';

/** Two rate-limited prefixes (one served by a daemon), two plain ones; `/export/` lines match none. */
export const BENCH_LOCATIONS: LocationOption[] = [
  { prefix: '/downloads', rateLimitKiB: 1000 },
  { prefix: '/app', processGroup: 'app', rateLimitKiB: 1000 },
  { prefix: '/static' },
  { prefix: '/api' },
];

/**
 * The pipeline and aggregates the agent builds for BENCH_LOCATIONS, reading BENCH_FORMAT lines from `path`. Pass the
 * format to time its parser on its own too: a second compiled format would make the parser's shared call sites
 * polymorphic, which the agent with one access log does not see.
 */
export function createBenchPipeline(path: string, format = compileLogFormat(BENCH_FORMAT)): Pipeline {
  const model = modelFromLocationOptions(BENCH_LOCATIONS);
  const state = createPipelineState();
  for (const loc of model.locations) state.requests.declare(loc.vhost, loc.location);
  for (const rule of model.rateLimits) state.ratelimit.declare(rule.vhost, rule.location, rule.rateKiB, rule.burstKiB);
  return createPipeline(
    {
      access: [{ path, format }],
      error: [],
      matchRequest: createLocationMatcher(model),
    },
    state,
    createLogger({ level: 'silent', quiet: true }),
  );
}

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
