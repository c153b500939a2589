// wsgiwatch's own log: pino JSON, state changes only (never per line). While the dashboard owns the terminal it goes to a
// file and an in-memory ring instead of stdout (pino bypasses ink's console patching).

import { type Logger, pino } from 'pino';
import { createBoundedRing } from './bounded-ring.ts';

export type { Logger };

export interface LogRing {
  write(chunk: string): void;
  /** Oldest first. */
  lines(): string[];
  /** Older lines pushed out by newer ones (the log panel says how many). */
  dropped(): number;
}

/** Keeps the last `capacity` log lines for the dashboard's log panel. */
export function createLogRing(capacity = 200): LogRing {
  const ring = createBoundedRing<string>(capacity);
  return {
    write(chunk) {
      for (const line of chunk.split('\n')) if (line !== '') ring.push(line);
    },
    lines: () => ring.toArray(),
    dropped: () => ring.dropped,
  };
}

export interface LoggerOptions {
  level?: string;
  /** Write to this file (synchronously: no loss on crash) instead of stdout. */
  file?: string;
  /** Also keep lines in this ring. */
  ring?: LogRing;
  /** No stdout at all (dashboard mode without a file). */
  quiet?: boolean;
}

/** Creates the process logger; the only place that decides where wsgiwatch's own log goes. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? 'info';
  const streams: pino.StreamEntry[] = [];
  if (options.file)
    streams.push({
      level: level as pino.Level,
      stream: pino.destination({ dest: options.file, sync: true, mkdir: true }),
    });
  else if (!options.quiet)
    streams.push({ level: level as pino.Level, stream: pino.destination({ dest: 1, sync: true }) });
  if (options.ring) streams.push({ level: level as pino.Level, stream: options.ring });
  const base = { name: 'wsgiwatch' };
  if (streams.length === 0) return pino({ level, enabled: false, base });
  return pino({ level, base, timestamp: pino.stdTimeFunctions.isoTime }, pino.multistream(streams));
}
