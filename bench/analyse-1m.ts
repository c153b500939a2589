// Acceptance #4: `wsgiwatch analyse --format json` over 1,000,000 access lines (lab LogFormat, three rate-limited
// locations). Prints the in-process time, the whole CLI process time, and their ratio against a baseline measured in
// the same run: reading and splitting the same file into lines without parsing.
// Run: npx tsx bench/analyse-1m.ts [lines]

import { execFileSync } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { analyseLogs } from '../src/cli/commands/analyse.ts';
import { LAB_LOG_FORMAT } from '../test/support/lab/apache-lab.ts';

const LINES = Number(process.argv[2] ?? 1_000_000);
const dir = mkdtempSync(path.join(tmpdir(), 'wsgiwatch-bench-analyse-'));
const file = path.join(dir, 'access.log');
// Inside the project (git-ignored) so that the bundle's bare imports resolve from node_modules.
const outDir = path.join(import.meta.dirname, 'out');

// Deterministic mix: daemon (≈ 0.33), static (≈ 1), by-type (≫ 1), small and failed responses, aborted transfers.
function line(i: number): string {
  const t = new Date(Date.UTC(2026, 10, 23, 0, 0, 0) + i * 10);
  const d = String(t.getUTCDate()).padStart(2, '0');
  const time = `[${d}/Nov/2026:${t.toISOString().slice(11, 19)} +0000]`;
  const kind = i % 10;
  const ip = `10.0.${(i >> 8) & 255}.${i & 255}`;
  if (kind < 3)
    return `${ip} - - ${time} "GET /app/bytes?n=1048576 HTTP/1.1" 200 1048756 1048576 ${3010000 + (i % 997)} 852 + Vyi${i} ${40000 + (i % 20000)} "1000" "-" lab`;
  if (kind < 6)
    return `${ip} - - ${time} "GET /static/1024k.bin HTTP/1.1" 200 1048875 1048576 ${1002000 + (i % 991)} 119 + - ${40000 + (i % 20000)} "1000" "-" lab`;
  if (kind < 8)
    return `${ip} - - ${time} "GET /bytype/bytes?n=1048576 HTTP/1.1" 200 1048775 1048576 ${2800 + (i % 300)} 702 + iL${i} ${40000 + (i % 20000)} "1000" "-" lab`;
  if (kind === 8)
    return `${ip} - - ${time} "GET /app/pid HTTP/1.1" 200 202 4 201761 1154 + Vy${i} 40288 "1000" "-" lab`;
  return `${ip} - - ${time} "GET /app/boom HTTP/1.1" 500 790 571 20908 - - FN${i} 50110 "1000" "-" lab`;
}

const parts: string[] = [];
for (let i = 0; i < LINES; i++) parts.push(line(i));
writeFileSync(file, `${parts.join('\n')}\n`);
parts.length = 0;

async function baseline(): Promise<number> {
  let n = 0;
  let carry = '';
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20, encoding: 'utf8' })) {
    const lines = (carry + chunk).split('\n');
    carry = lines.pop() ?? '';
    n += lines.length;
  }
  return n;
}

const options = {
  accessLogs: [file],
  accessLogFormat: LAB_LOG_FORMAT,
  errorLogs: [],
  locations: [
    { prefix: '/app', rateLimitKiB: 1000, processGroup: 'app' },
    { prefix: '/static', rateLimitKiB: 1000 },
    { prefix: '/bytype', rateLimitKiB: 1000, processGroup: 'app' },
  ],
};

try {
  console.log(
    `load average at start: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${cpus().length} CPUs (shared machines: figures are noisy)`,
  );
  const t0 = performance.now();
  const counted = await baseline();
  const baseMs = performance.now() - t0;

  const t1 = performance.now();
  const cpu1 = process.cpuUsage();
  const report = await analyseLogs(options);
  const json = JSON.stringify(report);
  const inProcessMs = performance.now() - t1;
  const cpu = process.cpuUsage(cpu1);
  const cpuMs = (cpu.user + cpu.system) / 1000;

  const verdicts = report.locations.map((l) => `${l.location}=${l.verdict}(${l.medianRatio?.toFixed(2)})`).join(' ');
  console.log(`lines: ${counted} (file ${Math.round(statSync(file).size / 1e6)} MB)`);
  console.log(`baseline read+split:             ${baseMs.toFixed(0)} ms`);
  console.log(
    `analyseLogs in-process (+JSON):  ${inProcessMs.toFixed(0)} ms wall, ${cpuMs.toFixed(0)} ms CPU (all threads)  = ${(inProcessMs / baseMs).toFixed(1)}× baseline  (${json.length} bytes JSON)`,
  );
  console.log(`verdicts: ${verdicts}; lines=${report.files[0]?.lines} parseFailures=${report.files[0]?.parseFailures}`);

  // The whole command as a user runs it: process start, module load, analysis, JSON to stdout. Two ways: the bundle
  // `npm run build` makes (what bin/wsgiwatch.js runs when installed; built here into the temp dir with the same
  // esbuild options), and the source through tsx (a checkout without a build).
  const root = path.join(import.meta.dirname, '..');
  // The same options as `npm run build` (code splitting: the dashboard's ink is loaded only by the commands that draw).
  const bundle = path.join(outDir, 'main.js');
  rmSync(outDir, { recursive: true, force: true });
  await build({
    entryPoints: [path.join(root, 'src', 'cli', 'main.ts')],
    bundle: true,
    splitting: true,
    outdir: outDir,
    chunkNames: 'chunks/[name]-[hash]',
    platform: 'node',
    format: 'esm',
    target: 'node22',
    packages: 'external',
    logLevel: 'silent',
  });
  const args = ['analyse', '--access-log', file, '--access-log-format', LAB_LOG_FORMAT, '--format', 'json'];
  for (const l of options.locations) args.push('--location', `${l.prefix}=${l.rateLimitKiB}`);
  const runs: [string, string[]][] = [
    ['CLI, esbuild bundle (installed)', [bundle, ...args]],
    ['CLI, source through tsx        ', ['--import', 'tsx', path.join(root, 'src', 'cli', 'main.ts'), ...args]],
  ];
  for (const [label, argv] of runs) {
    const t = performance.now();
    try {
      const out = execFileSync(process.execPath, argv, {
        cwd: root,
        maxBuffer: 64 << 20,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const ms = performance.now() - t;
      const lines = (JSON.parse(out) as typeof report).files[0]?.lines;
      console.log(
        `${label}: ${ms.toFixed(0)} ms = ${(ms / baseMs).toFixed(1)}× baseline  target < 3000 ms  (lines=${lines})`,
      );
    } catch (err) {
      const stderr = String((err as { stderr?: string }).stderr ?? err);
      console.log(`${label}: failed: ${stderr.split('\n').find((l) => l.includes('Error')) ?? stderr.slice(0, 200)}`);
      process.exitCode = 1;
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
  // `npm run lint` covers bench/: a bundle left here would fail it.
  rmSync(outDir, { recursive: true, force: true });
}
