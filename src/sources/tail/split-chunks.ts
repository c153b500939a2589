// A whole stream of a file's bytes → LogLine batches through the tailer's line splitter and batching (pushLines): a
// `.gz` generation or stdin that `analyse` reads. A finished stream's last line needs no `\n`.

import type { LogKind, LogLine } from '../log-line.ts';
import { createLineSplitter } from './line-splitter.ts';
import { type LineSink, pushLines } from './read-file-lines.ts';

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

/** pushLines reads no buffer of its own: the chunks are the stream's. */
const NO_BUFFERS = [Buffer.alloc(0), Buffer.alloc(0)] as const;

export async function splitChunks(chunks: AsyncIterable<Buffer>, target: SplitTarget): Promise<SplitResult> {
  const splitter = createLineSplitter({ maxLineBytes: target.maxLineBytes });
  const counters = { linesRead: 0, bytesRead: 0, linesTruncated: 0 };
  const sink: LineSink = { log: target.log, path: target.path, buffers: NO_BUFFERS, onLines: target.onLines, counters };
  for await (const chunk of chunks) {
    counters.bytesRead += chunk.length;
    pushLines(splitter, chunk, 0, chunk.length, sink);
  }
  let pendingBytes = 0;
  if (target.lastLine === 'emit') {
    const last: LogLine[] = [];
    splitter.flush((text, offset, truncated) =>
      last.push(
        truncated
          ? { log: target.log, path: target.path, text, offset, truncated }
          : { log: target.log, path: target.path, text, offset },
      ),
    );
    counters.linesRead += last.length;
    if (last.length > 0) target.onLines(last);
  } else pendingBytes = splitter.pendingBytes();
  return {
    lines: counters.linesRead,
    bytes: counters.bytesRead,
    linesTruncated: counters.linesTruncated,
    pendingBytes,
  };
}
