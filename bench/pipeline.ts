// Issue #2 item 5: the full pipeline (tailer read → parse → aggregate) on a generated 1,000,000-line access log,
// against a bare baseline measured in the same run (read + split + one combined regex, nothing else), and RSS with
// 100,000 distinct URLs. Each measurement runs in its own process (this file with an argument), started with
// `--max-semi-space-size=8` (the shipped `run` entry point's smaller heap is measured by bench/sidecar-cost.ts's
// catch-up), so RSS is the agent's alone.

import { rm } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { createAgent } from '../src/agent/create-agent.ts';
import { createLogger } from '../src/log.ts';
import { monthFromAbbreviation } from '../src/parse/access/parse-clf-time.ts';
import { DURATION_BUCKETS } from '../src/state/request-stats.ts';
import { COMBINED, type Timed, timeLines } from './bare-baseline.ts';
import { BENCH_LOCATIONS, bundleBench, runChild, timeTailer, writeBenchLog } from './bench-pipeline.ts';
import { BENCH_FORMAT } from './generate-access-log.ts';

const LINES = Number(process.env.BENCH_LINES ?? 1_000_000);
/** Lines after which a run is also timed on its own: by then the JIT has compiled the hot code (the first 100,000 of
 * the pipeline's lines run ~2× slower a line than the rest). Informative; the targets are on the whole file. */
const WARM = Math.floor(LINES / 5);
const [mode, childFile] = process.argv.slice(2);

// Informative, not the baseline: the same read and regex, plus what the agent does with a line written the
// plain way — the fields converted (%>s, %O, %D in seconds, %t in unix seconds, the %r path), the location by prefix,
// per (location, status class) counts, bytes and a duration histogram in a Map, and allowed ÷ measured time under
// each rate limit. Its ratio shows how much of the gap to the bare baseline is the work itself.
interface PlainAggregate {
  count: number;
  bytes: number;
  seconds: number;
  buckets: number[];
  ratios: number;
  samples: number;
  lastTime: number;
}

function equivalentLine(
  prefixes: { prefix: string; rate: number | undefined }[],
  aggregates: Map<string, PlainAggregate>,
  line: string,
): boolean {
  const m = COMBINED.exec(line);
  if (m === null) return false;
  const status = Number(m[6]);
  const bytes = m[7] === '-' ? 0 : Number(m[7]);
  const seconds = Number(m[10]) / 1e6;
  const t = m[4]; // dd/Mon/yyyy:HH:MM:SS +zzzz
  const zone = (Number(t.slice(22, 24)) * 3600 + Number(t.slice(24, 26)) * 60) * (t[21] === '-' ? -1 : 1);
  const time =
    Date.UTC(
      Number(t.slice(7, 11)),
      monthFromAbbreviation(t.slice(3, 6)) - 1,
      Number(t.slice(0, 2)),
      Number(t.slice(12, 14)),
      Number(t.slice(15, 17)),
      Number(t.slice(18, 20)),
    ) /
      1000 -
    zone;
  const [method, target = ''] = m[5].split(' ');
  const q = target.indexOf('?');
  const path = q < 0 ? target : target.slice(0, q);
  const hit = prefixes.find(
    (p) => path.startsWith(p.prefix) && (path.length === p.prefix.length || path[p.prefix.length] === '/'),
  );
  const key = `${hit?.prefix ?? 'none'} ${Math.floor(status / 100)}xx`;
  let a = aggregates.get(key);
  if (a === undefined) {
    a = {
      count: 0,
      bytes: 0,
      seconds: 0,
      buckets: new Array(DURATION_BUCKETS.length + 1).fill(0),
      ratios: 0,
      samples: 0,
      lastTime: 0,
    };
    aggregates.set(key, a);
  }
  a.count++;
  a.bytes += bytes;
  a.seconds += seconds;
  let b = 0;
  while (b < DURATION_BUCKETS.length && seconds > DURATION_BUCKETS[b]) b++;
  a.buckets[b]++;
  if (time > a.lastTime) a.lastTime = time;
  if (hit?.rate !== undefined && status >= 200 && status < 300 && method !== 'HEAD' && seconds > 0) {
    a.ratios += bytes / (hit.rate * 1024) / seconds;
    a.samples++;
  }
  return true;
}

async function equivalent(file: string): Promise<Timed & { matched: number }> {
  const prefixes = BENCH_LOCATIONS.map((l) => ({ prefix: l.prefix, rate: l.rateLimitKiB })).sort(
    (a, b) => b.prefix.length - a.prefix.length,
  );
  const aggregates = new Map<string, PlainAggregate>();
  const timed = await timeLines(file, (line) => equivalentLine(prefixes, aggregates, line), WARM);
  if (aggregates.size === 0) throw new Error('no aggregate');
  return timed;
}

interface PipelineResult extends Timed {
  lines: number;
  rssMiB: number;
  /** heapTotal, heapUsed, external (MiB) when RSS peaked. */
  atPeak: Record<string, number>;
}

async function pipeline(file: string): Promise<PipelineResult> {
  let lines = 0;
  let tWarm = 0n;
  let linesAtWarm = 0;
  const agent = createAgent({
    // Counting through the tap costs one addition per batch; agent.snapshot() would cost far more per poll.
    tap: (batch) => {
      lines += batch.length;
      if (linesAtWarm === 0 && lines >= WARM) {
        tWarm = process.hrtime.bigint();
        linesAtWarm = lines;
      }
    },
    logger: createLogger({ level: 'silent', quiet: true }),
    accessLogs: [{ path: file, format: BENCH_FORMAT }],
    locations: BENCH_LOCATIONS,
    fromBeginning: true,
    listenAddress: false,
    pollIntervalMs: 50,
  });
  const t0 = process.hrtime.bigint();
  await agent.start();
  let rss = 0;
  let atPeak = process.memoryUsage();
  while (lines < LINES) {
    await new Promise((r) => setTimeout(r, 5));
    const m = process.memoryUsage();
    if (m.rss > rss) {
      rss = m.rss;
      atPeak = m;
    }
  }
  const t1 = process.hrtime.bigint();
  const seconds = Number(t1 - t0) / 1e9;
  await agent.stop();
  const mib = (n: number) => Math.round(n / 2 ** 20);
  return {
    seconds,
    warmSeconds: Number(t1 - tWarm) / 1e9,
    warmLines: lines - linesAtWarm,
    lines,
    rssMiB: rss / 2 ** 20,
    atPeak: { heapTotal: mib(atPeak.heapTotal), heapUsed: mib(atPeak.heapUsed), external: mib(atPeak.external) },
  };
}

// The read stage alone: the agent's tailer, lines counted and dropped (what is left of the pipeline's time is parse +
// aggregate).
async function tailOnly(file: string): Promise<{ seconds: number }> {
  return { seconds: await timeTailer(file, LINES, () => {}) };
}

if (mode === 'tail') {
  console.log(JSON.stringify(await tailOnly(childFile)));
  process.exit(0);
}
if (mode === 'equivalent') {
  console.log(JSON.stringify(await equivalent(childFile)));
  process.exit(0);
}
if (mode === 'pipeline') {
  const r = await pipeline(childFile);
  console.log(JSON.stringify(r));
  process.exit(0);
}

const { dir, file } = await writeBenchLog(LINES);
const bundle = await bundleBench('bench/pipeline.ts');
// The baseline runs from its own bundle, which holds nothing of src/ (see bare-baseline.ts).
const bareBundle = await bundleBench('bench/bare-baseline.ts');
const child = <T>(which: string): T =>
  which === 'baseline'
    ? runChild<T>(bareBundle, ['--bare-baseline', file, String(WARM)], LINES)
    : runChild<T>(bundle, [which, file], LINES);
// The shared VM's speed drifts by ±30 % within minutes: alternate the four children ROUNDS times and report each
// round's ratio (its two runs seconds apart) and the medians.
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const rounds: {
  base: number;
  equivalent: number;
  full: number;
  tail: number;
  warmBase: number;
  warmFull: number;
  fullResult: PipelineResult;
}[] = [];
for (let r = 0; r < ROUNDS; r += 1) {
  const base = child<Timed & { matched: number }>('baseline');
  if (base.matched !== LINES) throw new Error(`baseline matched ${base.matched} of ${LINES} lines`);
  const equivalent = child<Timed & { matched: number }>('equivalent');
  if (equivalent.matched !== LINES) throw new Error(`equivalent matched ${equivalent.matched} of ${LINES} lines`);
  const full = child<PipelineResult>('pipeline');
  const tail = child<{ seconds: number }>('tail');
  rounds.push({
    base: LINES / base.seconds,
    equivalent: LINES / equivalent.seconds,
    full: full.lines / full.seconds,
    tail: LINES / tail.seconds,
    warmBase: base.warmLines / base.warmSeconds,
    warmFull: full.warmLines / full.warmSeconds,
    fullResult: full,
  });
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rate = (x: number) => Math.round(x).toLocaleString('en');
const each = (pick: (r: (typeof rounds)[number]) => number) => rounds.map((r) => rate(pick(r))).join(', ');
const baseRate = median(rounds.map((r) => r.base));
const fullRate = median(rounds.map((r) => r.full));
const tailRate = median(rounds.map((r) => r.tail));
const ns = (perSecond: number) => Math.round(1e9 / perSecond);
console.log(
  `lines: ${LINES.toLocaleString('en')} (combined + %D %O, 100,000 distinct URLs), Node ${process.version}, ${ROUNDS} rounds, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
console.log(`baseline (read + split + one combined regex): ${rate(baseRate)} lines/s median (${each((r) => r.base)})`);
console.log(`full pipeline (tailer → parse → aggregate):  ${rate(fullRate)} lines/s median (${each((r) => r.full)})`);
console.log(
  `tailer alone (read + split, no parse):        ${rate(tailRate)} lines/s median: ${ns(tailRate)} of the pipeline's ${ns(fullRate)} ns a line, of the baseline's ${ns(baseRate)}`,
);
console.log(
  `ratio full ÷ baseline: ${(fullRate / baseRate).toFixed(2)} of the medians, ${rounds.map((r) => (r.full / r.base).toFixed(2)).join(', ')} by round  (target ≥ 0.70; absolute target ≥ 500,000 lines/s)`,
);
console.log(
  `from line ${WARM.toLocaleString('en')} on (JIT warm; informative): baseline ${rate(median(rounds.map((r) => r.warmBase)))}, pipeline ${rate(median(rounds.map((r) => r.warmFull)))} lines/s median; ratio by round ${rounds.map((r) => (r.warmFull / r.warmBase).toFixed(2)).join(', ')}`,
);
const equivalentRate = median(rounds.map((r) => r.equivalent));
console.log(
  `informative: a plain equivalent (the baseline + the same conversions, prefix match and Map aggregates): ${rate(equivalentRate)} lines/s median (${each((r) => r.equivalent)}); full ÷ equivalent ${(fullRate / equivalentRate).toFixed(2)} of the medians, ${rounds.map((r) => (r.full / r.equivalent).toFixed(2)).join(', ')} by round`,
);
const peak = rounds.map((r) => r.fullResult).reduce((a, b) => (b.rssMiB > a.rssMiB ? b : a));
console.log(
  `max RSS of the agent process: ${peak.rssMiB.toFixed(0)} MiB over the rounds (target < 150 MB = 143 MiB); at that moment heap ${peak.atPeak.heapUsed} of ${peak.atPeak.heapTotal} MiB used, external ${peak.atPeak.external} MiB`,
);
await rm(dir, { recursive: true, force: true });
await rm(bundle, { force: true });
await rm(bareBundle, { force: true });
