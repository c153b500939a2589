// Splits file bytes into lines at the Buffer level: carries partial lines (and so split UTF-8 sequences) to the next
// read, strips a trailing `\r`, caps line length without ever buffering more than the cap.

import { isAscii } from 'node:buffer';

/**
 * Receives one complete line: its text, the byte offset of its first byte, and whether it was cut at the cap; for a
 * line of an all-ASCII run also the decoded run and where the line starts in it (text = piece.slice(at, at + length)).
 */
export type EmitLine = (text: string, offset: number, truncated: boolean, piece?: string, at?: number) => void;

export interface LineSplitter {
  /** Feeds chunk[start, end): the bytes that follow the previously fed ones in the file. */
  push(chunk: Buffer, start: number, end: number, emit: EmitLine): void;
  /** File offset just after the last byte fed: where the next read starts. */
  offset(): number;
  /** File offset just after the last complete line: where a restart must resume. */
  committedOffset(): number;
  /** Bytes of the current partial line (fed but not yet emitted, or being discarded). */
  pendingBytes(): number;
  /**
   * Continues at `offset` (a truncated file starting again, or another file). With `keepCarry` the partial line carries
   * over (its rest is at the start of the new content); otherwise it is dropped. Returns the bytes dropped.
   */
  reset(offset: number, keepCarry?: boolean): number;
  /** Lines cut at the cap so far. */
  linesTruncated(): number;
  /** Drops the bytes up to and including the next `\n` without emitting them (a start in the middle of a line). */
  skipLine(): void;
  /** Emits the partial line as the last one (a finished file whose last line has no `\n`). */
  flush(emit: EmitLine): void;
}

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
// Below this a read holds a line or two (a live tail): the per-line path costs nothing worth a second scan.
const ASCII_RUN_MIN = 4096;
// A decoded piece stays below V8's regular object size (128 KiB): larger strings go to the large-object space, which
// only a full GC frees — in a bare read loop, decoding whole 1 MiB reads took ~70 MiB more RSS and 4× the time.
const ASCII_PIECE = 64 * 1024;

/** Backs `cut` off to the start of the UTF-8 sequence that straddles it, so a cut line never ends in half a character. */
function utf8Boundary(buf: Buffer, start: number, cut: number): number {
  let at = cut;
  // 10xxxxxx: a continuation byte, so the character began before `cut`.
  while (at > start && at > cut - 4 && (buf[at] & 0xc0) === 0x80) at--;
  return at;
}

// biome-ignore lint/complexity/noExcessiveLinesPerFunction: feed and flush share one byte carry and its offsets on the per-chunk hot path.
export function createLineSplitter(options: { maxLineBytes: number; startOffset?: number }): LineSplitter {
  const cap = Math.max(1, options.maxLineBytes);
  // The carry holds at most cap + 1 bytes (+1: a `\r` that is stripped when the `\n` arrives).
  const carry = Buffer.allocUnsafe(cap + 1);
  let carryLength = 0;
  let discarding = false; // an over-long line was already emitted; skip to its `\n`
  let discardedBytes = 0;
  let fileOffset = options.startOffset ?? 0; // after the last fed byte
  let lineStart = fileOffset; // first byte of the pending line
  let truncatedCount = 0;

  function emitBytes(buf: Buffer, start: number, end: number, offset: number, emit: EmitLine): void {
    let stop = end;
    if (stop > start && buf[stop - 1] === CARRIAGE_RETURN) stop--;
    if (stop - start > cap) {
      truncatedCount++;
      emit(buf.toString('utf8', start, utf8Boundary(buf, start, start + cap)), offset, true);
    } else {
      emit(buf.toString('utf8', start, stop), offset, false);
    }
  }

  /**
   * The complete lines of an all-ASCII run chunk[start, last] (last = its final `\n`), decoded once and sliced: one
   * native decode per read instead of one per line (about a third of the tailer's cost), and for ASCII a character
   * is a byte, so offsets and the cap stay exact. Returns where the general path goes on.
   */
  function pushAscii(chunk: Buffer, start: number, last: number, emit: EmitLine): number {
    const text = chunk.toString('latin1', start, last);
    const base = fileOffset;
    let from = 0;
    for (;;) {
      const nl = text.indexOf('\n', from);
      const stop = nl < 0 ? text.length : nl;
      let lineEnd = stop;
      if (lineEnd > from && text.charCodeAt(lineEnd - 1) === CARRIAGE_RETURN) lineEnd--;
      if (lineEnd - from > cap) {
        truncatedCount++;
        emit(text.slice(from, from + cap), base + from, true, text, from);
      } else emit(text.slice(from, lineEnd), base + from, false, text, from);
      if (nl < 0) break;
      from = nl + 1;
    }
    fileOffset = base + (last - start) + 1;
    lineStart = fileOffset;
    return last + 1;
  }

  /** The per-line path: chunk[i, end) in any encoding, with the carry and the cap. */
  function pushLines(chunk: Buffer, i: number, end: number, emit: EmitLine): void {
    while (i < end) {
      let nl = chunk.indexOf(NEWLINE, i);
      if (nl >= end) nl = -1;
      if (nl === -1) {
        // Partial line: keep at most cap + 1 bytes; beyond that the line is known to be too long, emit it now.
        const n = end - i;
        if (discarding) discardedBytes += n;
        else if (carryLength + n <= cap + 1) {
          chunk.copy(carry, carryLength, i, end);
          carryLength += n;
        } else {
          const take = cap + 1 - carryLength;
          chunk.copy(carry, carryLength, i, i + take);
          truncatedCount++;
          emit(carry.toString('utf8', 0, utf8Boundary(carry, 0, cap)), lineStart, true);
          discarding = true;
          discardedBytes = carryLength + n;
          carryLength = 0;
        }
        fileOffset += n;
        break;
      }
      if (discarding) {
        discarding = false;
        discardedBytes = 0;
      } else if (carryLength === 0) {
        emitBytes(chunk, i, nl, fileOffset, emit);
      } else {
        const n = nl - i;
        if (carryLength + n <= cap + 1) {
          chunk.copy(carry, carryLength, i, nl);
          emitBytes(carry, 0, carryLength + n, lineStart, emit);
        } else {
          // Over the cap, but a `\r` right before the `\n` may still bring it back to exactly cap bytes.
          const total = carryLength + n - (chunk[nl - 1] === CARRIAGE_RETURN ? 1 : 0);
          const take = Math.min(cap + 1 - carryLength, n);
          chunk.copy(carry, carryLength, i, i + take);
          if (total > cap) {
            truncatedCount++;
            emit(carry.toString('utf8', 0, utf8Boundary(carry, 0, cap)), lineStart, true);
          } else emit(carry.toString('utf8', 0, total), lineStart, false);
        }
        carryLength = 0;
      }
      fileOffset += nl + 1 - i;
      lineStart = fileOffset;
      i = nl + 1;
    }
  }

  return {
    push(chunk, start, end, emit) {
      let i = start;
      // A read mostly begins inside the line the previous one ended in: finish that line first.
      if ((carryLength > 0 || discarding) && end - i >= ASCII_RUN_MIN) {
        const nl = chunk.indexOf(NEWLINE, i);
        if (nl >= 0 && nl < end) {
          pushLines(chunk, i, nl + 1, emit);
          i = nl + 1;
        }
      }
      // Pieces of at most ASCII_PIECE bytes that end at a newline: all-ASCII ones are decoded whole, the others (and the
      // tail after the last newline) go line by line.
      while (carryLength === 0 && !discarding && end - i >= ASCII_RUN_MIN) {
        const last = chunk.lastIndexOf(NEWLINE, Math.min(end, i + ASCII_PIECE) - 1);
        if (last < i) break; // a line longer than a piece
        if (isAscii(chunk.subarray(i, last))) i = pushAscii(chunk, i, last, emit);
        else {
          pushLines(chunk, i, last + 1, emit);
          i = last + 1;
        }
      }
      pushLines(chunk, i, end, emit);
    },
    offset: () => fileOffset,
    committedOffset: () => lineStart,
    pendingBytes: () => (discarding ? discardedBytes : carryLength),
    reset(offset, keepCarry = false) {
      fileOffset = offset;
      // A carried line's committed start moves to the new content: a restart there loses only that line's head.
      lineStart = offset;
      if (keepCarry) return 0;
      const dropped = discarding ? discardedBytes : carryLength;
      carryLength = 0;
      discarding = false;
      discardedBytes = 0;
      return dropped;
    },
    linesTruncated: () => truncatedCount,
    skipLine() {
      carryLength = 0;
      discarding = true;
      discardedBytes = 0;
    },
    flush(emit) {
      // An over-long line was emitted (cut) when it passed the cap: only its discarded rest is left.
      if (carryLength > 0 && !discarding) emitBytes(carry, 0, carryLength, lineStart, emit);
      carryLength = 0;
      discarding = false;
      discardedBytes = 0;
      lineStart = fileOffset;
    },
  };
}
