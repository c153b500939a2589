// mod_wsgi / Apache event intelligence: ErrorRecord → WsgiEvent (classified, bounded kinds), tracebacks, joins, versions.

import type { ErrorRecord } from '../../parse/error/error-record.ts';
import { WSGI_CODE_BY_ID } from './wsgi-codes.ts';
import type { WsgiEvent } from './wsgi-event.ts';

/** Apache core / MPM / ratelimit lines worth counting (§2.5); keys are AH codes. */
export const AH_CODE_KINDS: Readonly<Record<string, string>> = {
  AH00052: 'child-crash', // child pid %ld exit signal %s (%d) (server/mpm_unix.c:416-439)
  AH00051: 'child-crash', // … possible coredump in %s
  AH00050: 'child-fatal',
  AH00045: 'child-stuck',
  AH00046: 'child-stuck',
  AH00047: 'child-stuck',
  AH00493: 'restart', // SIGUSR1 received.  Doing graceful restart (event)
  AH00171: 'restart', // Graceful restart requested (prefork)
  AH00297: 'restart', // (worker)
  AH00494: 'restart', // SIGHUP received.  Attempting to restart (event)
  AH00173: 'restart',
  AH00298: 'restart',
  AH00491: 'stop', // caught SIGTERM, shutting down
  AH00169: 'stop',
  AH00295: 'stop',
  AH00492: 'stop', // caught SIGWINCH, shutting down gracefully
  AH00170: 'stop',
  AH00296: 'stop',
  AH00489: 'startup', // %s configured -- resuming normal operations (event)
  AH00163: 'startup', // (prefork)
  AH00292: 'startup', // (worker)
  AH03488: 'ratelimit-disabled', // rl: disabling: rate-limit = %s (too high?)
  AH03489: 'ratelimit-disabled', // rl: disabling burst: rate-initial-burst = %s (too high?)
  AH01456: 'ratelimit-failed', // rl: partition failed.
  AH00484: 'max-workers', // server reached MaxRequestWorkers setting (event)
  AH00161: 'max-workers', // (prefork)
  AH00286: 'max-workers', // (worker)
};

/**
 * Uncoded mod_wsgi messages (4.x/5.x, and 6.x info lines, which carry no ID), matched after the `mod_wsgi (pid=N): `
 * prefix is removed (§1.4, §7). Each rule lists the first words its messages start with, so a line is tested only
 * against the few rules of its first word (app output and traceback lines skip them all). Kind `undefined` =
 * recognised lifecycle noise that is not counted.
 */
export const UNCODED_MESSAGE_RULES: ReadonlyArray<readonly [readonly string[], RegExp, string | undefined]> = [
  [['Starting'], /^Starting (?:daemon )?process '/, 'daemon-start'],
  [['Process'], /^Process '[^']*' (?:\(pid=\d+\) )?has died[,;] /, 'daemon-died'],
  [['Process'], /^Process '[^']*' (?:\(pid=\d+\) )?terminated by signal \d+/, 'daemon-signal'],
  [['Process'], /^Process '[^']*' (?:\(pid=\d+\) )?terminated normally, exit code /, 'daemon-exit'],
  [['Daemon'], /^Daemon process request time limit exceeded/, 'request-time-limit'],
  [['Daemon'], /^Daemon process deadlock timer expired/, 'deadlock-timeout'],
  [['Daemon'], /^Daemon process idle inactivity timer expired/, 'inactivity-timeout'],
  [['Application'], /^Application startup timer expired/, 'startup-timeout'],
  [['Application'], /^Application restart timer expired/, 'restart-interval'],
  [['Maximum'], /^Maximum requests reached/, 'maximum-requests'],
  [['Maximum'], /^Maximum number of WSGI daemon process restart connects/, 'connect-failed'],
  [['Exceeded'], /^Exceeded CPU time limit/, 'cpu-time-limit'],
  [['Aborting', 'Shutdown'], /^Aborting process '|^Shutdown timeout expired/, 'shutdown-timeout'],
  [['Force', 'Forcing'], /^Force restart of process|^Forcing restart of daemon process/, 'script-reload'],
  [['Injected', 'Request'], /^Injected RequestTimeout|^Request interrupted by RequestTimeout/, 'request-interrupted'],
  [
    ['Shutdown', 'Stopping', 'Exiting', 'Process', 'Deregistering'],
    /^Shutdown requested|^Stopping process '|^Exiting (?:daemon )?process '|^Process '[^']*' to be deregistered, as server is restarting|^Deregistering daemon process/,
    'daemon-stop',
  ],
  [['Timeout'], /^Timeout when reading response headers from daemon process /, 'header-timeout'],
  [['Truncated'], /^Truncated or oversized response headers received from daemon process /, 'truncated-headers'],
  [['Malformed'], /^Malformed header '/, 'malformed-header'],
  [['Queue'], /^Queue timeout expired for WSGI daemon process /, 'queue-timeout'],
  [['Unable'], /^Unable to connect to WSGI daemon process /, 'connect-failed'],
  [['Failed'], /^Failed to proxy response (?:to client|from daemon)/, 'proxy-failed'],
  [['Embedded'], /^Embedded mode of mod_wsgi disabled /, 'embedded-disabled'],
  [['Exception'], /^Exception occurred processing WSGI script /, 'exception'],
  [['SystemExit'], /^SystemExit exception raised by WSGI script /, 'system-exit'],
  [
    ['Could', 'Failed', 'Target'],
    /^Could not read\/compile source file |^Failed to exec Python script file |^Target WSGI script '[^']*' does not contain WSGI application /,
    'script-load-failed',
  ],
  [['Python', 'Unable'], /^Python initiali[sz]ation failed|^Unable to initiali[sz]e Python/, 'python-init-failed'],
  // Recognised lifecycle noise (not counted): the companion lines of start, restart and stack dumps.
  [
    [
      'Process',
      'Initializing',
      'Initialising',
      'Attach',
      'Attaching',
      'Loading',
      'Dumping',
      'Thread',
      'Create',
      'Destroy',
    ],
    /^Process '[^']*' (?:\(pid=\d+\) )?has been deregistered|^Initiali[sz]ing Python|^Attach(?:ing to)? |^Loading |^Dumping stack trace|^Thread \S+ executing file|^Create interpreter|^Destroy(?:ing)? interpreter/,
    undefined,
  ],
];

const RULES_BY_FIRST_WORD = new Map<string, Array<readonly [RegExp, string | undefined]>>();
for (const [words, pattern, kind] of UNCODED_MESSAGE_RULES) {
  for (const word of words) {
    const list = RULES_BY_FIRST_WORD.get(word) ?? [];
    list.push([pattern, kind]);
    RULES_BY_FIRST_WORD.set(word, list);
  }
}

// ≤ 5.x prefix (§7 WSGI_PIDPFX): `mod_wsgi (pid=N): ` or `mod_wsgi (pid=N, process='G', application='A'): `.
const PID_PREFIX = /^mod_wsgi \(pid=\d+(?:, process='([^']*)', application='[^']*')?\): /;
// Daemon group named in the message: `daemon process 'G'`, `Process 'G'`, `Shutdown requested 'G'`, … (§1.4).
const PROCESS_GROUP =
  /(?:[Pp]rocess(?: called| group)?|requested|shutdown|complete|restart connects reached) '([^']*)'/;
// 4.x wsgi_log_script_error(): `message: /path/to/script` (mw4 mod_wsgi.c:954-964).
const SCRIPT_TAIL = /(?:'|configuration): (\/[^']*)$/;
const EXCEPTION_SCRIPT = /WSGI script '([^']*)'/;

const MESSAGE_CAP = 1000;

/** Kind of an uncoded wsgi message: a slug, `undefined` for recognised noise, `null` when not recognised. */
export function classifyUncodedMessage(text: string): string | undefined | null {
  const body = text.startsWith('mod_wsgi (pid=') ? text.replace(PID_PREFIX, '') : text;
  const space = body.indexOf(' ');
  const rules = RULES_BY_FIRST_WORD.get(space < 0 ? body : body.slice(0, space));
  if (rules === undefined) return null;
  for (const [pattern, kind] of rules) if (pattern.test(body)) return kind;
  return null;
}

/**
 * The event a record stands for, or undefined when it is not one worth counting: bare lines, app output and
 * traceback lines (the grouper folds those), uncoded info noise (`Initializing Python`, `Loading …`, `… deregistered`).
 * Lifecycle lines that matter (daemon start/stop/died, restarts) are events with their own kind.
 */
export function classifyErrorRecord(record: ErrorRecord): WsgiEvent | undefined {
  if (!record.prefixed) return undefined;
  let kind: string | undefined;
  let code: string | undefined;
  let processGroup: string | undefined;
  let script = record.script;
  const message = record.message;
  if (record.wsgiCode !== undefined) {
    code = record.wsgiCode;
    kind = WSGI_CODE_BY_ID.get(code)?.kind ?? 'other';
  } else if (record.ahCode !== undefined) {
    kind = AH_CODE_KINDS[record.ahCode];
  } else if (record.module === 'wsgi' || record.module === undefined || record.module === '') {
    const prefix = PID_PREFIX.exec(message);
    if (prefix?.[1] !== undefined && prefix[1] !== '') processGroup = prefix[1];
    const matched = classifyUncodedMessage(message);
    kind = matched ?? undefined;
    if (kind !== undefined && script === undefined) {
      const tail = SCRIPT_TAIL.exec(message);
      if (tail !== null) script = tail[1];
      else if (kind === 'exception' || kind === 'system-exit') script = EXCEPTION_SCRIPT.exec(message)?.[1];
    }
  }
  if (kind === undefined) return undefined;
  if (processGroup === undefined && record.ahCode === undefined) processGroup = PROCESS_GROUP.exec(message)?.[1];
  const event: WsgiEvent = {
    kind,
    level: record.level ?? 'error',
    message: message.length > MESSAGE_CAP ? message.slice(0, MESSAGE_CAP) : message,
  };
  if (record.timeSeconds !== undefined) event.timeSeconds = record.timeSeconds;
  if (code !== undefined) event.code = code;
  if (record.pid !== undefined) event.pid = record.pid;
  if (record.tid !== undefined) event.tid = record.tid;
  if (record.peer !== undefined) {
    event.peer = { kind: record.peerKind ?? 'client', ip: record.peer.ip };
    if (record.peer.port !== undefined) event.peer.port = record.peer.port;
  }
  if (processGroup !== undefined) event.processGroup = processGroup;
  if (script !== undefined) event.script = script;
  if (record.requestLogId !== undefined) event.requestLogId = record.requestLogId;
  return event;
}
