// One task of `analyse --jobs` (an access-log file or a chunk of one) read into an engine of the reader's own, built
// from the batch's options: the aggregates and the request-joiner candidates it hands back for the main thread's fold.
// A worker thread (analyse-worker.ts) runs one reader; the main thread runs one too, as one of the N threads.

import type { WsgiEvent } from '../analyse/wsgi/wsgi-event.ts';
import { createLogger } from '../log.ts';
import type { FileStats } from '../report/build-report.ts';
import { createEngine } from './create-engine.ts';
import { type EnginePart, takeEnginePart } from './engine-part.ts';
import { createCandidateJoiner, type JoinCandidates } from './join-candidates.ts';
import { type BatchOptions, type PlannedFile, readPlannedFile } from './read-batch.ts';

/** The options a reader builds its engine from: the batch's, without what cannot cross a thread. */
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

/** A reader of tasks, one at a time; its engine is built once (its compiled parsers stay warm) and reset per task. */
export function createTaskReader(options: WorkerOptions): (message: WorkerTask) => Promise<WorkerResult> {
  const joiner = createCandidateJoiner();
  let clockMs = 0;
  const engine = createEngine({
    ...options,
    logger: createLogger({ level: 'silent', quiet: true }),
    now: () => clockMs,
    joiner,
  });
  return async (message) => {
    engine.resetAggregates();
    joiner.start(message.waiting);
    clockMs = message.clockMs;
    const rows = await readPlannedFile(engine, message.task, options);
    return { id: message.id, rows, part: takeEnginePart(engine), joins: joiner.take() };
  };
}
