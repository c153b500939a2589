// Where the pipeline's time goes, and whether issue #2 item 5's 0.7× is within reach: the agent's tailer feeding a hot
// path written by hand for BENCH_FORMAT alone (the floor: scan, convert, match and aggregate in one function on the
// decoded piece, no object per line), then that floor with one real stage put back at a time — the location matcher,
// the request aggregates, the rate-limit measurement and aggregates, the parser (`selectAt` and the matcher) — and
// with all of them, each against the bare baseline in the same round. Informative: the floor checks the line's shape
// as the scanner does but keeps none of the agent's guarantees past that (no failure reasons, no search memory, no
// unescaping, no vhost, no logged rate variables), so it is a bound, not a design.

import { rm } from 'node:fs/promises';
import { modelFromLocationOptions } from '../src/agent/model-from-location-options.ts';
import { createLocationMatcher, type RequestContext } from '../src/analyse/match-location.ts';
import { allowedTransferSeconds } from '../src/analyse/throughput/allowed-transfer-seconds.ts';
import { measureThroughput } from '../src/analyse/throughput/measure-throughput.ts';
import type { AccessRecord } from '../src/parse/access/access-record.ts';
import { compileLogFormat } from '../src/parse/access/compile-log-format.ts';
import { parseClfTimeAt } from '../src/parse/access/parse-clf-time.ts';
import { requestLineBounds } from '../src/parse/access/split-request-line.ts';
import { HOT_FIELDS } from '../src/pipeline/create-pipeline.ts';
import { createPipelineState } from '../src/pipeline/create-pipeline-state.ts';
import { detachString } from '../src/pipeline/detach-string.ts';
import { DURATION_BUCKETS } from '../src/state/request-stats.ts';
import {
  BENCH_LOCATIONS,
  bundleBench,
  COMBINED,
  runChild,
  timeLines,
  timeTailer,
  writeBenchLog,
} from './bench-pipeline.ts';
import { BENCH_FORMAT } from './generate-access-log.ts';

const LINES = Number(process.env.BENCH_LINES ?? 1_000_000);
const [mode, childFile, real = ''] = process.argv.slice(2);

/** The real stages a floor child puts back (comma-separated in its third argument). */
type Stage = 'match' | 'requests' | 'ratelimit' | 'parse';
const VARIANTS: { name: string; stages: Stage[] }[] = [
  { name: 'floor', stages: [] },
  { name: '+ location matcher', stages: ['match'] },
  { name: '+ request aggregates', stages: ['requests'] },
  { name: '+ rate-limit stats', stages: ['ratelimit'] },
  { name: '+ parser (selectAt, matcher)', stages: ['parse', 'match'] },
  { name: 'all real stages', stages: ['parse', 'match', 'requests', 'ratelimit'] },
];

async function floor(file: string, stages: Set<Stage>): Promise<{ seconds: number }> {
  const model = modelFromLocationOptions(BENCH_LOCATIONS);
  const state = createPipelineState();
  for (const l of model.locations) state.requests.declare(l.vhost, l.location);
  for (const r of model.rateLimits) state.ratelimit.declare(r.vhost, r.location, r.rateKiB, r.burstKiB);
  const matcher = createLocationMatcher(model);
  const hot = compileLogFormat(BENCH_FORMAT).selectAt(HOT_FIELDS);
  // The floor's own location table: prefixes as character codes, the context the matcher gives each (last: none).
  const prefixes = BENCH_LOCATIONS.map((l) => l.prefix as string);
  const codes = prefixes.map((p) => Array.from(p, (c) => c.charCodeAt(0)));
  const contexts = [...prefixes.map((p) => matcher(undefined, `${p}/x`)), matcher(undefined, '/none-of-them')];
  const rates = contexts.map((c) => c.rate?.rateKiB);
  const none = prefixes.length;
  // Per (location, status class): count, bytes, seconds, and a duration histogram; per location the rate ratios.
  const classes = 6;
  const counts = new Float64Array(contexts.length * classes);
  const bytesSum = new Float64Array(contexts.length * classes);
  const secondsSum = new Float64Array(contexts.length * classes);
  const histogram = new Float64Array(contexts.length * classes * (DURATION_BUCKETS.length + 1));
  const ratioSum = new Float64Array(contexts.length);
  const kept: string[] = [];
  const bounds = { methodEnd: 0, pathEnd: 0, targetEnd: 0, protocolStart: -1 };
  const nowSeconds = Date.now() / 1000;
  let failures = 0;

  const digits = (s: string, a: number, b: number) => {
    if (b <= a || b - a > 15) return -1;
    let x = 0;
    for (let i = a; i < b; i++) {
      const d = s.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return -1;
      x = x * 10 + d;
    }
    return x;
  };
  // The first `"` in s[from, end) not escaped by an odd run of backslashes, or -1.
  const quote = (s: string, from: number, end: number) => {
    let q = s.indexOf('"', from);
    while (q >= 0 && q < end) {
      let k = q - 1;
      while (k >= from && s.charCodeAt(k) === 92) k--;
      if ((q - 1 - k) % 2 === 0) return q;
      q = s.indexOf('"', q + 1);
    }
    return -1;
  };
  const space = (s: string, from: number, end: number) => {
    const e = s.indexOf(' ', from);
    return e < end ? e : -1;
  };
  const locationAt = (s: string, a: number, b: number) => {
    for (let l = 0; l < codes.length; l++) {
      const c = codes[l];
      const n = c.length;
      if (b - a < n) continue;
      let k = 0;
      while (k < n && s.charCodeAt(a + k) === c[k]) k++;
      if (k === n && (a + n === b || s.charCodeAt(a + n) === 47)) return l;
    }
    return none;
  };

  function aggregate(
    s: string,
    start: number,
    end: number,
    ctx: RequestContext,
    loc: number,
    time: number,
    status: number,
    bytes: number,
    seconds: number,
    head: boolean,
  ): void {
    if (stages.has('requests')) state.requests.record(ctx.vhost, ctx.location, status, bytes, seconds, nowSeconds);
    else {
      const i = loc * classes + Math.min((status / 100) | 0, classes - 1);
      counts[i]++;
      bytesSum[i] += bytes;
      secondsSum[i] += seconds;
      let b = 0;
      while (b < DURATION_BUCKETS.length && seconds > DURATION_BUCKETS[b]) b++;
      histogram[i * (DURATION_BUCKETS.length + 1) + b]++;
    }
    if (stages.has('ratelimit')) {
      if (ctx.rate !== undefined) {
        const rec: AccessRecord = {
          ok: true,
          status,
          responseBytes: bytes,
          durationSeconds: seconds,
          method: head ? 'HEAD' : 'GET',
          timeSeconds: time,
        };
        const r = measureThroughput(rec, {
          rateKiB: ctx.rate.rateKiB,
          burstKiB: ctx.rate.burstKiB ?? 0,
          daemonMode: ctx.daemon !== undefined,
          limited: true,
        });
        if ('skipped' in r) state.ratelimit.recordSkip(ctx.vhost, ctx.location, r.skipped);
        else state.ratelimit.recordSample(ctx.vhost, ctx.location, r, nowSeconds);
      }
    } else {
      const rate = rates[loc];
      if (rate !== undefined && status >= 200 && status < 300 && !head && seconds > 0) {
        const allowed = allowedTransferSeconds(bytes, rate, 0);
        if (allowed > 0) ratioSum[loc] += allowed / seconds;
      }
    }
    // What the joiner keeps of a failed request: one copy of its line, at most 1,000.
    if (status >= 400) {
      kept.push(detachString(s.slice(start, end)));
      if (kept.length > 1000) kept.shift();
    }
  }

  // `%h %l %u %t "%r" %>s %O "%{Referer}i" "%{User-Agent}i" %D` in s[start, end).
  function scanLine(s: string, start: number, end: number): void {
    let e = space(s, start, end);
    if (e >= 0) e = space(s, e + 1, end);
    if (e >= 0) e = space(s, e + 1, end);
    if (e < 0 || s.charCodeAt(e + 1) !== 91) return void failures++;
    let pos = e + 2;
    e = s.indexOf(']', pos);
    const time = e >= 0 && e < end ? parseClfTimeAt(s, pos, e) : Number.NaN;
    if (Number.isNaN(time) || s.charCodeAt(e + 1) !== 32 || s.charCodeAt(e + 2) !== 34) return void failures++;
    pos = e + 3;
    const rq = quote(s, pos, end);
    if (rq < 0 || s.charCodeAt(rq + 1) !== 32) return void failures++;
    let loc = none;
    let ctx = contexts[none];
    let head = false;
    if (requestLineBounds(s, pos, rq, bounds)) {
      head = bounds.methodEnd - pos === 4 && s.startsWith('HEAD', pos);
      if (stages.has('match')) ctx = matcher(undefined, s.slice(bounds.methodEnd + 1, bounds.pathEnd));
      else {
        loc = locationAt(s, bounds.methodEnd + 1, bounds.pathEnd);
        ctx = contexts[loc];
      }
    }
    pos = rq + 2;
    e = space(s, pos, end);
    const status = e < 0 ? -1 : digits(s, pos, e);
    if (status < 0) return void failures++;
    pos = e + 1;
    e = space(s, pos, end);
    const bytes = e < 0 ? -1 : digits(s, pos, e);
    if (bytes < 0 || s.charCodeAt(e + 1) !== 34) return void failures++;
    const referer = quote(s, e + 2, end);
    if (referer < 0 || s.charCodeAt(referer + 1) !== 32 || s.charCodeAt(referer + 2) !== 34) return void failures++;
    const agent = quote(s, referer + 3, end);
    if (agent < 0 || s.charCodeAt(agent + 1) !== 32) return void failures++;
    const micros = digits(s, agent + 2, end);
    if (micros < 0) return void failures++;
    if (stages.has('match')) loc = Math.max(0, contexts.indexOf(ctx));
    aggregate(s, start, end, ctx, loc, time, status, bytes, micros / 1e6, head);
  }

  function parseLine(s: string, start: number, end: number): void {
    const rec = hot(s, start, end);
    if (!rec.ok) return void failures++;
    const ctx = matcher(rec.vhost, rec.urlPath);
    const loc = Math.max(0, contexts.indexOf(ctx));
    const bytes = rec.responseBytes ?? 0;
    aggregate(
      s,
      start,
      end,
      ctx,
      loc,
      rec.timeSeconds ?? 0,
      rec.status ?? 0,
      bytes,
      rec.durationSeconds ?? 0,
      rec.method === 'HEAD',
    );
  }

  const each = stages.has('parse') ? parseLine : scanLine;
  const seconds = await timeTailer(file, LINES, (batch) => {
    for (const l of batch) {
      const at = l.pieceStart ?? 0;
      each(l.piece ?? l.text, at, at + l.text.length);
    }
  });
  if (failures !== 0) throw new Error(`${failures} lines did not scan`);
  return { seconds };
}

if (mode === 'baseline') {
  console.log(JSON.stringify(await timeLines(childFile, (line) => COMBINED.exec(line) !== null, 0)));
  process.exit(0);
}
if (mode === 'floor') {
  console.log(JSON.stringify(await floor(childFile, new Set(real.split(',').filter(Boolean) as Stage[]))));
  process.exit(0);
}

const { dir, file } = await writeBenchLog(LINES);
const bundle = await bundleBench('bench/pipeline-floor.ts');
const child = (args: string[]) => runChild<{ seconds: number }>(bundle, args, LINES).seconds;
// Alternated ROUNDS times: each variant's ratio is to the baseline of its own round.
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const ratios = VARIANTS.map(() => [] as number[]);
const seconds = VARIANTS.map(() => [] as number[]);
for (let r = 0; r < ROUNDS; r++) {
  const base = child(['baseline', file]);
  VARIANTS.forEach((v, i) => {
    const s = child(['floor', file, v.stages.join(',')]);
    seconds[i].push(s);
    ratios[i].push(base / s);
  });
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(
  `lines: ${LINES.toLocaleString('en')} (bench/pipeline.ts's log), Node ${process.version}, ${ROUNDS} rounds`,
);
VARIANTS.forEach((v, i) => {
  const ns = Math.round((median(seconds[i]) * 1e9) / LINES);
  console.log(
    `${v.name.padEnd(30)} ${ns.toString().padStart(5)} ns/line median; ÷ baseline by round ${ratios[i].map((x) => x.toFixed(2)).join(', ')}`,
  );
});
await rm(dir, { recursive: true, force: true });
await rm(bundle, { force: true });
