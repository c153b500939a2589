// Folds the one-record-per-line output of a Python exception (mw6 wsgi_logger.c:1397-1442) into one `exception` event.

import type { ErrorRecord } from '../../parse/error/error-record.ts';
import type { WsgiEvent } from './wsgi-event.ts';

export interface TracebackGrouperOptions {
  /** Traceback records absorbed per group before it is closed (bounds a runaway dump). Default 200. */
  maxLinesPerGroup?: number;
  /** Groups open at once (one per pid:tid:peer); the oldest is closed beyond it. Default 64. */
  maxOpenGroups?: number;
  /** A group with no record for this long (by log time) is closed when any later record arrives. Default 2 s. */
  idleSeconds?: number;
}

export interface TracebackGrouper {
  /** Feeds one record and its classification; returns the events that are complete now, in order. */
  push(record: ErrorRecord, event: WsgiEvent | undefined): WsgiEvent[];
  /** Closes every open group (end of input, or an idle tick of the pipeline). */
  flush(): WsgiEvent[];
  /** Whether the last record pushed went into a traceback group (its header, frames or final line) and not on its own. */
  lastAbsorbed(): boolean;
}

/** Kinds whose header line is followed by traceback records (mw6 wsgi_logger.c:1316-1384; mw4 wsgi_logger.c:628). */
const HEADER_KINDS = new Set(['exception', 'system-exit', 'background-exception']);
const TRACEBACK_START = 'Traceback (most recent call last):';
// Lines that keep a traceback going: indented frames/code/carets, blank lines, chained-exception separators.
const CONTINUATION =
  /^(?:\s|$|Traceback \(most recent call last\):|During handling of the above exception|The above exception was the direct cause)/;
// The final `module.Type: message` (or bare `Type`) line of a traceback.
const FINAL_LINE = /^([A-Za-z_][\w.]*)(?:: (.*))?$/s;
// 6.x header names the type: `WSGI0174: RuntimeError exception raised processing …`.
const HEADER_TYPE = /^(?:WSGI\d{4}: )?([A-Za-z_][\w.]*) exception raised /;

interface OpenGroup {
  header: WsgiEvent;
  lines: number;
  type?: string;
  message?: string;
  complete: boolean;
  lastTime?: number;
}

function keyOf(record: ErrorRecord): string {
  if (!record.prefixed) return 'bare';
  const peer = record.peer === undefined ? '' : `${record.peer.ip}:${record.peer.port ?? ''}`;
  return `${record.pid ?? ''}:${record.tid ?? ''}:${peer}`;
}

function headerFromRecord(record: ErrorRecord): WsgiEvent {
  const event: WsgiEvent = { kind: 'exception', level: record.level ?? 'error', message: record.message };
  if (record.timeSeconds !== undefined) event.timeSeconds = record.timeSeconds;
  if (record.pid !== undefined) event.pid = record.pid;
  if (record.tid !== undefined) event.tid = record.tid;
  if (record.peer !== undefined) event.peer = { kind: record.peerKind ?? 'client', ...record.peer };
  if (record.script !== undefined) event.script = record.script;
  if (record.requestLogId !== undefined) event.requestLogId = record.requestLogId;
  return event;
}

function closeGroup(group: OpenGroup): WsgiEvent {
  const type = group.type ?? HEADER_TYPE.exec(group.header.message)?.[1] ?? 'unknown';
  return { ...group.header, exception: { type, message: group.message ?? '', lines: group.lines } };
}

/**
 * A small pure state machine: a header event (WSGI0174, 4.x `Exception occurred …`) or a bare `Traceback …` record
 * opens a group per pid:tid:peer; following unclassified records of the same key are absorbed; the last
 * `Type: message` line names the exception. Works when only the final line follows the header (6.x, Python 3.11).
 * A group closes on the next non-traceback record of its key, on any classified record of its key, after idleSeconds,
 * at the line cap, or on flush(). Other events pass straight through.
 */
export function createTracebackGrouper(options: TracebackGrouperOptions = {}): TracebackGrouper {
  const maxLines = options.maxLinesPerGroup ?? 200;
  const maxOpen = options.maxOpenGroups ?? 64;
  const idleSeconds = options.idleSeconds ?? 2;
  const open = new Map<string, OpenGroup>();

  const closeKey = (key: string, out: WsgiEvent[]) => {
    const group = open.get(key);
    if (group === undefined) return;
    open.delete(key);
    out.push(closeGroup(group));
  };

  const openGroup = (key: string, header: WsgiEvent, out: WsgiEvent[]) => {
    if (open.size >= maxOpen) closeKey(open.keys().next().value as string, out);
    open.set(key, { header, lines: 0, complete: false, lastTime: header.timeSeconds });
  };

  let absorbed = false;
  const push = (record: ErrorRecord, event: WsgiEvent | undefined): WsgiEvent[] => {
    const out: WsgiEvent[] = [];
    absorbed = false;
    const now = record.timeSeconds;
    if (now !== undefined && open.size > 0) {
      for (const [key, group] of open) {
        if (group.lastTime !== undefined && now - group.lastTime > idleSeconds) closeKey(key, out);
      }
    }
    const key = keyOf(record);
    const group = open.get(key);
    if (event !== undefined) {
      if (group !== undefined) closeKey(key, out);
      if (HEADER_KINDS.has(event.kind)) openGroup(key, event, out);
      else out.push(event);
      return out;
    }
    const text = record.message;
    if (group !== undefined) {
      if (group.complete && !CONTINUATION.test(text)) {
        closeKey(key, out);
      } else {
        absorbed = true;
        group.lines++;
        if (now !== undefined) group.lastTime = now;
        if (CONTINUATION.test(text)) {
          group.complete = false;
        } else {
          const final = FINAL_LINE.exec(text);
          group.type = final === null ? undefined : final[1];
          group.message = final === null ? text : (final[2] ?? '');
          group.complete = true;
        }
        if (group.lines >= maxLines) closeKey(key, out);
        return out;
      }
    }
    // No header seen (app printed a traceback, raw stderr, or the header line was lost): the start opens a group.
    if (text === TRACEBACK_START) {
      openGroup(key, headerFromRecord(record), out);
      const opened = open.get(key);
      if (opened !== undefined) opened.lines = 1;
      absorbed = true;
    }
    return out;
  };

  const flush = (): WsgiEvent[] => {
    const out: WsgiEvent[] = [];
    for (const key of [...open.keys()]) closeKey(key, out);
    return out;
  };

  return { push, flush, lastAbsorbed: () => absorbed };
}
