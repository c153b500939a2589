// A whole stream of a file's bytes → LogLine batches through the tailer's line splitter: the backfill's rotated
// generations and every file `analyse` reads. Batches stay small whatever the chunk size (see BATCH_BYTES).

import type { LogKind, LogLine } from '../log-line.ts';
import { createLineSplitter } from './line-splitter.ts';

/** As the follower's reads: a batch's lines are alive together, so its size bounds what the consumer keeps alive. */
const BATCH_BYTES = 128 * 1024;

export interface SplitTarget {
  log: LogKind;
  /** The path the lines are given (the live name a rotated generation belongs to). */
  path: string;
  maxLineBytes: number;
  onLines: (lines: LogLine[]) => void;
  /**
   * A last line without its `\n`: `emit` it (a finished file), or `drop` it and report its bytes as pending (a
   * rotated file whose last line the writer may not have finished).
   */
  lastLine: 'emit' | 'drop';
}

export interface SplitResult {
  lines: number;
  bytes: number;
  linesTruncated: number;
  /** Bytes of a dropped last line. */
  pendingBytes: number;
}

export async function splitChunks(chunks: AsyncIterable<Buffer>, target: SplitTarget): Promise<SplitResult> {
  const splitter = createLineSplitter({ maxLineBytes: target.maxLineBytes });
  const { log, path } = target;
  let lines: LogLine[] = [];
  let count = 0;
  let bytes = 0;
  const push = (text: string, offset: number, truncated: boolean, piece?: string, pieceStart?: number) => {
    lines.push(
      truncated
        ? { log, path, text, offset, truncated, piece, pieceStart }
        : { log, path, text, offset, piece, pieceStart },
    );
  };
  const hand = () => {
    if (lines.length === 0) return;
    count += lines.length;
    const batch = lines;
    lines = [];
    target.onLines(batch);
  };
  for await (const chunk of chunks) {
    bytes += chunk.length;
    for (let from = 0; from < chunk.length; from += BATCH_BYTES) {
      splitter.push(chunk, from, Math.min(chunk.length, from + BATCH_BYTES), push);
      hand();
    }
  }
  let pendingBytes = 0;
  if (target.lastLine === 'emit') splitter.flush(push);
  else pendingBytes = splitter.pendingBytes();
  hand();
  return { lines: count, bytes, linesTruncated: splitter.linesTruncated(), pendingBytes };
}
