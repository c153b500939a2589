// A tailer in its own process, for restart tests: follows one path with a positions file and appends every line it
// receives to an output file synchronously (so a SIGKILL loses nothing that onLines saw), with a `.batches` log of
// when each batch arrived. SIGTERM → stop() → exit 0.
// Usage: node test/support/tail/tail-child.ts '{"path":…,"positionsFile":…,"out":…,"positionsSyncMs":…}'; prints "ready".

import { closeSync, openSync, writeSync } from 'node:fs';
import { createTailer } from '../../../src/sources/tail/create-tailer.ts';

const config = JSON.parse(process.argv[2]) as {
  path: string;
  positionsFile: string;
  out: string;
  positionsSyncMs: number;
  pollIntervalMs?: number;
};
const out = openSync(config.out, 'a');
// `<ms> <lines>` per batch, so a test can tell which lines came after the last positions write.
const batches = openSync(`${config.out}.batches`, 'a');
const tailer = createTailer({
  sources: [{ path: config.path, log: 'access' }],
  positionsFile: config.positionsFile,
  positionsSyncMs: config.positionsSyncMs,
  pollIntervalMs: config.pollIntervalMs ?? 100,
  fromBeginning: true,
  onLines: (lines) => {
    let text = '';
    for (const line of lines) text += `${line.text}\n`;
    writeSync(out, text);
    writeSync(batches, `${Date.now()} ${lines.length}\n`);
  },
  onEvent: (event) => process.stderr.write(`${JSON.stringify(event)}\n`),
});

process.on('SIGTERM', () => {
  tailer.stop().then(
    () => {
      closeSync(out);
      process.exit(0);
    },
    (error: unknown) => {
      process.stderr.write(`stop failed: ${String(error)}\n`);
      process.exit(1);
    },
  );
});

await tailer.start();
process.stdout.write('ready\n');
