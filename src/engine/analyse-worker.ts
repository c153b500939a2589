// A worker thread of `analyse --jobs`: reads the tasks it is sent (an access-log file or a chunk of one) each into a
// fresh engine built from the batch's options, and posts back the aggregates and the request-joiner candidates.

import { parentPort, workerData } from 'node:worker_threads';
import { createLogger } from '../log.ts';
import { createEngine } from './create-engine.ts';
import { takeEnginePart } from './engine-part.ts';
import { createCandidateJoiner } from './join-candidates.ts';
import { readPlannedFile } from './read-batch.ts';
import type { WorkerOptions, WorkerResult, WorkerTask } from './read-batch-in-workers.ts';

const options = workerData as WorkerOptions;
const joiner = createCandidateJoiner();
let clockMs = 0;
// One engine for every task: its compiled parsers stay warm; its aggregates start afresh for each part.
const engine = createEngine({
  ...options,
  logger: createLogger({ level: 'silent', quiet: true }),
  now: () => clockMs,
  joiner,
});

async function readTask(message: WorkerTask): Promise<WorkerResult> {
  engine.resetAggregates();
  joiner.start(message.waiting);
  clockMs = message.clockMs;
  const rows = await readPlannedFile(engine, message.task, options);
  return { id: message.id, rows, part: takeEnginePart(engine), joins: joiner.take() };
}

parentPort?.on('message', (message: WorkerTask) => {
  readTask(message).then(
    (result) => parentPort?.postMessage(result),
    (err: Error) => parentPort?.postMessage({ id: message.id, error: err.stack ?? String(err) }),
  );
});
