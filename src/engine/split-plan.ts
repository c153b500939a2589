// How `analyse --jobs` shares a batch plan out: an access log's file (a rotated generation, a `.gz`) is one task for a
// worker, and a big plain one is cut at line starts into several; error logs, files holding both logs and stdin are
// read in the main thread, in plan order (their state — events, tracebacks, the request joiner's waiting events,
// versions — depends on every line before).

import { type FileHandle, open } from 'node:fs/promises';
import { DETECT_LINES, detectLogWrapper } from '../sources/unwrap/detect-log-wrapper.ts';
import type { LogWrapperOption } from '../sources/unwrap/log-wrapper.ts';
import { type PlannedFile, STDIN } from './read-batch.ts';

/** One plan entry: read in the main thread, or by workers as these tasks (folded back in this order). */
export interface BatchStep {
  entry: PlannedFile;
  tasks?: PlannedFile[];
}

/** A plain file is cut into pieces of about its size ÷ jobs, between these bounds (small ones balance the workers). */
export const CHUNK_BYTES = { min: 8 << 20, max: 64 << 20 };
/** Bytes of a file's head that decide its wrapper, as the unwrapper's first batch does. */
const HEAD_BYTES = 128 * 1024;

export interface SplitOptions {
  jobs: number;
  logWrapper: LogWrapperOption;
  /** Default CHUNK_BYTES (tests cut small files). */
  chunkBytes?: { min: number; max: number };
}

export async function splitPlan(plan: readonly PlannedFile[], options: SplitOptions): Promise<BatchStep[]> {
  const steps: BatchStep[] = [];
  for (const entry of plan) {
    if (entry.role !== 'access' || entry.file === STDIN) steps.push({ entry });
    else if (entry.file.endsWith('.gz')) steps.push({ entry, tasks: [entry] });
    else steps.push({ entry, tasks: await cutFile(entry, options) });
  }
  return steps;
}

async function cutFile(entry: PlannedFile, options: SplitOptions): Promise<PlannedFile[]> {
  let fh: FileHandle | undefined;
  try {
    fh = await open(entry.file, 'r');
    const { size } = await fh.stat();
    const bounds = options.chunkBytes ?? CHUNK_BYTES;
    const chunk = Math.min(bounds.max, Math.max(bounds.min, Math.ceil(size / options.jobs)));
    if (size <= chunk) return [entry];
    // A wrapped file's partial lines join across line ends: only an unwrapped one is cut.
    const wrapper = options.logWrapper === 'auto' ? await headWrapper(fh) : options.logWrapper;
    if (wrapper !== 'none') return [entry];
    const starts = [0];
    for (let at = chunk; at < size; at += chunk) {
      const start = await lineStartFrom(fh, at);
      if (start >= size) break;
      if (start > starts[starts.length - 1]) starts.push(start);
    }
    return starts.map((start, i) => ({
      ...entry,
      wrapper: 'none' as const,
      range: { start, end: i + 1 < starts.length ? starts[i + 1] : Number.POSITIVE_INFINITY },
    }));
  } catch {
    // Read as one task: its read error is reported on its row as usual.
    return [entry];
  } finally {
    await fh?.close();
  }
}

/** What the unwrapper would detect from the file's first lines; undefined when the head holds too few to tell. */
async function headWrapper(fh: FileHandle): Promise<string | undefined> {
  const buf = Buffer.allocUnsafe(HEAD_BYTES);
  const { bytesRead } = await fh.read(buf, 0, HEAD_BYTES, 0);
  const lines = buf.subarray(0, bytesRead).toString('utf8').split('\n');
  lines.pop();
  if (lines.filter((l) => l !== '').length < DETECT_LINES) return undefined;
  return detectLogWrapper(lines);
}

/** The first line start at or after `at` (the byte after the next `\n` from at - 1). */
async function lineStartFrom(fh: FileHandle, at: number): Promise<number> {
  const buf = Buffer.allocUnsafe(64 * 1024);
  for (let pos = at - 1; ; pos += buf.length) {
    const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
    if (bytesRead === 0) return Number.POSITIVE_INFINITY;
    const nl = buf.subarray(0, bytesRead).indexOf(10);
    if (nl >= 0) return pos + nl + 1;
  }
}
