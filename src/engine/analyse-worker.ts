// A worker thread of `analyse --jobs`: reads the tasks it is sent (read-worker-task.ts) and posts back each result.

import { parentPort, workerData } from 'node:worker_threads';
import { createTaskReader, type WorkerOptions, type WorkerTask } from './read-worker-task.ts';

const readTask = createTaskReader(workerData as WorkerOptions);

parentPort?.on('message', (message: WorkerTask) => {
  readTask(message).then(
    (result) => parentPort?.postMessage(result),
    (err: Error) => parentPort?.postMessage({ id: message.id, error: err.stack ?? String(err) }),
  );
});
