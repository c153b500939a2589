// mod_wsgi / Apache event intelligence: ErrorRecord → WsgiEvent (classified, bounded kinds), tracebacks, joins, versions.

import type { ErrorRecord } from '../../parse/error/error-record.ts';
import { MESSAGE_TABLE } from './message-table.ts';
import { WSGI_CODE_BY_ID } from './wsgi-codes.ts';
import type { WsgiEvent } from './wsgi-event.ts';

/** Apache core / MPM / ratelimit lines worth counting (§2.5); keys are AH codes. */
export const AH_CODE_KINDS: Readonly<Record<string, string>> = {
  AH00052: 'child-crash', // child pid %ld exit signal %s (%d) (server/mpm_unix.c:416-439)
  AH00051: 'child-crash', // … possible coredump in %s
  AH00060: 'parent-crash', // seg fault or similar nasty error detected in the parent process (server/mpm_unix.c)
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
  AH00455: 'startup', // (winnt)
  AH03488: 'ratelimit-disabled', // rl: disabling: rate-limit = %s (too high?)
  AH03489: 'ratelimit-disabled', // rl: disabling burst: rate-initial-burst = %s (too high?)
  AH01456: 'ratelimit-failed', // rl: partition failed.
  AH00484: 'max-workers', // server reached MaxRequestWorkers setting (event)
  AH00161: 'max-workers', // (prefork)
  AH00286: 'max-workers', // (worker)
};

/** A compiled template: its literal length orders candidates (the most specific wording wins). */
interface CompiledTemplate {
  pattern: RegExp;
  kind: string | null;
  equivalentCode?: string;
  literal: number;
}

// printf conversions as mod_wsgi and httpd use them: %s %.*s %d %ld %u %.6f (and %% for a literal percent sign).
// Width starts at 1-9 so `0` is only ever a flag: `[-+ #0]*\d*` would trade zeros back and forth (quadratic on `%000…`).
const CONVERSION = /%%|%\.\*s|%[-+ #0]*(?:[1-9]\d*)?(?:\.\d+)?(?:l|ll|h)?[sdiuxfc]|<apr error>/g;

/** `^`-anchored prefix pattern for a template: `%s` matches anything, `%d` digits; a trailing `.` is optional. */
export function compileTemplate(text: string): RegExp {
  const body = text.endsWith('.') ? text.slice(0, -1) : text;
  let out = '^';
  let last = 0;
  for (const m of body.matchAll(CONVERSION)) {
    out += body.slice(last, m.index).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const c = m[0];
    out += c === '%%' ? '%' : /[diux]$/.test(c) ? '-?\\d+' : /f$/.test(c) ? '[\\d.]+' : '.*?';
    last = m.index + c.length;
  }
  out += body.slice(last).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(out.replace(/(?:\.\*\?)+$/, ''));
}

// Dispatch on the leading words: a message is tested only against the templates that start with the same three words
// (or, for templates with a conversion among their first three words, the same first word), so app output and
// traceback lines (first words like `Traceback`, `File`, a timestamp) are rejected by one map lookup.
interface FirstWordBucket {
  byThreeWords: Map<string, CompiledTemplate[]>;
  rest: CompiledTemplate[];
}
const BUCKETS = new Map<string, FirstWordBucket>();
// Templates that start with a conversion (`%s configured -- resuming normal operations`): tried only for Apache 2.2
// lines, which have no AH code to key on.
const LEADING_CONVERSION_TEMPLATES: CompiledTemplate[] = [];

/** The text up to the third space (or all of it), given the first space at `a`. */
function threeWords(text: string, a: number): string {
  const b = text.indexOf(' ', a + 1);
  const c = b < 0 ? -1 : text.indexOf(' ', b + 1);
  return c < 0 ? text : text.slice(0, c);
}

/** The first word, and the text up to the third space (or all of it). */
function leadingWords(text: string): [first: string, three: string] {
  const a = text.indexOf(' ');
  return a < 0 ? [text, text] : [text.slice(0, a), threeWords(text, a)];
}

for (const t of MESSAGE_TABLE) {
  const compiled: CompiledTemplate = {
    pattern: compileTemplate(t.text),
    kind: t.kind,
    literal: t.text.replace(CONVERSION, '').length,
  };
  if (t.equivalentCode !== undefined) compiled.equivalentCode = t.equivalentCode;
  const [first, three] = leadingWords(t.text);
  if (first.startsWith('%')) {
    LEADING_CONVERSION_TEMPLATES.push(compiled);
    continue;
  }
  let bucket = BUCKETS.get(first);
  if (bucket === undefined) {
    bucket = { byThreeWords: new Map(), rest: [] };
    BUCKETS.set(first, bucket);
  }
  // A template whose third word is its last needs the whole message's third word to be exactly it: key only on
  // three literal words followed by more text.
  if (three.includes('%') || three.length === t.text.length) bucket.rest.push(compiled);
  else {
    const list = bucket.byThreeWords.get(three) ?? [];
    list.push(compiled);
    bucket.byThreeWords.set(three, list);
  }
}
const byLiteral = (a: CompiledTemplate, b: CompiledTemplate) => b.literal - a.literal;
for (const bucket of BUCKETS.values()) {
  bucket.rest.sort(byLiteral);
  for (const list of bucket.byThreeWords.values()) list.sort(byLiteral);
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

// The templates the last messages matched: a log repeats its messages (a daemon's `Process 'x' has died…`, a script's
// exception), and a bucket such as `Process '%s' …` holds a dozen templates tried in turn. Bounded: cleared when full,
// and a message longer than RECENT_MAX_LENGTH (an app's line can be a MiB) is matched every time, never kept.
const RECENT_CAP = 1024;
const RECENT_MAX_LENGTH = 512;
const NO_TEMPLATE: CompiledTemplate = { pattern: /(?!)/, kind: null, literal: 0 };
const RECENT = new Map<string, CompiledTemplate>();

/**
 * The template an uncoded message (already without its `mod_wsgi (pid=N): ` prefix) matches, if any; templates that
 * start with a conversion are tried only when `leadingConversion` is set.
 */
export function matchMessageTemplate(body: string, leadingConversion = false): CompiledTemplate | undefined {
  // The first word alone rejects app output and traceback lines: no slice of three words for them.
  const a = body.indexOf(' ');
  const bucket = BUCKETS.get(a < 0 ? body : body.slice(0, a));
  if (bucket !== undefined) {
    const keep = body.length <= RECENT_MAX_LENGTH;
    const seen = keep ? RECENT.get(body) : undefined;
    if (seen !== undefined) return seen === NO_TEMPLATE ? matchLeading(body, leadingConversion) : seen;
    const found = matchBucket(bucket, body, a);
    if (keep) {
      if (RECENT.size >= RECENT_CAP) RECENT.clear();
      RECENT.set(body, found ?? NO_TEMPLATE);
    }
    if (found !== undefined) return found;
  }
  return matchLeading(body, leadingConversion);
}

function matchBucket(bucket: FirstWordBucket, body: string, firstSpace: number): CompiledTemplate | undefined {
  const keyed = firstSpace < 0 ? undefined : bucket.byThreeWords.get(threeWords(body, firstSpace));
  if (keyed !== undefined) for (const t of keyed) if (t.pattern.test(body)) return t;
  for (const t of bucket.rest) if (t.pattern.test(body)) return t;
  return undefined;
}

function matchLeading(body: string, leadingConversion: boolean): CompiledTemplate | undefined {
  if (leadingConversion) for (const t of LEADING_CONVERSION_TEMPLATES) if (t.pattern.test(body)) return t;
  return undefined;
}

/** Kind of an uncoded message: a slug, `undefined` for recognised noise, `null` when no template matches. */
export function classifyUncodedMessage(text: string): string | undefined | null {
  const t = matchMessageTemplate(stripModWsgiPrefix(text) ?? text);
  return t === undefined ? null : (t.kind ?? undefined);
}

/** The message after `mod_wsgi (pid=N…): ` or `mod_wsgi: `, or undefined when it carries neither prefix. */
function stripModWsgiPrefix(message: string): string | undefined {
  return splitModWsgiPrefix(message)?.[0];
}

/** [message after the prefix, daemon group named by a 3.x-style prefix] or undefined without the prefix. */
function splitModWsgiPrefix(message: string): [body: string, group: string | undefined] | undefined {
  if (!message.startsWith('mod_wsgi')) return undefined;
  if (message.startsWith('mod_wsgi: ')) return [message.slice(10), undefined];
  const m = PID_PREFIX.exec(message);
  return m === null ? undefined : [message.slice(m[0].length), m[1] === '' ? undefined : m[1]];
}

// Levels below info: unmatched debug/trace lines are developer verbosity, not `other` events.
const QUIET_LEVELS = /^(?:debug|trace\d)$/;

/**
 * The event a record stands for, or undefined when it is not one worth counting: bare lines, app output and
 * traceback lines (the grouper folds those), recognised info noise (`Initializing Python`, `Loading …`). A line
 * mod_wsgi wrote itself (its `mod_wsgi (pid=N): ` / `mod_wsgi: ` prefix, or a WSGI#### code) is never dropped: when no
 * template matches it is kind `other`. Apache 2.2 lines (no module, no AH code) are recognised by their text.
 */
export function classifyErrorRecord(record: ErrorRecord): WsgiEvent | undefined {
  if (!record.prefixed) return undefined;
  let kind: string | undefined;
  let code: string | undefined;
  let equivalentCode: string | undefined;
  let processGroup: string | undefined;
  let script = record.script;
  const message = record.message;
  if (record.wsgiCode !== undefined) {
    code = record.wsgiCode;
    kind = WSGI_CODE_BY_ID.get(code)?.kind ?? 'other';
  } else if (record.ahCode !== undefined && AH_CODE_KINDS[record.ahCode] !== undefined) {
    kind = AH_CODE_KINDS[record.ahCode];
  } else {
    const prefix = splitModWsgiPrefix(message);
    const stripped = prefix?.[0];
    let body = stripped ?? message;
    if (record.ahCode !== undefined) body = body.slice(record.ahCode.length + 2);
    const t = matchMessageTemplate(body, record.module === undefined);
    if (t !== undefined) {
      if (t.kind === null) return undefined;
      kind = t.kind;
      equivalentCode = t.equivalentCode;
    } else if (stripped !== undefined && !QUIET_LEVELS.test(record.level ?? '')) kind = 'other';
    processGroup = prefix?.[1];
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
  if (equivalentCode !== undefined) event.equivalentCode = equivalentCode;
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
