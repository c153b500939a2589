// The state one file follower keeps (the current file, rotated files still draining, where to resume) and the context
// its tailer gives it: shared by the follower's read loop, restore and positions.

import type { LogKind, LogLine } from '../log-line.ts';
import type { OpenFile } from './followed-file.ts';
import { createLineSplitter } from './line-splitter.ts';
import { type LineSink, pushLines } from './read-file-lines.ts';
import type { ResumePoint, TailCounters, TailEvent } from './tail-types.ts';

export interface FollowerContext {
  log: LogKind;
  maxLineBytes: number;
  drainMs: number;
  fingerprintBytes: number;
  fromBeginning: boolean;
  /** Two equal buffers shared by all followers of one tailer (followers tick one after another): one is read into while the other's lines are processed. */
  readBuffers: readonly [Buffer, Buffer];
  /** Bytes read per file per tick before the next file gets its turn (every read already yields to the event loop). */
  maxBytesPerTick: number;
  now: () => number;
  onLines: (lines: LogLine[]) => void;
  onEvent: (event: TailEvent) => void;
}

/** A file closed while quiet (glob files of past periods): reopened only when it changed. */
export interface IdleFile {
  id: OpenFile['id'];
  readTo: number;
  size: number;
  mtimeMs: number;
}

export interface FollowerState {
  readonly path: string;
  readonly ctx: FollowerContext;
  /** Where read lines go (the followed path's name, the tailer's buffers and consumer, this follower's counters). */
  readonly sink: LineSink;
  readonly counters: TailCounters;
  current?: OpenFile;
  /** Rotated files still read until quiet, oldest first: lines go on in this order. */
  readonly draining: OpenFile[];
  idle?: IdleFile;
  /** From the positions file (or a glob file seen before), until the path is opened. */
  resume?: ResumePoint;
  /** Rotated files the positions file listed, restored on the first tick. */
  pendingRotated: ResumePoint[];
  /** Rotated files read to the end and closed: a glob that matches them under a new name must not read them again. */
  readonly finished: ResumePoint[];
  /** A read or stat failed: counted and reported once per distinct message. */
  reportError(error: unknown): void;
}

const DEFAULT_AVERAGE_LINE_BYTES = 200;

export function averageLineBytes(counters: TailCounters): number {
  return counters.linesRead > 0 ? counters.bytesRead / counters.linesRead : DEFAULT_AVERAGE_LINE_BYTES;
}

/** Bytes that will never be read (a rotated file's unfinished last line): counted, with the lines they estimate. */
export function countLost(counters: TailCounters, bytes: number): void {
  if (bytes <= 0) return;
  counters.bytesLost += bytes;
  counters.linesLost += Math.max(1, Math.round(bytes / averageLineBytes(counters)));
}

/**
 * The lines of a stream of chunks (a generation read at start-up, a rotated file gzipped before it was read to its
 * end), handed on from byte `skip` of the stream (where an earlier read stopped); its unfinished last line is lost.
 */
export async function feedChunks(
  state: Pick<FollowerState, 'ctx' | 'sink' | 'counters'>,
  chunks: AsyncIterable<Buffer>,
  skip = 0,
): Promise<void> {
  const splitter = createLineSplitter({ maxLineBytes: state.ctx.maxLineBytes, startOffset: skip });
  let seen = 0;
  for await (const chunk of chunks) {
    const start = Math.min(chunk.length, Math.max(0, skip - seen));
    seen += chunk.length;
    if (start === chunk.length) continue;
    state.counters.bytesRead += chunk.length - start;
    pushLines(splitter, chunk, start, chunk.length, state.sink);
  }
  countLost(state.counters, splitter.pendingBytes());
}
