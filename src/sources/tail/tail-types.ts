// What the tail stage tells the rest of the agent: its events (state changes, never per line) and per-file figures,
// and the resume point that ties a file to the offset it was read up to.

import type { LogKind } from '../log-line.ts';
import type { FileIdentity } from './file-identity.ts';

export interface TailSource {
  /** A file path, or a glob in the file name part (`/var/log/apache2/access.*.log`). */
  path: string;
  log: LogKind;
}

export type TailEvent =
  | { type: 'opened'; path: string; file: string; offset: number }
  | { type: 'waiting'; path: string }
  | { type: 'rotated'; path: string; from: string }
  /**
   * lostBytes: unread bytes the file was seen to hold; lostLines also estimates the lines written between the last read
   * and the truncate (growth rate × time), at least 1 when no copy was found.
   */
  | { type: 'truncated'; path: string; recoveredBytes: number; lostBytes: number; lostLines: number }
  | { type: 'drained'; path: string; file: string }
  | { type: 'error'; path: string; error: string }
  | { type: 'positions-error'; file: string; error: string }
  | { type: 'positions-recovered'; file: string }
  | { type: 'positions-reset'; file: string; reason: string };

/** What each follower counts (self-metrics). */
export interface TailCounters {
  linesRead: number;
  bytesRead: number;
  rotations: number;
  truncations: number;
  linesLost: number;
  bytesLost: number;
  linesTruncated: number;
  /** Open/stat/read failures (a missing file is waiting, not an error). */
  readErrors: number;
}

/** Counters of a file not read yet. */
export function zeroTailCounters(): TailCounters {
  return {
    linesRead: 0,
    bytesRead: 0,
    rotations: 0,
    truncations: 0,
    linesLost: 0,
    bytesLost: 0,
    linesTruncated: 0,
    readErrors: 0,
  };
}

export interface TailFileStats extends TailCounters {
  path: string;
  log: LogKind;
  file?: string;
  state: 'waiting' | 'open' | 'error';
  error?: string;
  offsetBytes: number;
  sizeBytes: number;
}

/** Where a file was read up to, from the positions file (or a glob file closed while quiet). */
export interface ResumePoint {
  id: FileIdentity;
  offset: number;
}
