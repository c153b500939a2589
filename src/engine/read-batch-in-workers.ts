// `analyse --jobs N`: the batch driver with the access logs read by N worker threads (node:worker_threads). The plan
// is split (split-plan.ts): each access-log file, or each line-aligned chunk of a big plain one, is a task; a worker
// reads it into an engine of its own, built from the same options on the clock the file would have had, and hands
// back its aggregates (engine-part.ts) and its request-joiner candidates (join-candidates.ts). The main thread reads
// the error logs (and files holding both logs, and stdin) itself, and folds the workers' parts in plan order, so the
// report equals the one-thread report.

import { existsSync, statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { createRequestJoiner } from '../analyse/wsgi/join-requests.ts';
import type { WsgiEvent } from '../analyse/wsgi/wsgi-event.ts';
import { JOINER_OPTIONS } from '../pipeline/create-pipeline.ts';
import { buildReport, type FileStats } from '../report/build-report.ts';
import type { Report } from '../report/report.ts';
import { createEngine } from './create-engine.ts';
import { type EnginePart, mergeEnginePart } from './engine-part.ts';
import { type JoinCandidates, replayJoinCandidates } from './join-candidates.ts';
import { type BatchOptions, nothingToRead, type PlannedFile, planBatch, readPlannedFile } from './read-batch.ts';
import { type BatchStep, type SplitOptions, splitPlan } from './split-plan.ts';

/** The options a worker builds its engine from: the batch's, without what cannot cross a thread. */
export type WorkerOptions = Omit<BatchOptions, 'logger' | 'taps' | 'stdin' | 'joiner'>;

export interface WorkerTask {
  id: number;
  task: PlannedFile;
  /** The batch clock at this file (ms): one step per file, as the one-thread driver's. */
  clockMs: number;
  /** The events waiting in the main thread's joiner for their request. */
  waiting: WsgiEvent[];
}

export interface WorkerResult {
  id: number;
  rows?: FileStats[];
  part?: EnginePart;
  joins?: JoinCandidates;
  error?: string;
}

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
  const pool = createPool(jobs, {
    accessLogs: options.accessLogs,
    errorLogs: options.errorLogs,
    apacheConfig: options.apacheConfig,
    modWsgiVersion: options.modWsgiVersion,
    locations: options.locations,
    verdictWindow: options.verdictWindow,
    maxEvents: options.maxEvents,
    maxLineBytes: options.maxLineBytes,
    logWrapper: options.logWrapper,
  });
  const files: FileStats[] = [];
  const step = () => {
    clockMs += 1000;
    engine.tick();
  };
  try {
    for (let i = 0; i < steps.length; ) {
      const { entry, tasks } = steps[i];
      if (tasks === undefined) {
        files.push(...(await readPlannedFile(engine, entry, options)));
        step();
        i++;
        continue;
      }
      // A run of worker steps goes out at once, with the events waiting now (no event arrives during the run).
      let end = i;
      while (end < steps.length && steps[end].tasks !== undefined) end++;
      const waiting = joiner.pendingEvents().slice();
      const results = submitRun(pool, steps.slice(i, end), clockMs, waiting);
      for (const pending of results) {
        const done = await Promise.all(pending);
        for (const r of done) {
          mergeEnginePart(engine.state, r.part as EnginePart);
          replayJoinCandidates(joiner, r.joins as JoinCandidates);
        }
        files.push(...mergeRows(done.map((r) => r.rows as FileStats[])));
        step();
      }
      i = end;
    }
  } finally {
    await pool.close();
  }
  step();
  return buildReport(engine, files, clockMs / 1000);
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

interface Pool {
  submit(task: Omit<WorkerTask, 'id'>): Promise<WorkerResult>;
  close(): Promise<void>;
}

/** Up to `size` workers, started on first use; each takes the next queued task when it is done with one. */
function createPool(size: number, workerOptions: WorkerOptions): Pool {
  const idle: Worker[] = [];
  const all: Worker[] = [];
  const queue: { task: WorkerTask; resolve: (r: WorkerResult) => void; reject: (e: Error) => void }[] = [];
  const running = new Map<Worker, (typeof queue)[number]>();
  let nextId = 0;

  function start(): Worker {
    const worker = new Worker(workerEntry(), { workerData: workerOptions });
    worker.on('message', (r: WorkerResult) => {
      const job = running.get(worker);
      running.delete(worker);
      if (job !== undefined) {
        if (r.error !== undefined) job.reject(new Error(`analyse worker: ${r.error}`));
        else job.resolve(r);
      }
      idle.push(worker);
      pump();
    });
    worker.on('error', (err) => {
      running.get(worker)?.reject(err);
      running.delete(worker);
    });
    all.push(worker);
    return worker;
  }

  function pump(): void {
    while (queue.length > 0) {
      const worker = idle.pop() ?? (all.length < size ? start() : undefined);
      if (worker === undefined) return;
      const job = queue.shift() as (typeof queue)[number];
      running.set(worker, job);
      worker.postMessage(job.task);
    }
  }

  return {
    submit(task) {
      return new Promise((resolve, reject) => {
        queue.push({ task: { ...task, id: nextId++ }, resolve, reject });
        pump();
      });
    },
    async close() {
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
