// Reads a file's bytes through a line splitter and hands the complete lines on in bounded batches: the tailer's read
// loop (live reads, rotated files drained, copies recovered) and, from offset 0 to the end, a whole-file reader for
// batch analysis. Reads go into two shared buffers, the next one in flight while the last one's lines are processed.

import { readSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import type { LogKind, LogLine } from '../log-line.ts';
import type { LineSplitter } from './line-splitter.ts';
import type { TailCounters } from './tail-types.ts';

export interface LineSink {
  log: LogKind;
  /** The name lines carry: the followed path, not a rotated file's current name. */
  path: string;
  /** Two equal buffers: one is read into while the other's lines are processed. */
  buffers: readonly [Buffer, Buffer];
  onLines: (lines: LogLine[]) => void;
  /** Counted as lines are handed on. */
  counters: Pick<TailCounters, 'linesRead' | 'bytesRead' | 'linesTruncated'>;
}

/**
 * Lines go to the consumer in batches of at most this many bytes, whatever the read size: a batch's lines are alive
 * together, and 128 KiB batches kept the pipeline bench's RSS at 120 MiB where 1 MiB ones took it to 166.
 */
const BATCH_BYTES = 128 * 1024;

/** Splits chunk[start, end) (the bytes after the ones fed before) and hands the complete lines to the sink. */
export function pushLines(splitter: LineSplitter, chunk: Buffer, start: number, end: number, sink: LineSink): void {
  for (let from = start; from < end; from += BATCH_BYTES) {
    const lines: LogLine[] = [];
    splitter.push(chunk, from, Math.min(end, from + BATCH_BYTES), (text, offset, truncated, piece, pieceStart) => {
      if (truncated) {
        sink.counters.linesTruncated++;
        lines.push({ log: sink.log, path: sink.path, text, offset, truncated, piece, pieceStart });
      } else lines.push({ log: sink.log, path: sink.path, text, offset, piece, pieceStart });
    });
    if (lines.length > 0) {
      sink.counters.linesRead += lines.length;
      sink.onLines(lines);
    }
  }
}

/**
 * Reads the few bytes a live tick finds (what was appended since the last look, up to `until`) with blocking reads: for
 * a page-cached file each is a few microseconds, where a thread-pool round trip costs a wake-up of the event loop.
 * Returns the bytes read.
 */
export function readNewLinesSync(fd: number, splitter: LineSplitter, sink: LineSink, until: number): number {
  const [buf] = sink.buffers;
  let total = 0;
  for (;;) {
    const position = splitter.offset();
    const want = Math.min(buf.length, until - position);
    if (want <= 0) break;
    const bytesRead = readSync(fd, buf, 0, want, position);
    if (bytesRead === 0) break;
    total += bytesRead;
    sink.counters.bytesRead += bytesRead;
    pushLines(splitter, buf, 0, bytesRead, sink);
  }
  return total;
}

/**
 * Reads `fh` from the splitter's offset up to its end (or `until`), at most about `budget` bytes; returns the bytes
 * read. A short read means the end for now.
 */
export async function readFileLines(
  fh: FileHandle,
  splitter: LineSplitter,
  sink: LineSink,
  budget = Number.POSITIVE_INFINITY,
  until = Number.POSITIVE_INFINITY,
): Promise<number> {
  let [buf, spare] = sink.buffers;
  let position = splitter.offset();
  let want = Math.min(buf.length, until - position);
  if (want <= 0 || budget <= 0) return 0;
  let total = 0;
  let pending: Promise<{ bytesRead: number }> | undefined = fh.read(buf, 0, want, position);
  try {
    while (pending !== undefined) {
      const { bytesRead }: { bytesRead: number } = await pending;
      pending = undefined;
      if (bytesRead === 0) break;
      total += bytesRead;
      const next: number = position + bytesRead;
      const nextWant = Math.min(spare.length, until - next);
      // Read ahead into the spare buffer while this read's lines are processed: without it the main thread sat idle
      // for each thread-pool round trip (~9% of the pipeline bench). A short read means EOF for now: stop there.
      if (bytesRead === want && total < budget && nextWant > 0) pending = fh.read(spare, 0, nextWant, next);
      sink.counters.bytesRead += bytesRead;
      pushLines(splitter, buf, 0, bytesRead, sink);
      [buf, spare] = [spare, buf];
      position = next;
      want = nextWant;
    }
  } finally {
    // A read still in flight (processing threw) must finish before the handle can be closed or the buffer reused.
    if (pending !== undefined) await pending.catch(() => undefined);
  }
  return total;
}
