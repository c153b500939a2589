// `analyse` as shipped (bin/wsgiwatch.js, which starts it with its heap flags, on the bundle `npm run build` makes)
// over the bench's access log, with its default --jobs: peak RSS (from /usr/bin/time -v) and wall time, against the live
// agent's catch-up of the same file (`run --from-beginning`, timed until /metrics counts every line) started two ways:
// on the bundle with V8's default heap (the target's baseline: the faster), and through bin/wsgiwatch.js as shipped
// (a sidecar's small heap). All measured alternately in the same run.
// Run: npx tsx bench/analyse-memory.ts [lines…]   (default 1000000 5000000)

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { BENCH_LOCATIONS, writeBenchLog } from './bench-pipeline.ts';
import { BENCH_FORMAT } from './generate-access-log.ts';

const SIZES = process.argv.slice(2).map(Number);
const ROUNDS = 3;
const root = path.join(import.meta.dirname, '..');
const bundle = path.join(root, 'dist', 'main.js');
const entry = path.join(root, 'bin', 'wsgiwatch.js');
const node = path.join(root, 'node_modules', '.bin', 'node');
const locationFlags = BENCH_LOCATIONS.flatMap((l) => [
  '--location',
  l.rateLimitKiB === undefined ? l.prefix : `${l.prefix}=${l.rateLimitKiB}`,
]);

function analyse(file: string): { seconds: number; rssMiB: number } {
  const args = ['analyse', '--access-log', file, '--access-log-format', BENCH_FORMAT, '--format', 'json'];
  const r = spawnSync('/usr/bin/time', ['-v', node, entry, ...args, ...locationFlags], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  if (r.status !== 0) throw new Error(`analyse failed: ${r.stderr.slice(-500)}`);
  const rss = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1]);
  const [m, s] = (/Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\d+):([\d.]+)/.exec(r.stderr) ?? []).slice(1);
  return { seconds: Number(m) * 60 + Number(s), rssMiB: rss / 1024 };
}

/** From the process start until /metrics says every line was read. */
async function catchUp(script: string, file: string, lines: number, port: number, positions: string): Promise<number> {
  const t0 = performance.now();
  const child = spawn(
    node,
    [
      script,
      'run',
      '--access-log',
      file,
      '--access-log-format',
      BENCH_FORMAT,
      '--from-beginning',
      // A fresh positions file each round: a kept one would resume where the previous round was stopped.
      '--positions',
      positions,
      '--web.listen-address',
      `127.0.0.1:${port}`,
      '--log-level',
      'error',
      ...locationFlags,
    ],
    { stdio: 'ignore' },
  );
  try {
    const done = new RegExp(`wsgiwatch_log_lines_read_total\\{[^}]*\\} ${lines}\\b`);
    for (;;) {
      const body = await fetch(`http://127.0.0.1:${port}/metrics`)
        .then((r) => r.text())
        .catch(() => '');
      if (done.test(body)) return (performance.now() - t0) / 1000;
      if (child.exitCode !== null) throw new Error(`run exited with ${child.exitCode}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    child.kill('SIGKILL');
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// Build the bundle being measured (as sidecar-cost does), so `npm run bench` measures this checkout.
if (
  spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] }).status !== 0
) {
  throw new Error('npm run build failed');
}
if (!existsSync(bundle)) throw new Error('no dist/main.js after npm run build');
console.log(
  `load average at start: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} on ${cpus().length} CPUs (shared machines: figures are noisy)`,
);
const scratch = mkdtempSync(path.join(tmpdir(), 'wsgiwatch-bench-analyse-memory-'));
try {
  for (const lines of SIZES.length > 0 ? SIZES : [1_000_000, 5_000_000]) {
    const { dir, file } = await writeBenchLog(lines);
    try {
      const a: { seconds: number; rssMiB: number }[] = [];
      const c: number[] = [];
      const shipped: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        a.push(analyse(file));
        if (lines > 1_000_000) continue;
        const positions = (how: string) => path.join(scratch, `positions-${lines}-${round}-${how}.json`);
        c.push(await catchUp(bundle, file, lines, 19_000 + round, positions('bundle')));
        shipped.push(await catchUp(entry, file, lines, 19_100 + round, positions('entry')));
      }
      const seconds = median(a.map((x) => x.seconds));
      const rss = Math.max(...a.map((x) => x.rssMiB));
      let line = `${lines} lines: analyse ${seconds.toFixed(2)} s, peak RSS ${rss.toFixed(0)} MiB (target < 150 MB = 143 MiB)`;
      if (c.length > 0) {
        const agent = median(c);
        line += `; agent catch-up ${agent.toFixed(2)} s (${median(shipped).toFixed(2)} s as shipped, small heap); analyse ÷ catch-up = ${(seconds / agent).toFixed(2)} (target ≤ 1.1)`;
      }
      console.log(`${line}  [medians of ${ROUNDS}, alternating]`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
