// The batch driver (`analyse`): whole files into the engine — each log's rotated generations oldest first, then the
// log itself — through the tailer's own read loop (plain files) or its backfill stream (`.gz`, stdin), and its line splitter, in
// bounded batches, on a clock stepped once per file.
//
// Made of two parts so that files can later be read in worker threads (issue 18): the plan is plain data, and
// readPlannedFile reads one entry into whichever engine it is given; a worker would build its own engine from the same
// options, read its share of the plan, and its aggregates would be merged into the first.

import { existsSync, globSync, statSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { buildReport, type FileStats } from '../report/build-report.ts';
import type { Report } from '../report/report.ts';
import type { LogKind, LogLine } from '../sources/log-line.ts';
import { createLineSplitter } from '../sources/tail/line-splitter.ts';
import { isRotatedName, listRotatedFiles } from '../sources/tail/list-rotated-files.ts';
import { openLogFile } from '../sources/tail/open-log-file.ts';
import { type LineSink, readFileLines } from '../sources/tail/read-file-lines.ts';
import { splitChunks } from '../sources/tail/split-chunks.ts';
import { createUnwrapper } from '../sources/unwrap/create-unwrapper.ts';
import type { LogRole, LogWrapperOption } from '../sources/unwrap/log-wrapper.ts';
import { locateSamples } from '../state/parse-failure-samples.ts';
import { createEngine, type Engine, type EngineConfig } from './create-engine.ts';
import { EngineInputError } from './engine-input-error.ts';
import type { EngineOptions } from './engine-options.ts';

export interface PlannedFile {
  /** The file, or `-` for stdin. */
  file: string;
  /** The parser its lines go to; `both`: each line to its stream's or shape's (a container log). */
  role: LogRole;
  /** The log path its lines are given (a rotated generation's live name), as the tailer gives them. */
  path: string;
  /** A plain file's bytes [start, end), both at line starts (`analyse --jobs` splits a big file); default all of it. */
  range?: { start: number; end: number };
  /** The line number of the range's first line, for the parse-failure samples' file:line (default 1). */
  firstLine?: number;
  /** Overrides the batch's wrapper option (a chunk is told what the file's head showed). */
  wrapper?: LogWrapperOption;
}

export interface BatchOptions extends Omit<EngineOptions, 'now'> {
  maxLineBytes: number;
  /** The envelope around each line (CRI, Docker json-file, journal); `auto` detects it per file. */
  logWrapper: LogWrapperOption;
  /** What `-` reads (default process.stdin). */
  stdin?: NodeJS.ReadableStream;
}

export type BatchReadOptions = Pick<BatchOptions, 'maxLineBytes' | 'logWrapper' | 'stdin'>;

/**
 * Every file to read, once (a file named for both logs too): error logs first, so the request joiner sees each event
 * before the access line it explains.
 */
export async function planBatch(config: Pick<EngineConfig, 'logs' | 'roleOf'>): Promise<PlannedFile[]> {
  const plan: PlannedFile[] = [];
  const seen = new Set<string>();
  const add = (file: string, log: LogKind, path: string) => {
    if (seen.has(file) || (file !== STDIN && !isFile(file))) return;
    seen.add(file);
    plan.push({ file, role: config.roleOf({ log, path, text: '', offset: 0 }), path });
  };
  for (const kind of ['error', 'access'] as const) {
    for (const { path, log } of config.logs) {
      if (log !== kind) continue;
      for (const file of matchFiles(path)) {
        if (file !== STDIN && !isRotatedName(file))
          for (const older of await listRotatedFiles(file)) add(older, log, file);
        add(file, log, file);
      }
    }
  }
  return plan;
}

/**
 * Reads one planned file into the engine: a plain file through the tailer's read loop (the catch-up's reads), a
 * compressed one or stdin through the backfill's stream; each line unwrapped and routed to its parser. Returns a row per parser the
 * file fed; a read or gunzip error ends the file and is on its rows, not thrown.
 */
export async function readPlannedFile(
  engine: Engine,
  entry: PlannedFile,
  options: BatchReadOptions,
): Promise<FileStats[]> {
  const { parse } = engine.state;
  const failuresBefore = { access: parse.byPath(entry.path, 'access'), error: parse.byPath(entry.path, 'error') };
  const unwrap = createUnwrapper({
    role: entry.role,
    wrapper: entry.wrapper ?? options.logWrapper,
    maxLineLength: options.maxLineBytes,
    onFailure: (log, path, failure, offset) => parse.record(log, path, failure, offset),
  });
  let linesBefore = 0;
  // Samples another file left unlocated stay so (their offsets are not this file's).
  parse.takeUnlocated();
  const onLines = (batch: LogLine[]) => {
    // A plain rotated generation (delaycompress leaves `.1`): its lines belong to the live name.
    if (entry.file !== entry.path) for (const line of batch) line.path = entry.path;
    engine.processLines(unwrap.push(batch));
    // The report's parse-failure samples name file:line; only this reader counts the lines from the file's start.
    locateSamples(parse.takeUnlocated(), batch, linesBefore + (entry.firstLine ?? 1), entry.file);
    linesBefore += batch.length;
  };
  const log: LogKind = entry.role === 'both' ? 'error' : entry.role;
  const read =
    entry.file === STDIN || entry.file.endsWith('.gz')
      ? await readStream(entry, log, options, onLines)
      : await readPlain(entry, log, options.maxLineBytes, onLines);
  engine.processLines(unwrap.end());
  return unwrap.logs().map((kind) => ({
    path: entry.file,
    log: kind,
    state: read.error === undefined ? 'open' : 'error',
    ...(read.error !== undefined ? { error: read.error } : {}),
    offsetBytes: read.bytes,
    sizeBytes: read.bytes,
    linesRead: unwrap.lines(kind),
    rotations: 0,
    truncations: 0,
    linesLost: 0,
    parseFailures: parse.byPath(entry.path, kind) - failuresBefore[kind],
    wrapper: unwrap.wrapper() ?? 'none',
  }));
}

interface FileRead {
  bytes: number;
  error?: string;
}

async function readStream(
  entry: PlannedFile,
  log: LogKind,
  options: BatchReadOptions,
  onLines: (lines: LogLine[]) => void,
): Promise<FileRead> {
  const stream =
    entry.file === STDIN
      ? { chunks: (options.stdin ?? process.stdin) as AsyncIterable<Buffer>, close: () => {} }
      : openLogFile(entry.file);
  try {
    const { bytes } = await splitChunks(stream.chunks, {
      log,
      path: entry.file,
      maxLineBytes: options.maxLineBytes,
      onLines,
      lastLine: 'emit',
    });
    return { bytes };
  } catch (err) {
    return { bytes: 0, error: (err as Error).message };
  } finally {
    stream.close();
  }
}

/** Two of these per plain file: the tailer's reads (one read ahead while the other's lines are processed). */
const READ_BYTES = 1 << 19;

/** A plain file (or its range) through the tailer's own read loop; a last line without `\n` ends there. */
async function readPlain(
  entry: PlannedFile,
  log: LogKind,
  maxLineBytes: number,
  onLines: (lines: LogLine[]) => void,
): Promise<FileRead> {
  const counters = { linesRead: 0, bytesRead: 0, linesTruncated: 0 };
  const buffers = [Buffer.allocUnsafe(READ_BYTES), Buffer.allocUnsafe(READ_BYTES)] as const;
  const sink: LineSink = { log, path: entry.file, buffers, onLines, counters };
  const splitter = createLineSplitter({ maxLineBytes, startOffset: entry.range?.start });
  let fh: FileHandle | undefined;
  try {
    fh = await open(entry.file, 'r');
    await readFileLines(fh, splitter, sink, Number.POSITIVE_INFINITY, entry.range?.end);
    const last: LogLine[] = [];
    splitter.flush((text, offset, truncated) =>
      last.push(
        truncated ? { log, path: entry.file, text, offset, truncated } : { log, path: entry.file, text, offset },
      ),
    );
    if (last.length > 0) onLines(last);
    return { bytes: counters.bytesRead };
  } catch (err) {
    return { bytes: counters.bytesRead, error: (err as Error).message };
  } finally {
    await fh?.close();
  }
}

/** Reads every planned file and reports: `sources` has one row per file read, `error` on a file not read to its end. */
export async function readBatch(options: BatchOptions): Promise<Report> {
  // A stepped clock: a file is one instant, and traceback groups close when the clock moves on after it.
  let clockMs = Date.now();
  const engine = createEngine({ ...options, now: () => clockMs });
  const plan = await planBatch(engine.config());
  if (plan.length === 0) throw nothingToRead();
  const files: FileStats[] = [];
  for (const entry of plan) {
    files.push(...(await readPlannedFile(engine, entry, options)));
    clockMs += 1000;
    engine.tick();
  }
  clockMs += 1000;
  engine.tick();
  return buildReport(engine, files, clockMs / 1000);
}

export const STDIN = '-';

export function nothingToRead(): EngineInputError {
  return new EngineInputError(
    'nothing to read: no log file matched the logs named, --access-log/--error-log or the Apache config',
  );
}

/** A file, or the files a glob matches (sorted); none when missing. */
function matchFiles(pattern: string): string[] {
  if (pattern === STDIN) return [STDIN];
  if (/[*?[{]/.test(pattern)) return globSync(pattern).sort();
  return existsSync(pattern) ? [pattern] : [];
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
