// Would the second core help? The agent's pipeline on one thread against the same pipeline with a worker thread that
// takes whole batches while it is free (the main thread keeps reading and processes a batch itself when the worker is
// busy, so the two balance on their own). Same 1,000,000-line file as bench/pipeline.ts, the same locations, each run
// in its own process with the agent's V8 flags, the two modes alternated. Each thread has its own aggregates (a real
// design would merge them at scrape time; that cost is left out, so this is the two-thread design's best case).

import { spawnSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { LogLine } from '../src/sources/log-line.ts';
import { createTailer } from '../src/sources/tail/create-tailer.ts';
import { bundleBench, createBenchPipeline, writeBenchLog } from './bench-pipeline.ts';

const LINES = Number(process.env.BENCH_LINES ?? 1_000_000);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
/** Batches handed to the worker and not yet done; more only queues (and costs RSS). */
const MAX_IN_FLIGHT = 2;

/** Worker side: a batch arrives as its lines joined by `\n` (one string copy instead of one per line). */
function serveWorker(path: string): void {
  const pipeline = createBenchPipeline(path);
  parentPort?.on('message', (text: string) => {
    const lines: LogLine[] = [];
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      const end = nl < 0 ? text.length : nl;
      lines.push({ log: 'access', path, text: text.slice(start, end), offset: start });
      if (nl < 0) break;
      start = nl + 1;
    }
    pipeline.processLines(lines);
    parentPort?.postMessage(lines.length);
  });
}

interface RunResult {
  seconds: number;
  rssMiB: number;
  /** Share of the lines the worker processed. */
  workerShare: number;
}

async function run(file: string, threads: 1 | 2): Promise<RunResult> {
  const pipeline = createBenchPipeline(file);
  const worker = threads === 2 ? new Worker(new URL(import.meta.url), { workerData: file }) : undefined;
  if (worker !== undefined) await new Promise((r) => worker.once('online', r));
  let done = 0;
  let byWorker = 0;
  let inFlight = 0;
  worker?.on('message', (n: number) => {
    done += n;
    byWorker += n;
    inFlight -= 1;
  });
  const tailer = createTailer({
    sources: [{ path: file, log: 'access' }],
    fromBeginning: true,
    watch: false,
    pollIntervalMs: 50,
    onLines(batch) {
      if (worker === undefined || inFlight >= MAX_IN_FLIGHT) {
        pipeline.processLines(batch);
        done += batch.length;
        return;
      }
      let text = batch[0].text;
      for (let i = 1; i < batch.length; i += 1) text += `\n${batch[i].text}`;
      inFlight += 1;
      worker.postMessage(text);
    },
  });
  const t0 = process.hrtime.bigint();
  await tailer.start();
  let rss = 0;
  while (done < LINES) {
    await new Promise((r) => setTimeout(r, 5));
    rss = Math.max(rss, process.memoryUsage().rss);
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  await tailer.stop();
  await worker?.terminate();
  return { seconds, rssMiB: rss / 2 ** 20, workerShare: byWorker / done };
}

const [mode, childFile] = process.argv.slice(2);
if (!isMainThread) {
  serveWorker(workerData as string);
} else if (mode === 'one' || mode === 'two') {
  console.log(JSON.stringify(await run(childFile, mode === 'one' ? 1 : 2)));
  process.exit(0);
} else {
  // Bundled, as bench/pipeline.ts measures; the bundle is also the worker's entry.
  const { dir, file } = await writeBenchLog(LINES);
  const bundle = await bundleBench('bench/pipeline-two-threads.ts');
  const results: Record<'one' | 'two', RunResult[]> = { one: [], two: [] };
  for (let r = 0; r < ROUNDS; r += 1) {
    for (const m of ['one', 'two'] as const) {
      const c = spawnSync(process.execPath, ['--max-semi-space-size=8', bundle, m, file], {
        encoding: 'utf8',
        env: { ...process.env, BENCH_LINES: String(LINES) },
      });
      if (c.status !== 0) throw new Error(`${m} failed: ${c.stderr}`);
      results[m].push(JSON.parse(c.stdout.trim().split('\n').at(-1) as string) as RunResult);
    }
  }
  await rm(dir, { recursive: true, force: true });
  await rm(bundle, { force: true });
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const rate = (rs: RunResult[]) => LINES / median(rs.map((x) => x.seconds));
  const maxRss = (rs: RunResult[]) => Math.max(...rs.map((x) => x.rssMiB)).toFixed(0);
  const one = rate(results.one);
  const two = rate(results.two);
  console.log(`lines: ${LINES.toLocaleString('en')} (combined + %D %O), Node ${process.version}, median of ${ROUNDS}`);
  console.log(
    `one thread (the agent today): ${Math.round(one).toLocaleString('en')} lines/s, max RSS ${maxRss(results.one)} MiB`,
  );
  console.log(
    `main + one worker:           ${Math.round(two).toLocaleString('en')} lines/s, max RSS ${maxRss(results.two)} MiB, worker took ${(100 * median(results.two.map((x) => x.workerShare))).toFixed(0)} % of the lines`,
  );
  console.log(`ratio two threads ÷ one: ${(two / one).toFixed(2)}`);
}
