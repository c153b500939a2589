// `npm run bench`: runs every benchmark in turn (each prints its figure and the ratio against a baseline measured in the
// same run), keeps each one's output, the structured figures it marks (bench/bench-result.ts) and what it measures (its
// header comment) in docs/benchmarks.json, then writes docs/benchmarks.md from that file
// (scripts/write-benchmarks-doc.ts). Pass names to run a subset: `npm run bench -- pipeline latency`; a subset replaces
// only its own entries. docs/benchmarks.json is committed beside the page, so a subset run on any checkout keeps the
// figures of the benches it did not run.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { type BenchResults, type BenchRun, RESULT_MARKER } from './bench-result.ts';

const BENCHES = [
  ['pipeline', 'bench/pipeline.ts'],
  ['sidecar-cost', 'bench/sidecar-cost.ts'],
  ['latency', 'bench/latency.ts'],
  ['parse-access', 'bench/parse-access.ts'],
  ['parse-error', 'bench/parse-error.ts'],
  ['tail-throughput', 'bench/tail-throughput.ts'],
  ['tail-compare', 'bench/tail-compare.ts'],
  ['tail-latency', 'bench/tail-latency.ts'],
  ['config-include-tree', 'bench/config-include-tree.ts'],
  ['config-match-location', 'bench/config-match-location.ts'],
  ['analyse', 'bench/analyse-1m.ts'],
  ['analyse-jobs', 'bench/analyse-jobs.ts'],
  ['analyse-memory', 'bench/analyse-memory.ts'],
  ['html-report', 'bench/html-report.ts'],
  ['dashboard-render', 'bench/dashboard-render.ts'],
  ['compare-builds', 'bench/compare-builds.ts'],
  ['linear-time', 'bench/linear-time.ts'],
] as const;

const RESULTS = 'docs/benchmarks.json';

function headerComment(file: string): string {
  const lines: string[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.startsWith('//')) break;
    lines.push(line.replace(/^\/\/ ?/, ''));
  }
  return lines.join(' ').replace(/\s+/g, ' ').trim();
}

function revision(): string {
  const r = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : 'unknown';
}

async function runBench(name: string, file: string): Promise<BenchRun> {
  const load = loadavg()[0];
  const child = spawn(process.execPath, ['--import', 'tsx', file], { stdio: ['ignore', 'pipe', 'inherit'] });
  const output: string[] = [];
  let result: Record<string, unknown> | undefined;
  let partial = '';
  child.stdout.on('data', (chunk: Buffer) => {
    process.stdout.write(chunk);
    const lines = (partial + chunk.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (line.startsWith(RESULT_MARKER)) result = JSON.parse(line.slice(RESULT_MARKER.length));
      else output.push(line);
    }
  });
  const status = await new Promise<number | null>((resolve) => child.once('close', resolve));
  if (partial !== '') output.push(partial);
  return {
    name,
    file,
    about: headerComment(file),
    date: new Date().toISOString(),
    machine: `${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${Math.round(totalmem() / 2 ** 30)} GiB, shared with other jobs; build ${revision()}`,
    node: process.version,
    load: Number(load.toFixed(1)),
    status,
    output,
    ...(result ? { result } : {}),
  };
}

const wanted = process.argv.slice(2);
const previous: BenchResults = existsSync(RESULTS) ? JSON.parse(readFileSync(RESULTS, 'utf8')) : { benches: [] };
const runs = new Map(previous.benches.map((b) => [b.name, b]));
let failed = 0;
for (const [name, file] of BENCHES) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  console.log(`\n## ${name} (${file})`);
  const run = await runBench(name, file);
  runs.set(name, run);
  if (run.status !== 0) {
    failed++;
    console.log(`## ${name} exited with ${run.status}`);
  }
}
mkdirSync('bench/out', { recursive: true });
const order = BENCHES.map(([name]) => name as string);
const results: BenchResults = {
  benches: [...runs.values()].sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name)),
};
writeFileSync(RESULTS, `${JSON.stringify(results, null, 1)}\n`);
const doc = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/write-benchmarks-doc.ts', RESULTS], {
  stdio: 'inherit',
});
process.exit(failed === 0 && doc.status === 0 ? 0 : 1);
