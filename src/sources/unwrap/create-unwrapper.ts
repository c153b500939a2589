// One file's lines, unwrapped: detects (or is told) the wrapper, joins partial lines per stream, and routes each line
// to the access or the error parser. Stateful per file (partial lines wait for their end across batches); pure
// otherwise: no I/O, failures go to a callback, nothing is thrown or dropped.

import type { LogKind, LogLine } from '../log-line.ts';
import { DETECT_LINES, detectLogWrapper } from './detect-log-wrapper.ts';
import type { LogRole, LogStream, LogWrapper, LogWrapperOption, UnwrapFailure, UnwrapResult } from './log-wrapper.ts';
import { unwrapCriLine } from './unwrap-cri-line.ts';
import { unwrapDockerLine } from './unwrap-docker-line.ts';
import { unwrapJournalLine } from './unwrap-journal-line.ts';

export interface UnwrapperOptions {
  /** The role the file was named with; `both` when it holds both of Apache's logs. */
  role: LogRole;
  wrapper?: LogWrapperOption;
  /** The line cap: a joined partial line is cut there (and marked truncated), as the reader cuts a long line. */
  maxLineLength: number;
  /** A line the wrapper rejects; `log` is the role (`error` for a `both` file); `offset`: the line's, in its file. */
  onFailure: (log: LogKind, path: string, failure: UnwrapFailure, offset: number) => void;
}

export interface Unwrapper {
  /** The unwrapped lines of this batch (a `none` file's batch comes back as is, its lines re-routed in place). */
  push(lines: LogLine[]): LogLine[];
  /** At the end of the input: partial lines still waiting, emitted as they are. */
  end(): LogLine[];
  /** The wrapper in use; undefined while an `auto` file has shown no non-empty line. */
  wrapper(): LogWrapper | undefined;
  /** Lines routed to each parser, a rejected wrapper line included (so it counts as the unwrapped file's line would). */
  lines(log: LogKind): number;
  /** The parsers this file is a source for, error first: its role's (or both), and the other one if it got lines. */
  logs(): LogKind[];
}

interface Pending {
  parts: string[];
  length: number;
  offset: number;
  path: string;
  truncated: boolean;
}

const LEFT_BRACKET = 91;
const HOLD_LIMIT = 4096;

/**
 * Which parser an unwrapped line goes to. A container writes Apache's access log to stdout and its error log to
 * stderr (the official httpd image: `CustomLog /proc/self/fd/1`, `ErrorLog /proc/self/fd/2`); without a stream the
 * file's role decides, and a `both` file goes by the line's shape: an error line starts with `[` (its time or module).
 */
export function routeUnwrappedLine(role: LogRole, stream: LogStream | undefined, text: string): LogKind {
  if (stream !== undefined) return stream === 'stderr' ? 'error' : 'access';
  if (role !== 'both') return role;
  return text.charCodeAt(0) === LEFT_BRACKET ? 'error' : 'access';
}

export function createUnwrapper(options: UnwrapperOptions): Unwrapper {
  const role = options.role;
  const failureLog: LogKind = role === 'both' ? 'error' : role;
  let wrapper: LogWrapper | undefined =
    options.wrapper === 'auto' || options.wrapper === undefined ? undefined : options.wrapper;
  /** Lines of an `auto` file held until a non-empty one decides its wrapper. */
  let held: LogLine[] = [];
  const pending = new Map<LogStream | undefined, Pending>();
  const counts = { access: 0, error: 0 };
  let journalPrefix: number | undefined;

  function emit(out: LogLine[], line: LogLine): void {
    counts[line.log]++;
    out.push(line);
  }

  function fail(source: LogLine, failure: UnwrapFailure): void {
    counts[failureLog]++;
    options.onFailure(failureLog, source.path, failure, source.offset);
  }

  function take(out: LogLine[], source: LogLine, result: UnwrapResult): void {
    if (!result.ok) {
      fail(source, result);
      return;
    }
    const waiting = pending.get(result.stream);
    if (!result.partial && waiting === undefined) {
      const truncated = source.truncated === true || result.text.length > options.maxLineLength;
      const text = truncated ? result.text.slice(0, options.maxLineLength) : result.text;
      emit(out, unwrappedLine(role, result.stream, source, text, truncated));
      return;
    }
    const p = waiting ?? { parts: [], length: 0, offset: source.offset, path: source.path, truncated: false };
    if (waiting === undefined) pending.set(result.stream, p);
    appendCapped(p, result.text, options.maxLineLength);
    if (source.truncated === true) p.truncated = true;
    if (!result.partial) {
      pending.delete(result.stream);
      emit(out, joinedLine(role, result.stream, p));
    }
  }

  function unwrapBatch(lines: LogLine[]): LogLine[] {
    if (wrapper === 'none') return routePlainLines(lines, role, counts);
    const out: LogLine[] = [];
    for (const line of lines) {
      if (wrapper === 'cri') take(out, line, unwrapCriLine(line.text));
      else if (wrapper === 'docker') take(out, line, unwrapDockerLine(line.text));
      else {
        const j = unwrapJournalLine(line.text, journalPrefix);
        journalPrefix = j.prefixLength ?? journalPrefix;
        if (j.results.length === 0) continue;
        for (const r of j.results) take(out, line, r);
      }
    }
    return out;
  }

  return {
    push(lines) {
      if (wrapper === undefined) {
        held = held.length === 0 ? lines : [...held, ...lines];
        const texts = firstTexts(held, DETECT_LINES);
        // A file of only empty lines so far: wait, but not without bound.
        if (texts.length === 0 && held.length < HOLD_LIMIT) return [];
        wrapper = detectLogWrapper(texts);
        const ready = held;
        held = [];
        return unwrapBatch(ready);
      }
      return unwrapBatch(lines);
    },
    end() {
      let out: LogLine[] = [];
      if (wrapper === undefined) {
        wrapper = 'none';
        out = unwrapBatch(held);
      }
      held = [];
      for (const [stream, p] of pending) emit(out, joinedLine(role, stream, p));
      pending.clear();
      return out;
    },
    wrapper: () => wrapper,
    lines: (log) => counts[log],
    logs: () => (['error', 'access'] as const).filter((log) => role === log || role === 'both' || counts[log] > 0),
  };
}

/** A line as the parsers get it, at the file position `at` of the wrapper line it came from (its first, if joined). */
function unwrappedLine(
  role: LogRole,
  stream: LogStream | undefined,
  at: { path: string; offset: number },
  text: string,
  truncated: boolean,
): LogLine {
  const log = routeUnwrappedLine(role, stream, text);
  const line: LogLine = { log, path: at.path, text, offset: at.offset };
  if (truncated) line.truncated = true;
  return line;
}

function joinedLine(role: LogRole, stream: LogStream | undefined, p: Pending): LogLine {
  return unwrappedLine(role, stream, p, p.parts.join(''), p.truncated);
}

/** Adds a partial line's piece. Past the cap the rest is dropped as the reader drops a long line's tail. */
function appendCapped(p: Pending, text: string, maxLineLength: number): void {
  const room = maxLineLength - p.length;
  if (text.length > room) p.truncated = true;
  if (room > 0) {
    const part = text.length > room ? text.slice(0, room) : text;
    p.parts.push(part);
    p.length += part.length;
  }
}

/** An unwrapped (`none`) batch, each line routed in place and counted. */
function routePlainLines(lines: LogLine[], role: LogRole, counts: Record<LogKind, number>): LogLine[] {
  // The hot path of every plain log: a named role leaves the lines as they are (the reader set their log).
  if (role !== 'both' && (lines.length === 0 || lines[0].log === role)) {
    counts[role] += lines.length;
    return lines;
  }
  for (const line of lines) {
    const log = role === 'both' ? routeUnwrappedLine(role, undefined, line.text) : role;
    line.log = log;
    counts[log]++;
  }
  return lines;
}

/** The first `max` non-empty texts: what wrapper detection looks at. */
function firstTexts(lines: LogLine[], max: number): string[] {
  const texts: string[] = [];
  for (const l of lines) {
    if (l.text !== '') texts.push(l.text);
    if (texts.length >= max) break;
  }
  return texts;
}
