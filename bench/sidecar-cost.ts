// Issue 18: the sidecar's live cost beside mtail's. The shipped entry point (bin/wsgiwatch.js on the esbuild bundle, with
// the V8 flags it ships) and mtail (Debian package, installed by scripts/install-bench-deps.sh; a program counting lines
// by status) follow the same file, one after the other, while a writer appends to it in 10 ms ticks at 200, 2,000 and
// 20,000 lines/s, and with no line written at all (idle). From /proc: CPU (utime + stime) per 100 k lines and as % of
// one core over the measured window (after a warm-up), and peak RSS (VmHWM, start-up included). Each tool's counter
// must show every line written, or the bench fails. Last, catch-up: 1 M lines appended at once, time until the
// counter shows them all (start-up excluded: both tools already follow the file).
// Env: SIDECAR_SECONDS (per rate, default 30), SIDECAR_IDLE_SECONDS (default 60), SIDECAR_WARMUP_SECONDS (default 3),
// SIDECAR_RATES (default 200,2000,20000), SIDECAR_CATCHUP_LINES (default 1000000; 0 skips), SIDECAR_TOOLS.

import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { printResult } from './bench-result.ts';
import { accessLine, BENCH_FORMAT } from './generate-access-log.ts';
import { startPacedWriter } from './paced-writer.ts';
import { cpuSeconds, peakRssBytes } from './proc-usage.ts';

const SECONDS = Number(process.env.SIDECAR_SECONDS ?? 30);
const IDLE_SECONDS = Number(process.env.SIDECAR_IDLE_SECONDS ?? 60);
const WARMUP_SECONDS = Number(process.env.SIDECAR_WARMUP_SECONDS ?? 3);
const RATES = (process.env.SIDECAR_RATES ?? '200,2000,20000').split(',').map(Number);
const CATCHUP_LINES = Number(process.env.SIDECAR_CATCHUP_LINES ?? 1_000_000);
const TOOLS = (process.env.SIDECAR_TOOLS ?? 'wsgiwatch,mtail').split(',') as Tool[];
const PORT_BASE = 19400 + (process.pid % 500);

type Tool = 'wsgiwatch' | 'mtail';

// Counts lines by status, as the combined format puts it after the quoted request: the mtail program a user would write
// for the same question (no optional captures: google/mtail#267 turns `-` sizes into a runtime error per line).
const MTAIL_PROGRAM = `counter apache_http_requests_total by status
/^\\S+ \\S+ \\S+ \\[[^\\]]+\\] "[^"]*" (?P<status>\\d{3}) / {
  apache_http_requests_total[$status]++
}
`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Running {
  child: ChildProcess;
  port: number;
}

function ensureDependencies(): void {
  const install = spawnSync('bash', ['scripts/install-bench-deps.sh'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (install.status !== 0) throw new Error('scripts/install-bench-deps.sh failed: mtail is needed for this bench');
  const build = spawnSync('npm', ['run', 'build', '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0 || !existsSync('dist/main.js')) throw new Error('npm run build failed');
}

function start(tool: Tool, dir: string, log: string, port: number): Running {
  if (tool === 'mtail') {
    const progs = join(dir, 'progs');
    rmSync(progs, { recursive: true, force: true });
    spawnSync('mkdir', ['-p', progs]);
    writeFileSync(join(progs, 'status.mtail'), MTAIL_PROGRAM);
    const child = spawn(
      'mtail',
      ['-progs', progs, '-logs', log, '-address', '127.0.0.1', '-port', String(port), '-logtostderr'],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    child.stderr?.resume();
    return { child, port };
  }
  const positions = join(dir, 'positions.json');
  rmSync(positions, { force: true });
  // The shipped entry point, as `npm install -g` puts it on PATH (its shebang carries the V8 flags).
  const child = spawn(
    'bin/wsgiwatch.js',
    [
      'run',
      '--access-log',
      log,
      '--access-log-format',
      BENCH_FORMAT,
      '--positions',
      positions,
      '--web.listen-address',
      `127.0.0.1:${port}`,
      '--log-level',
      'warn',
    ],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, PATH: `${join('node_modules', '.bin')}:${process.env.PATH}` },
    },
  );
  return { child, port };
}

/** Lines the tool has counted (sum of its per-status request counter), or undefined while it does not answer. */
async function counted(r: Running): Promise<number | undefined> {
  try {
    const body = await (await fetch(`http://127.0.0.1:${r.port}/metrics`)).text();
    let total = 0;
    for (const m of body.matchAll(/^apache_http_requests_total\{[^}]*\} (\d+)/gm)) total += Number(m[1]);
    return total;
  } catch {
    return undefined;
  }
}

async function waitCount(r: Running, want: number, timeoutMs: number): Promise<number> {
  const t0 = performance.now();
  for (;;) {
    const n = await counted(r);
    if (n !== undefined && n >= want) return n;
    if (performance.now() - t0 > timeoutMs) throw new Error(`counter at ${n} of ${want} after ${timeoutMs} ms`);
    await sleep(20);
  }
}

async function stop(r: Running): Promise<void> {
  const exited = new Promise((resolve) => r.child.once('exit', resolve));
  r.child.kill('SIGTERM');
  await Promise.race([exited, sleep(5000)]);
  if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill('SIGKILL');
}

interface Measured {
  tool: Tool;
  /** 0 = idle. */
  rate: number;
  lines: number;
  seconds: number;
  cpuSeconds: number;
  peakRssMiB: number;
}

async function measure(tool: Tool, rate: number, seconds: number, dir: string, port: number): Promise<Measured> {
  const log = join(dir, `access-${tool}-${rate}.log`);
  writeFileSync(log, '');
  const r = start(tool, dir, log, port);
  try {
    await waitCount(r, 0, 30_000);
    // mtail reads a file found at start-up from its end, wsgiwatch too: both see only what is written from here on.
    const writer = rate > 0 ? startPacedWriter({ file: log, linesPerSecond: rate }) : undefined;
    await sleep(WARMUP_SECONDS * 1000);
    const pid = r.child.pid as number;
    const cpu0 = cpuSeconds(pid);
    const lines0 = writer?.written() ?? 0;
    const t0 = performance.now();
    await sleep(seconds * 1000);
    const cpu1 = cpuSeconds(pid);
    const lines1 = writer?.written() ?? 0;
    const elapsed = (performance.now() - t0) / 1000;
    const total = (await writer?.stop()) ?? 0;
    await waitCount(r, total, 30_000);
    return {
      tool,
      rate,
      lines: lines1 - lines0,
      seconds: elapsed,
      cpuSeconds: cpu1 - cpu0,
      peakRssMiB: peakRssBytes(pid) / 2 ** 20,
    };
  } finally {
    await stop(r);
    rmSync(log, { force: true });
  }
}

/** Writes `lines` access lines to `file` (the catch-up input, made before the tool starts). */
function writeLines(file: string, lines: number): void {
  const fd = openSync(file, 'w');
  let chunk = '';
  for (let i = 0; i < lines; i++) {
    chunk += `${accessLine(i)}\n`;
    if (chunk.length > 1 << 20) {
      writeSync(fd, chunk);
      chunk = '';
    }
  }
  writeSync(fd, chunk);
  closeSync(fd);
}

/** The prepared `lines` appended at once (`cat >>`); seconds until the tool's counter shows all of them. */
async function catchUp(tool: Tool, input: string, lines: number, dir: string, port: number) {
  const log = join(dir, `catchup-${tool}.log`);
  writeFileSync(log, '');
  const r = start(tool, dir, log, port);
  try {
    await waitCount(r, 0, 30_000);
    await sleep(1000);
    const pid = r.child.pid as number;
    const cpu0 = cpuSeconds(pid);
    const t0 = performance.now();
    spawn('sh', ['-c', `cat "$0" >> "$1"`, input, log], { stdio: 'inherit' });
    await waitCount(r, lines, 600_000);
    const seconds = (performance.now() - t0) / 1000;
    return { tool, lines, seconds, cpuSeconds: cpuSeconds(pid) - cpu0, peakRssMiB: peakRssBytes(pid) / 2 ** 20 };
  } finally {
    await stop(r);
    rmSync(log, { force: true });
  }
}

ensureDependencies();
const dir = mkdtempSync(join(tmpdir(), 'wsgiwatch-sidecar-cost-'));
const measured: Measured[] = [];
const catchUps: Awaited<ReturnType<typeof catchUp>>[] = [];
const load0 = loadavg()[0];
try {
  let port = PORT_BASE;
  // Idle first, then the rates; each tool right after the other, so a drift of the shared machine hits both alike.
  for (const rate of [0, ...RATES]) {
    for (const tool of TOOLS)
      measured.push(await measure(tool, rate, rate === 0 ? IDLE_SECONDS : SECONDS, dir, port++));
  }
  if (CATCHUP_LINES > 0) {
    const input = join(dir, 'catchup-input.log');
    writeLines(input, CATCHUP_LINES);
    for (const tool of TOOLS) catchUps.push(await catchUp(tool, input, CATCHUP_LINES, dir, port++));
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const row = (tool: Tool, rate: number) => measured.find((m) => m.tool === tool && m.rate === rate);
const perHundredK = (m: Measured) => (m.lines > 0 ? (m.cpuSeconds / m.lines) * 100_000 : Number.NaN);
const coreShare = (m: Measured) => (m.cpuSeconds / m.seconds) * 100;
const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : 'n/a');
console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, shared with other jobs (load average ${load0.toFixed(1)} at start, ${loadavg()[0].toFixed(1)} at end); Node ${process.version}; ${SECONDS} s per rate, ${IDLE_SECONDS} s idle, ${WARMUP_SECONDS} s warm-up before each window`,
);
console.log('rate lines/s | tool      | CPU s per 100k lines | % of a core | peak RSS MiB | ratio CPU/100k to mtail');
const results = [];
for (const rate of [0, ...RATES]) {
  for (const tool of TOOLS) {
    const m = row(tool, rate);
    if (!m) continue;
    const base = row('mtail', rate);
    const cpuRatio = base && rate > 0 ? ratio(perHundredK(m), perHundredK(base)) : 'n/a';
    console.log(
      `${(rate === 0 ? 'idle' : rate.toLocaleString('en')).padStart(12)} | ${tool.padEnd(9)} | ${(rate === 0 ? '—' : perHundredK(m).toFixed(3)).padStart(20)} | ${coreShare(m).toFixed(2).padStart(11)} | ${m.peakRssMiB.toFixed(1).padStart(12)} | ${tool === 'mtail' ? '' : cpuRatio}`,
    );
    results.push({
      tool,
      rate,
      lines: m.lines,
      seconds: Number(m.seconds.toFixed(2)),
      cpuSeconds: Number(m.cpuSeconds.toFixed(2)),
      cpuPer100k: rate === 0 ? null : Number(perHundredK(m).toFixed(3)),
      coreShare: Number(coreShare(m).toFixed(3)),
      peakRssMiB: Number(m.peakRssMiB.toFixed(1)),
    });
  }
}
for (const c of catchUps) {
  const base = catchUps.find((x) => x.tool === 'mtail');
  console.log(
    `catch-up ${c.lines.toLocaleString('en')} lines appended at once: ${c.tool} ${c.seconds.toFixed(2)} s (${Math.round(c.lines / c.seconds).toLocaleString('en')} lines/s, ${c.cpuSeconds.toFixed(2)} CPU s, peak RSS ${c.peakRssMiB.toFixed(0)} MiB)${base && c.tool !== 'mtail' ? `; ${ratio(base.seconds, c.seconds)}× mtail's speed` : ''}`,
  );
}
const w = (rate: number) => row('wsgiwatch', rate);
const m = (rate: number) => row('mtail', rate);
const targets: string[] = [];
for (const rate of RATES) {
  const a = w(rate);
  const b = m(rate);
  if (!a || !b) continue;
  const limit = rate < 2000 ? 1.5 : 1.0;
  targets.push(`${rate}/s CPU ratio ${ratio(perHundredK(a), perHundredK(b))} (≤ ${limit})`);
}
if (w(0)) targets.push(`idle ${coreShare(w(0) as Measured).toFixed(2)} % of a core (≤ 0.2)`);
if (w(0)) targets.push(`idle peak RSS ${(w(0) as Measured).peakRssMiB.toFixed(0)} MiB (≤ 70 MB = 66.8 MiB)`);
if (w(20000)) targets.push(`20k/s peak RSS ${(w(20000) as Measured).peakRssMiB.toFixed(0)} MiB (≤ 90 MB = 85.8 MiB)`);
console.log(`targets: ${targets.join('; ')}`);
printResult({
  machine: `${cpus().length} × ${cpus()[0]?.model ?? '?'}`,
  shared: true,
  loadAverage: [Number(load0.toFixed(1)), Number(loadavg()[0].toFixed(1))],
  secondsPerRate: SECONDS,
  idleSeconds: IDLE_SECONDS,
  rows: results,
  catchUp: catchUps.map((c) => ({
    tool: c.tool,
    lines: c.lines,
    seconds: Number(c.seconds.toFixed(2)),
    linesPerSecond: Math.round(c.lines / c.seconds),
    peakRssMiB: Number(c.peakRssMiB.toFixed(1)),
  })),
});
