// `analyse --jobs N`: the batch driver with the access logs read by N threads, the main one and N - 1 workers
// (node:worker_threads). The plan is split (split-plan.ts): each access-log file, or each line-aligned chunk of a big
// plain one, is a task; a reader (read-worker-task.ts) reads it into an engine of its own, built from the same options
// on the clock the file would have had, and hands back its aggregates (engine-part.ts) and its request-joiner
// candidates (join-candidates.ts). The main thread reads the error logs (and files holding both logs, and stdin) into
// the batch's engine itself, and folds the parts in plan order, so the report equals the one-thread report.

import { existsSync, statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { createRequestJoiner } from '../analyse/wsgi/join-requests.ts';
import type { WsgiEvent } from '../analyse/wsgi/wsgi-event.ts';
import { JOINER_OPTIONS } from '../pipeline/create-pipeline.ts';
import { buildReport, type FileStats } from '../report/build-report.ts';
import type { Report } from '../report/report.ts';
import { createEngine } from './create-engine.ts';
import { canMergeEnginePart, type EnginePart, mergeEnginePart } from './engine-part.ts';
import { type JoinCandidates, replayJoinCandidates } from './join-candidates.ts';
import { type BatchOptions, nothingToRead, type PlannedFile, planBatch, readPlannedFile } from './read-batch.ts';
import { createTaskReader, type WorkerOptions, type WorkerResult, type WorkerTask } from './read-worker-task.ts';
import { type BatchStep, type SplitOptions, splitPlan } from './split-plan.ts';

export async function readBatchInWorkers(
  options: BatchOptions,
  jobs: number,
  split: Pick<SplitOptions, 'chunkBytes'> = {},
): Promise<Report> {
  let clockMs = Date.now();
  const joiner = createRequestJoiner(JOINER_OPTIONS);
  const engine = createEngine({ ...options, now: () => clockMs, joiner });
  const plan = await planBatch(engine.config());
  if (plan.length === 0) throw nothingToRead();
  const steps = await splitPlan(plan, { ...split, jobs, logWrapper: options.logWrapper });
  const runs = groupRuns(steps);
  // Started now (when some file is shared out): the workers load their modules while the main thread reads the error logs.
  const pool = runs.some((r) => r.shared)
    ? createPool(jobs, {
        accessLogs: options.accessLogs,
        errorLogs: options.errorLogs,
        apacheConfig: options.apacheConfig,
        modWsgiVersion: options.modWsgiVersion,
        locations: options.locations,
        verdictWindow: options.verdictWindow,
        maxEvents: options.maxEvents,
        maxLineBytes: options.maxLineBytes,
        logWrapper: options.logWrapper,
        pathSegments: options.pathSegments,
      })
    : undefined;
  const files: FileStats[] = [];
  const step = () => {
    clockMs += 1000;
    engine.tick();
  };
  try {
    for (const run of runs) {
      if (pool === undefined || !run.shared) {
        for (const { entry } of run.steps) {
          files.push(...(await readPlannedFile(engine, entry, options)));
          step();
        }
        continue;
      }
      // A run of worker steps goes out at once, with the events waiting now (no event arrives during the run).
      const waiting = joiner.pendingEvents().slice();
      const results = submitRun(pool, run.steps, clockMs, waiting);
      for (const [k, { tasks }] of run.steps.entries()) {
        const rows: FileStats[][] = [];
        let linesBefore = 0;
        for (const [n, task] of (tasks ?? []).entries()) {
          const r = await results[k][n];
          const part = r.part as EnginePart;
          if (canMergeEnginePart(part)) {
            // A chunk's samples are numbered from its first line.
            for (const [, samples] of part.parse.samples)
              for (const s of samples) if (s.file === task.file && s.line !== undefined) s.line += linesBefore;
            mergeEnginePart(engine, part);
            replayJoinCandidates(joiner, r.joins as JoinCandidates);
            rows.push(r.rows as FileStats[]);
          } else {
            rows.push(await readPlannedFile(engine, { ...task, firstLine: linesBefore + 1 }, options));
          }
          linesBefore += rows[rows.length - 1].reduce((sum, row) => sum + row.linesRead, 0);
        }
        files.push(...mergeRows(rows));
        step();
      }
    }
  } finally {
    await pool?.close();
  }
  step();
  return buildReport(engine, files, clockMs / 1000);
}

/**
 * Consecutive steps read the same way: in the main thread, or shared out to the workers. A run of one file in one task
 * is read here too: a worker would only add its start-up.
 */
function groupRuns(steps: BatchStep[]): { shared: boolean; steps: BatchStep[] }[] {
  const runs: { shared: boolean; steps: BatchStep[] }[] = [];
  for (const s of steps) {
    const last = runs[runs.length - 1];
    const shared = s.tasks !== undefined;
    if (last !== undefined && last.shared === shared) last.steps.push(s);
    else runs.push({ shared, steps: [s] });
  }
  for (const r of runs) if (r.steps.length === 1 && (r.steps[0].tasks?.length ?? 0) <= 1) r.shared = false;
  return runs;
}

/** Submits a run's tasks, biggest first (a `.gz` counts ≈ 6× its size) so the workers finish together; per step, its tasks' results. */
function submitRun(pool: Pool, run: BatchStep[], clockMs: number, waiting: WsgiEvent[]): Promise<WorkerResult>[][] {
  const out: Promise<WorkerResult>[][] = run.map(() => []);
  const all = run.flatMap((s, k) => (s.tasks ?? []).map((task, n) => ({ task, k, n, weight: weightOf(task) })));
  const slots = run.map((s) => new Array<Promise<WorkerResult>>((s.tasks ?? []).length));
  for (const t of [...all].sort((a, b) => b.weight - a.weight))
    slots[t.k][t.n] = pool.submit({ task: t.task, clockMs: clockMs + 1000 * t.k, waiting });
  for (let k = 0; k < run.length; k++) out[k] = slots[k];
  return out;
}

function weightOf(task: PlannedFile): number {
  let size = 0;
  try {
    size = statSync(task.file).size;
  } catch {}
  if (task.file.endsWith('.gz')) return size * 6;
  if (task.range === undefined) return size;
  return Math.min(size, task.range.end) - task.range.start;
}

/** A cut file's rows, one per parser: the chunks' counts added up, the first error kept. */
function mergeRows(perTask: FileStats[][]): FileStats[] {
  const byLog = new Map<string, FileStats>();
  for (const rows of perTask) {
    for (const r of rows) {
      const into = byLog.get(r.log);
      if (into === undefined) {
        byLog.set(r.log, { ...r });
        continue;
      }
      into.offsetBytes += r.offsetBytes;
      into.sizeBytes += r.sizeBytes;
      into.linesRead += r.linesRead;
      into.parseFailures = (into.parseFailures ?? 0) + (r.parseFailures ?? 0);
      if (r.error !== undefined && into.error === undefined) {
        into.state = 'error';
        into.error = r.error;
      }
    }
  }
  return [...byLog.values()];
}

/**
 * A worker's heap holds bounded aggregates and the batch in flight. V8's default limits let garbage pile up in each
 * worker: 2 workers over 1 M lines peaked at ≈ 220 MiB RSS, ≈ 162 MiB with these; an 8 MiB young generation went lower
 * (≈ 145) but spent 5× as long in the scavenger (2026-12-07, shared 2-core machine).
 */
const RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 96 };

interface Pool {
  submit(task: Omit<WorkerTask, 'id'>): Promise<WorkerResult>;
  close(): Promise<void>;
}

/** The main thread as a reader of tasks: it is otherwise idle while the workers read (it only folds their parts). */
const MAIN = 'main';

/**
 * `jobs` readers: the main thread and jobs - 1 worker threads; each takes the next queued task when it is done with
 * one (a worker first: the main thread also folds). The main thread reads rather than waits: one isolate less, its heap
 * and its start-up (`--jobs 2` on 1 M lines: ≈ 146 against ≈ 162 MiB peak RSS, 5–10 % less CPU time than two workers).
 */
function createPool(jobs: number, workerOptions: WorkerOptions): Pool {
  const idle: (Worker | typeof MAIN)[] = [MAIN];
  const all: Worker[] = [];
  const queue: { task: WorkerTask; resolve: (r: WorkerResult) => void; reject: (e: Error) => void }[] = [];
  const running = new Map<Worker | typeof MAIN, (typeof queue)[number]>();
  let readHere: ((task: WorkerTask) => Promise<WorkerResult>) | undefined;
  let nextId = 0;
  let failed: Error | undefined;
  let closing = false;
  const fail = (err: Error) => {
    failed ??= err;
    for (const job of [...running.values(), ...queue.splice(0)]) job.reject(failed);
    running.clear();
  };
  for (let i = 1; i < jobs; i++) idle.push(start());

  function done(reader: Worker | typeof MAIN, r: WorkerResult): void {
    const job = running.get(reader);
    running.delete(reader);
    if (job !== undefined) {
      if (r.error !== undefined) job.reject(new Error(`analyse worker: ${r.error}`));
      else job.resolve(r);
    }
    idle.push(reader);
    pump();
  }

  function start(): Worker {
    const worker = new Worker(workerEntry(), { workerData: workerOptions, resourceLimits: RESOURCE_LIMITS });
    worker.on('message', (r: WorkerResult) => done(worker, r));
    // A worker that dies (it cannot read its options, or runs out of memory) fails the whole read: no task is lost.
    worker.on('error', (err) => fail(err));
    worker.on('exit', (code) => {
      if (!closing) fail(new Error(`analyse worker exited with code ${code}`));
    });
    all.push(worker);
    return worker;
  }

  function pump(): void {
    while (queue.length > 0 && failed === undefined) {
      const reader = idle.pop();
      if (reader === undefined) return;
      const job = queue.shift() as (typeof queue)[number];
      running.set(reader, job);
      if (reader !== MAIN) {
        reader.postMessage(job.task);
        continue;
      }
      readHere ??= createTaskReader(workerOptions);
      readHere(job.task).then(
        (r) => done(MAIN, r),
        (err: Error) => done(MAIN, { id: job.task.id, error: err.stack ?? String(err) }),
      );
    }
  }

  return {
    submit(task) {
      const result = new Promise<WorkerResult>((resolve, reject) => {
        if (failed !== undefined) return reject(failed);
        queue.push({ task: { ...task, id: nextId++ }, resolve, reject });
        pump();
      });
      // Awaited in plan order, perhaps after a later task failed: not an unhandled rejection meanwhile.
      result.catch(() => {});
      return result;
    },
    async close() {
      closing = true;
      await Promise.all(all.map((w) => w.terminate()));
    },
  };
}

/** The worker's entry beside this module: the TypeScript source, or the bundle's `dist/analyse-worker.js`. */
function workerEntry(): URL {
  for (const rel of ['./analyse-worker.ts', './analyse-worker.js', '../analyse-worker.js']) {
    const url = new URL(rel, import.meta.url);
    if (existsSync(url)) return url;
  }
  throw new Error(`analyse worker entry not found beside ${import.meta.url}`);
}
