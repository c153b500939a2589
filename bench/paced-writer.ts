// A writer that appends access lines to a file at a steady rate in fixed ticks (10 ms: one write() per tick, as a busy
// Apache's buffered log writes look to a tailer), keeping a record of when each tick's lines were written.

import { closeSync, openSync, writeSync } from 'node:fs';
import { accessLine } from './generate-access-log.ts';

export interface PacedWriter {
  /** Lines written so far. */
  written(): number;
  /** [time (performance.now), lines written up to and including that tick]: one entry per tick. */
  ticks(): readonly (readonly [number, number])[];
  /** Stops writing; resolves with the number of lines written. */
  stop(): Promise<number>;
}

export function startPacedWriter(options: {
  file: string;
  linesPerSecond: number;
  tickMs?: number;
  /** Line number of the first line (accessLine(i)): different runs on one file write different lines. */
  firstLine?: number;
}): PacedWriter {
  const tickMs = options.tickMs ?? 10;
  const fd = openSync(options.file, 'a');
  const startedAt = performance.now();
  const first = options.firstLine ?? 0;
  let written = 0;
  const ticks: [number, number][] = [];
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  function tick(): void {
    if (stopped) return;
    // Catch up with the schedule (a late timer writes more), so the rate holds whatever the timer's jitter.
    const now = performance.now();
    const due = Math.floor(((now - startedAt) / 1000) * options.linesPerSecond);
    if (due > written) {
      let chunk = '';
      for (let i = written; i < due; i++) chunk += `${accessLine(first + i)}\n`;
      writeSync(fd, chunk);
      written = due;
      ticks.push([performance.now(), written]);
    }
    const next = startedAt + (ticks.length + 1) * tickMs;
    timer = setTimeout(tick, Math.max(0, next - performance.now()));
  }
  timer = setTimeout(tick, tickMs);

  return {
    written: () => written,
    ticks: () => ticks,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      closeSync(fd);
      return written;
    },
  };
}
