// `npm run soak -- --minutes N` (default 10): a writer at ≥ 20,000 lines/s, rotations every 30 s (alternating create and
// copytruncate, delaycompress + gzip), the agent stopped every 2 minutes (alternating SIGTERM and SIGKILL) and restarted.
// At the end: lines written, read, lost, duplicated (after SIGTERM and after SIGKILL), RSS and open fds over time, CPU
// per 100k lines. Exit 1 when a guarantee is broken: lost > 0, duplicates after SIGTERM > 0, duplicates after SIGKILL above
// one positions-sync interval, RSS growth ≥ 10 % or fd growth > 2 within an agent process after its warm-up (default 60 s;
// each restart starts a new heap). `--json FILE` writes the figures for test/soak/soak.test.ts.

import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    rate: { type: 'string', default: '20000' },
    'rotate-seconds': { type: 'string', default: '30' },
    'stop-seconds': { type: 'string' },
    // At most this many stops (the CI run stops early twice, then lets the last run outlive the warm-up).
    'max-stops': { type: 'string' },
    keep: { type: 'boolean', default: false },
    port: { type: 'string', default: '18990' },
    // RSS and fds are judged per agent process from this age on (the heap is warm by then).
    'warmup-seconds': { type: 'string', default: '60' },
    json: { type: 'string' },
  },
});
const minutes = Number(values.minutes);
const durationS = minutes * 60;
// Two stops at least, even in a short run; every 2 minutes in a long one.
const stopEvery = Number(values['stop-seconds'] ?? Math.min(120, durationS / 3));
const dir = await mkdtemp(join(tmpdir(), 'wsgiwatch-soak-'));
await writeFile(join(dir, 'access.log'), '');
await writeFile(join(dir, 'error.log'), '');
const tsx = ['--import', 'tsx'];
const log = (m: string) => console.log(`[soak ${new Date().toISOString().slice(11, 19)}] ${m}`);

log(
  `dir ${dir}; ${minutes} min at ${values.rate} lines/s, rotate every ${values['rotate-seconds']} s, stop the agent every ${stopEvery} s`,
);
// The agent ships bundled (npm run build, the image, npm pack): soak the same code, not tsx's on-the-fly transpiler,
// whose own memory would blur the RSS figures.
const agentBundle = join(process.cwd(), 'bench', `.soak-agent-bundle-${process.pid}.mjs`);
await build({
  entryPoints: ['test/support/soak/soak-agent.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  packages: 'external',
  outfile: agentBundle,
  logLevel: 'error',
});
// The agent starts first (files seen for the first time are read from the end, and they are empty now).
let run = 0;
const endings: ('SIGTERM' | 'SIGKILL' | 'final')[] = [];
function startAgent(): ChildProcess {
  run++;
  // The same V8 flag as `npm start` / the systemd unit / the image: young generation capped at 8 MB.
  return spawn(process.execPath, ['--max-semi-space-size=8', agentBundle, dir, String(run), values.port], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}
async function waitReady(): Promise<void> {
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${values.port}/-/ready`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('agent did not become ready');
}
let agent = startAgent();
let writer: ChildProcess | undefined;
// Interrupted (Ctrl-C, or the CI test's timeout): take the agent and the writer down too, never leave them running.
for (const sig of ['SIGINT', 'SIGTERM'] as const)
  process.once(sig, () => {
    agent.kill('SIGKILL');
    writer?.kill('SIGKILL');
    rm(agentBundle, { force: true })
      .then(() => (values.keep ? undefined : rm(dir, { recursive: true, force: true })))
      .finally(() => process.exit(130));
  });
await waitReady();
writer = spawn(
  process.execPath,
  [...tsx, 'test/support/soak/soak-writer.ts', dir, values.rate, values['rotate-seconds'], String(durationS)],
  { stdio: 'inherit' },
);
const writerDone = new Promise<void>((r) => writer.once('exit', () => r()));

const exited = (c: ChildProcess) =>
  new Promise<void>((r) => (c.exitCode !== null || c.signalCode !== null ? r() : c.once('exit', () => r())));
const t0 = Date.now();
let stops = 0;
while (Date.now() - t0 < durationS * 1000) {
  const nextStop = t0 + (stops + 1) * stopEvery * 1000;
  if (nextStop > t0 + durationS * 1000 - 10_000) break;
  if (values['max-stops'] !== undefined && stops >= Number(values['max-stops'])) break;
  await new Promise((r) => setTimeout(r, Math.max(0, nextStop - Date.now())));
  stops++;
  const signal = stops % 2 === 1 ? 'SIGTERM' : 'SIGKILL';
  log(`stopping agent run ${run} with ${signal}`);
  agent.kill(signal);
  await exited(agent);
  endings.push(signal);
  // Down for 1–3 s while the writer keeps writing (and maybe rotating).
  await new Promise((r) => setTimeout(r, 1000 + Math.random() * 2000));
  agent = startAgent();
  await waitReady();
}
await writerDone;
log('writer done; waiting for the agent to catch up');
const written = JSON.parse(readFileSync(join(dir, 'writer.json'), 'utf8')) as {
  lines: number;
  rotations: number;
  elapsedS: number;
  maxGapMs: number;
};
function readAudit(r: number): Uint32Array {
  const f = join(dir, `audit-${r}.txt`);
  if (!existsSync(f)) return new Uint32Array(0);
  const text = readFileSync(f, 'utf8');
  const out: number[] = [];
  for (const line of text.split('\n')) if (line !== '' && line[0] !== '?') out.push(Number(line));
  return Uint32Array.from(out);
}
// Bounded: an agent that has not caught up a minute after the writer stopped has lost lines, and the audit says so.
for (let i = 0; i < 120; i++) {
  const total = Array.from({ length: run }, (_, k) => readAudit(k + 1).length).reduce((a, b) => a + b, 0);
  if (total >= written.lines) break;
  await new Promise((r) => setTimeout(r, 500));
}
await new Promise((r) => setTimeout(r, 3000));
agent.kill('SIGTERM');
await exited(agent);
endings.push('final');

// Verify: every sequence number seen exactly once; duplicates attributed to the run whose ending caused them.
const seen = new Uint8Array(written.lines + 1);
let read = 0;
let unknown = 0;
const dupAfter = { SIGTERM: 0, SIGKILL: 0 };
for (let r = 1; r <= run; r++) {
  const seqs = readAudit(r);
  read += seqs.length;
  for (const s of seqs) {
    if (s < 1 || s > written.lines) {
      unknown++;
      continue;
    }
    if (seen[s] > 0 && r > 1) {
      const cause = endings[r - 2];
      if (cause === 'SIGTERM' || cause === 'SIGKILL') dupAfter[cause]++;
    }
    if (seen[s] < 255) seen[s]++;
  }
}
let lost = 0;
for (let s = 1; s <= written.lines; s++) if (seen[s] === 0) lost++;
const stats = Array.from({ length: run }, (_, k) => join(dir, `stats-${k + 1}.jsonl`))
  .filter(existsSync)
  .flatMap((f) =>
    readFileSync(f, 'utf8')
      .trim()
      .split('\n')
      .map((l) => ({ ...JSON.parse(l), file: f })),
  );
const warmupMs = Number(values['warmup-seconds']) * 1000;
// A copytruncate copies ~100 MB synchronously, as logrotate does; longer than this, the writer was starved.
const MAX_WRITER_GAP_MS = 1000;
// Per agent process: RSS and fds at its warm-up mark and at its end (a restart starts a new heap, so growth is judged
// within each process's life, not across restarts).
const perRun = Array.from({ length: run }, (_, k) => {
  const samples = stats.filter((s) => s.file.endsWith(`stats-${k + 1}.jsonl`));
  const start = samples[0];
  const warm = samples.find((s) => start !== undefined && s.t - start.t >= warmupMs);
  const last = samples.at(-1);
  return { run: k + 1, warm, last, lifeS: start && last ? (last.t - start.t) / 1000 : 0, cpuMs: last?.cpuMs ?? 0 };
});
const judged = perRun.filter((r) => r.warm !== undefined && r.last !== undefined && r.last !== r.warm);
const cpuMs = perRun.reduce((a, r) => a + r.cpuMs, 0);
const maxRss = Math.max(...stats.map((s) => s.rss));
const mib = (b: number) => (b / 2 ** 20).toFixed(0);
const rssGrowths = judged.map((r) => ((r.last?.rss ?? 0) - (r.warm?.rss ?? 0)) / (r.warm?.rss ?? 1));
const fdGrowths = judged.map((r) => (r.last?.fds ?? 0) - (r.warm?.fds ?? 0));
const writeRate = written.lines / written.elapsedS;
console.log('\n| figure | value |\n|---|---|');
console.log(
  `| duration | ${minutes} min, ${written.rotations} rotations (create/copytruncate alternating), ${stops} agent stops (${endings.filter((e) => e !== 'final').join(', ')}) |`,
);
console.log(
  `| lines written | ${written.lines.toLocaleString('en')} (${Math.round(writeRate).toLocaleString('en')} lines/s; longest pause between appends ${written.maxGapMs} ms) |`,
);
console.log(`| lines read (all runs) | ${read.toLocaleString('en')} |`);
console.log(`| lost | ${lost} |`);
console.log(`| duplicated after SIGTERM | ${dupAfter.SIGTERM} |`);
console.log(
  `| duplicated after SIGKILL | ${dupAfter.SIGKILL} (bound: one positions-sync interval, 1 s ≈ ${values.rate} lines per SIGKILL) |`,
);
console.log(`| unparseable audit entries | ${unknown} |`);
for (const r of perRun)
  console.log(
    `| run ${r.run} (${r.lifeS.toFixed(0)} s) RSS, fds at ${values['warmup-seconds']} s → end | ${r.warm ? `${mib(r.warm.rss)} MiB → ${mib(r.last?.rss ?? 0)} MiB, ${r.warm.fds} → ${r.last?.fds} fds` : 'shorter than the warm-up: not judged'} |`,
  );
console.log(`| max RSS (any run) | ${mib(maxRss)} MiB |`);
console.log(`| CPU per 100k lines | ${((cpuMs / read) * 100_000).toFixed(0)} ms |`);
const sigkills = endings.filter((e) => e === 'SIGKILL').length;
const worstRss = Math.max(0, ...rssGrowths);
const worstFd = Math.max(0, ...fdGrowths);
console.log(`
Criteria: lost = 0; duplicates after SIGTERM = 0; duplicates after SIGKILL ≤ 1.5 × one positions-sync interval (1 s) of
lines per SIGKILL; per agent process (each restart starts a new heap), RSS at its end < 1.1 × RSS at its ${values['warmup-seconds']} s mark and
open fds at its end ≤ fds at that mark + 2; the writer kept the rate (≥ 99 % of ${values.rate} lines/s over its run, no pause
between appends longer than ${MAX_WRITER_GAP_MS} ms) — otherwise the load was not what the soak claims.`);
const failures = [
  writeRate < Number(values.rate) * 0.99 &&
    `the writer sustained only ${Math.round(writeRate)} lines/s (spec: ${values.rate}); the machine is too loaded for a valid soak`,
  written.maxGapMs > MAX_WRITER_GAP_MS &&
    `the writer paused ${written.maxGapMs} ms between appends (the load came in bursts); the machine is too loaded for a valid soak`,
  lost > 0 && `${lost} lines lost`,
  dupAfter.SIGTERM > 0 && `${dupAfter.SIGTERM} duplicates after SIGTERM`,
  dupAfter.SIGKILL > sigkills * Number(values.rate) * 1.5 && 'duplicates after SIGKILL above one sync interval',
  judged.length === 0 && 'no agent run outlived the warm-up: RSS and fds not judged',
  worstRss >= 0.1 && `RSS grew ${(worstRss * 100).toFixed(0)} % within a run after its warm-up`,
  worstFd > 2 && `fds grew by ${worstFd} within a run`,
].filter((f): f is string => typeof f === 'string');
console.log(failures.length === 0 ? '\nsoak: all guarantees held' : `\nsoak: FAILED: ${failures.join('; ')}`);
if (values.json)
  await writeFile(
    values.json,
    JSON.stringify({
      minutes,
      rotations: written.rotations,
      stops: endings.filter((e) => e !== 'final'),
      written: written.lines,
      writeRate,
      writerMaxGapMs: written.maxGapMs,
      read,
      lost,
      duplicatesAfterSigterm: dupAfter.SIGTERM,
      duplicatesAfterSigkill: dupAfter.SIGKILL,
      sigkills,
      worstRssGrowth: worstRss,
      worstFdGrowth: worstFd,
      judgedRuns: judged.length,
      maxRssBytes: maxRss,
      cpuMsPer100k: (cpuMs / read) * 100_000,
      failures,
    }),
  );
await rm(agentBundle, { force: true });
if (!values.keep) await rm(dir, { recursive: true, force: true });
else log(`kept ${dir}`);
process.exit(failures.length === 0 ? 0 : 1);
