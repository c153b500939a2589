// The pipeline and parse-error figures of this checkout beside those of an earlier commit, measured alternately in the
// same run so the shared machine's drift falls on both. Each round runs, as children on one generated 1 M-line log:
// the bare baseline (bench/bare-baseline.ts, this checkout's: it imports nothing of src/, so it is the same program for
// both builds), then each build's bench/pipeline.ts bundle in `pipeline` mode (the full pipeline, start-up included),
// in alternating order; each build's pipeline ÷ that round's baseline is its ratio. Then bench/parse-error.ts once in
// each tree (parseErrorLine + classifyErrorRecord against a bare regex in the same process). The earlier commit is
// checked out into a temporary git worktree that borrows this checkout's node_modules.
// `npm run bench -- compare-builds` (COMPARE_BASE=<rev>, default HEAD~1; COMPARE_ROUNDS, default 3).

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Timed } from './bare-baseline.ts';
import { bundleBench, runChild, writeBenchLog } from './bench-pipeline.ts';
import { printResult } from './bench-result.ts';

const BASE = process.env.COMPARE_BASE ?? 'HEAD~1';
const ROUNDS = Number(process.env.COMPARE_ROUNDS ?? 3);
const LINES = 1_000_000;

function git(args: string[], cwd = process.cwd()): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr.trim()}`);
  return r.stdout.trim();
}

/** parse + classify ÷ bare regex, as bench/parse-error.ts in `tree` prints it. */
function parseErrorRatio(tree: string): number {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/parse-error.ts'], {
    cwd: tree,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const value = Number(
    /parseErrorLine \+ classifyErrorRecord\s+[\d,]+ lines\/s\s+([\d.]+)× baseline/.exec(r.stdout ?? '')?.[1] ??
      Number.NaN,
  );
  if (r.status !== 0 || Number.isNaN(value)) {
    throw new Error(`bench/parse-error.ts in ${tree} (exit ${r.status}): ${(r.stderr ?? '').slice(-2000)}`);
  }
  return value;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};
const rate = (x: number) => Math.round(x).toLocaleString('en');

const here = process.cwd();
const head = git(['rev-parse', '--short', 'HEAD']);
const base = git(['rev-parse', '--short', BASE]);
const dir = mkdtempSync(path.join(tmpdir(), 'wsgiwatch-compare-'));
const baseTree = path.join(dir, base);
git(['worktree', 'add', '--detach', baseTree, base]);
symlinkSync(path.join(here, 'node_modules'), path.join(baseTree, 'node_modules'));
try {
  console.log(`compare-builds: HEAD ${head} against ${base}, ${ROUNDS} alternating rounds`);
  const { dir: logDir, file } = await writeBenchLog(LINES);
  const bare = await bundleBench('bench/bare-baseline.ts');
  const bundles = {
    base: await bundleBench('bench/pipeline.ts', baseTree),
    head: await bundleBench('bench/pipeline.ts'),
  };
  const baselines: number[] = [];
  const pipeline = { base: [] as number[], head: [] as number[] };
  const ratio = { base: [] as number[], head: [] as number[] };
  const parseError = { base: [] as number[], head: [] as number[] };
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate which build goes first, so neither always runs on a warmer (or busier) machine.
    const order = round % 2 === 0 ? (['base', 'head'] as const) : (['head', 'base'] as const);
    const baseline = LINES / runChild<Timed>(bare, ['--bare-baseline', file, '200000'], LINES).seconds;
    baselines.push(baseline);
    for (const which of order) {
      const r = runChild<{ lines: number; seconds: number }>(bundles[which], ['pipeline', file], LINES);
      pipeline[which].push(r.lines / r.seconds);
      ratio[which].push(r.lines / r.seconds / baseline);
    }
    for (const which of order) parseError[which].push(parseErrorRatio(which === 'head' ? here : baseTree));
    console.log(
      `  round ${round + 1}: baseline ${rate(baseline)} lines/s; pipeline ${base} ${rate(pipeline.base[round])} (${ratio.base[round].toFixed(2)}), ${head} ${rate(pipeline.head[round])} (${ratio.head[round].toFixed(2)}); parse-error ${base} ${parseError.base[round]}, ${head} ${parseError.head[round]}`,
    );
  }
  const fixed = (xs: number[]) => xs.map((x) => x.toFixed(2)).join(', ');
  const r = { base: median(ratio.base), head: median(ratio.head) };
  const p = { base: median(parseError.base), head: median(parseError.head) };
  console.log(`bare baseline (one program for both builds): ${rate(median(baselines))} lines/s median`);
  console.log(
    `pipeline lines/s: ${base} ${rate(median(pipeline.base))}, ${head} ${rate(median(pipeline.head))} (medians); ${head} ÷ ${base} ${(median(pipeline.head) / median(pipeline.base)).toFixed(2)}`,
  );
  console.log(
    `pipeline ÷ bare baseline: ${base} ${r.base.toFixed(2)} (${fixed(ratio.base)}), ${head} ${r.head.toFixed(2)} (${fixed(ratio.head)}); ${head} ÷ ${base} ${(r.head / r.base).toFixed(2)}`,
  );
  console.log(
    `parse-error (parse + classify) ÷ bare regex: ${base} ${p.base.toFixed(2)} (${fixed(parseError.base)}), ${head} ${p.head.toFixed(2)} (${fixed(parseError.head)}); ${head} ÷ ${base} ${(p.head / p.base).toFixed(2)}`,
  );
  printResult({
    head,
    base,
    baselineLinesPerSecond: baselines,
    pipelineLinesPerSecond: pipeline,
    'pipeline ÷ bare baseline': { ...ratio, ratio: r.head / r.base },
    'parse-error (parse + classify) ÷ bare regex': { ...parseError, ratio: p.head / p.base },
  });
  rmSync(bare, { force: true });
  rmSync(bundles.head, { force: true });
  rmSync(logDir, { recursive: true, force: true });
} finally {
  git(['worktree', 'remove', '--force', baseTree]);
  rmSync(dir, { recursive: true, force: true });
}
