// Demo stage I/O edge: appends the scenario's lines to the demo's access and error logs in real time (a backlog of the
// recent past first, so every panel is populated at once).

import { appendFileSync } from 'node:fs';
import type { DemoPaths } from './demo-apache-config.ts';
import { type DemoLine, demoLinesBetween, demoStartupLines } from './demo-scenario.ts';

export interface DemoWriterOptions {
  paths: Pick<DemoPaths, 'accessLog' | 'errorLog'>;
  seed?: number;
  backlogSeconds?: number;
  intervalMs?: number;
  now?: () => number;
}

export interface DemoWriter {
  /** Lines written so far. */
  readonly written: number;
  stop(): void;
}

/** Appends each line to its log (error lines first, as Apache writes the error before the access entry). */
export function appendDemoLines(paths: DemoWriterOptions['paths'], lines: DemoLine[]): void {
  const access = lines.filter((l) => l.log === 'access').map((l) => `${l.text}\n`);
  const error = lines.filter((l) => l.log === 'error').map((l) => `${l.text}\n`);
  if (error.length) appendFileSync(paths.errorLog, error.join(''));
  if (access.length) appendFileSync(paths.accessLog, access.join(''));
}

/** Starts writing; the backlog is written synchronously before this returns. */
export function runDemoWriter(options: DemoWriterOptions): DemoWriter {
  const seed = options.seed ?? 1;
  const now = options.now ?? (() => Date.now() / 1000);
  const start = Math.floor(now()) - (options.backlogSeconds ?? 60);
  let last = start;
  let written = 0;
  const startup = demoStartupLines(start);
  appendDemoLines(options.paths, startup);
  written += startup.length;
  const tick = () => {
    const t = Math.floor(now());
    if (t <= last) return;
    const lines = demoLinesBetween(seed, last, t);
    last = t;
    appendDemoLines(options.paths, lines);
    written += lines.length;
  };
  tick();
  const timer = setInterval(tick, options.intervalMs ?? 250);
  return {
    get written() {
      return written;
    },
    stop: () => clearInterval(timer),
  };
}
