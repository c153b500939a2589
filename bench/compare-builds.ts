// The pipeline and parse-error figures of this checkout beside those of an earlier commit, measured alternately in the
// same run: each round runs bench/pipeline.ts (ratio of the full pipeline to its bare baseline, start-up included) and
// bench/parse-error.ts (parseErrorLine + classifyErrorRecord against a bare regex) once in each tree, so the shared
// machine's drift falls on both. The earlier commit is checked out into a temporary git worktree that borrows this
// checkout's node_modules. `npm run bench -- compare-builds` (COMPARE_BASE=<rev>, default HEAD~1; COMPARE_ROUNDS,
// default 3).

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { printResult } from './bench-result.ts';

const BASE = process.env.COMPARE_BASE ?? 'HEAD~1';
const ROUNDS = Number(process.env.COMPARE_ROUNDS ?? 3);

function git(args: string[], cwd = process.cwd()): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr.trim()}`);
  return r.stdout.trim();
}

/** One figure a bench prints, read back from its output line. */
interface Probe {
  name: string;
  file: string;
  env: Record<string, string>;
  read: (output: string) => number | undefined;
}

const PROBES: Probe[] = [
  {
    name: 'pipeline ÷ bare baseline',
    file: 'bench/pipeline.ts',
    env: { ROUNDS: '1' },
    read: (out) => Number(/ratio full ÷ baseline: ([\d.]+) of the medians/.exec(out)?.[1] ?? Number.NaN),
  },
  {
    name: 'parse-error (parse + classify) ÷ bare regex',
    file: 'bench/parse-error.ts',
    env: {},
    read: (out) =>
      Number(
        /parseErrorLine \+ classifyErrorRecord\s+[\d,]+ lines\/s\s+([\d.]+)× baseline/.exec(out)?.[1] ?? Number.NaN,
      ),
  },
];

function runProbe(tree: string, probe: Probe): number {
  const r = spawnSync(process.execPath, ['--import', 'tsx', probe.file], {
    cwd: tree,
    encoding: 'utf8',
    env: { ...process.env, ...probe.env },
    maxBuffer: 64 * 1024 * 1024,
  });
  const value = probe.read(r.stdout ?? '');
  if (r.status !== 0 || value === undefined || Number.isNaN(value)) {
    throw new Error(`${probe.file} in ${tree} (exit ${r.status}): ${(r.stderr ?? '').slice(-2000)}`);
  }
  return value;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};

const here = process.cwd();
const head = git(['rev-parse', '--short', 'HEAD']);
const base = git(['rev-parse', '--short', BASE]);
const dir = mkdtempSync(path.join(tmpdir(), 'wsgiwatch-compare-'));
const baseTree = path.join(dir, base);
git(['worktree', 'add', '--detach', baseTree, base]);
symlinkSync(path.join(here, 'node_modules'), path.join(baseTree, 'node_modules'));
try {
  console.log(`compare-builds: HEAD ${head} against ${base}, ${ROUNDS} alternating rounds`);
  const figures = new Map<string, { head: number[]; base: number[] }>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const probe of PROBES) {
      const f = figures.get(probe.name) ?? { head: [], base: [] };
      figures.set(probe.name, f);
      // Alternate which tree goes first, so neither always runs on a warmer (or busier) machine.
      const order = round % 2 === 0 ? (['base', 'head'] as const) : (['head', 'base'] as const);
      for (const which of order) f[which].push(runProbe(which === 'head' ? here : baseTree, probe));
      console.log(`  round ${round + 1} ${probe.name}: ${base} ${f.base.at(-1)}, ${head} ${f.head.at(-1)}`);
    }
  }
  const result: Record<string, unknown> = { head, base };
  for (const [name, f] of figures) {
    const h = median(f.head);
    const b = median(f.base);
    console.log(
      `${name}: ${base} ${b.toFixed(2)} (${f.base.join(', ')}), ${head} ${h.toFixed(2)} (${f.head.join(', ')}); ${head} ÷ ${base} ${(h / b).toFixed(2)}`,
    );
    result[name] = { base: f.base, head: f.head, ratio: h / b };
  }
  printResult(result);
} finally {
  git(['worktree', 'remove', '--force', baseTree]);
  rmSync(dir, { recursive: true, force: true });
}
