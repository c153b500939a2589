// ErrorLogFormat (httpd docs core.xml, server/log.c do_errorlog_format) → a matcher that yields ErrorRecords.

import { UserError } from '../../user-error.ts';
import { createParseFailure, type ParseFailure } from '../parse-failure.ts';
import type { ErrorRecord } from './error-record.ts';
import { extractMessageTags } from './extract-message-tags.ts';
import { createBareRecord, parseErrorLine, parsePeerAddress } from './parse-error-line.ts';
import {
  compileStrftimeTime,
  type ErrorLogTimeOptions,
  parseErrorLogTime,
  type StrftimeTime,
} from './parse-error-log-time.ts';

export interface CompiledErrorLogFormat {
  /** The format as configured; undefined for the built-in default. */
  source?: string;
  parse(line: string): ErrorRecord | ParseFailure;
}

/** An item the format uses that httpd 2.4 does not know (or a malformed one), with its 0-based column. */
export class ErrorLogFormatError extends UserError {
  readonly item: string;
  readonly column: number;
  constructor(item: string, column: number, why = 'unknown ErrorLogFormat item') {
    super(`${why} ${item} at column ${column + 1}`);
    this.name = 'ErrorLogFormatError';
    this.item = item;
    this.column = column;
  }
}

interface FormatItem {
  type: 'item';
  /** As written without modifiers, e.g. `%{cu}t`, `%M`, `%{Referer}i`. */
  key: string;
  letter: string;
  arg?: string;
  /** As written, modifiers included (`%+M`), and its 0-based column: for error messages. */
  written: string;
  column: number;
  /** `%{%…}t`: the strftime spec compiled, when every conversion in it is known. */
  strftime?: StrftimeTime;
}
interface FormatLiteral {
  type: 'literal';
  text: string;
}
type FormatPart = FormatItem | FormatLiteral;
/** A whitespace-delimited field: dropped as a whole by httpd when one of its items yields nothing. */
type FormatField = FormatPart[];

const LETTERS_WITH_ARG = new Set(['a', 'e', 'i', 'L', 'n', 'T', 't']);
const LETTERS = new Set(['a', 'A', 'e', 'E', 'F', 'i', 'k', 'l', 'L', 'm', 'M', 'n', 'P', 'T', 't', 'v', 'V']);
const LEVEL = '(?:emerg|alert|crit|error|warn|notice|info|debug|trace[1-8])';
const ZONE = '(?: [+-]\\d{2}:?\\d{2})?';

/**
 * Items per format this parser compiles (real formats have about 10). Beyond a few thousand V8 refuses the regex
 * ("Too many captures", "Stack overflow") and compiling slows quadratically (found by the fuzz suite).
 */
const MAX_ITEMS = 1024;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Splits the format into fields of literals and items (server/log.c parse_errorlog_string). */
function tokenizeErrorLogFormat(format: string): FormatField[] {
  const fields: FormatField[] = [[]];
  let literal = '';
  const flushLiteral = () => {
    if (literal !== '') fields[fields.length - 1].push({ type: 'literal', text: literal });
    literal = '';
  };
  const newField = () => {
    flushLiteral();
    fields.push([]);
  };
  let items = 0;
  let i = 0;
  while (i < format.length) {
    const c = format[i];
    if (c === '\\' && i + 1 < format.length) {
      const next = format[i + 1];
      literal += next === 'n' ? '\n' : next === 't' ? '\t' : next; // `\ ` is a non-delimiting space
      i += 2;
      continue;
    }
    if (c === ' ') {
      newField(); // an unescaped space starts a new field, and belongs to it
      literal = ' ';
      i++;
      continue;
    }
    if (c !== '%') {
      literal += c;
      i++;
      continue;
    }
    const start = i;
    i++;
    if (format[i] === '%') {
      literal += '%';
      i++;
      continue;
    }
    if (format[i] === ' ') {
      newField(); // `% `: zero-width field delimiter
      i++;
      continue;
    }
    // Modifiers: `-` (log `-` when empty), `+` (drop the line when empty), 1–15 minimum severity.
    while (i < format.length && /[-+0-9]/.test(format[i])) i++;
    let arg: string | undefined;
    if (format[i] === '{') {
      const close = format.indexOf('}', i);
      if (close < 0) throw new ErrorLogFormatError(format.slice(start), start, 'unterminated');
      arg = format.slice(i + 1, close);
      i = close + 1;
    }
    const letter = format[i];
    if (letter === undefined || !LETTERS.has(letter) || (arg !== undefined && !LETTERS_WITH_ARG.has(letter))) {
      throw new ErrorLogFormatError(format.slice(start, i + 1), start);
    }
    i++;
    if (++items > MAX_ITEMS) {
      throw new ErrorLogFormatError(format.slice(start, i), start, `more than ${MAX_ITEMS} ErrorLogFormat items:`);
    }
    flushLiteral();
    fields[fields.length - 1].push({
      type: 'item',
      key: arg === undefined ? `%${letter}` : `%{${arg}}${letter}`,
      letter,
      arg,
      written: format.slice(start, i),
      column: start,
      ...(letter === 't' && arg?.startsWith('%') ? { strftime: compileStrftimeTime(arg) } : {}),
    });
  }
  flushLiteral();
  return fields.filter((f) => f.length > 0);
}

/** Regex for an item's value, given the character that follows it (or undefined at the end). */
function itemPattern(item: FormatItem, next: string | undefined): string {
  const stop = next === undefined ? '' : escapeRegExp(next);
  const generic = next === undefined ? '.+' : `[^${stop}]+`;
  switch (item.letter) {
    case 't': {
      const opts = item.arg ?? '';
      // %{%format}t: strftime (server/log.c log_ctime); opaque when it uses a conversion we do not know.
      if (opts.startsWith('%')) return item.strftime?.pattern ?? generic;
      // Flags: u µs, m ms (httpd 2.4.71 on Debian: `%{m}t` → `05:58:14.553`; u wins over m), c compact, z zone.
      const usec = opts.includes('u') ? '\\.\\d{6}' : opts.includes('m') ? '\\.\\d{3}' : '';
      const zone = opts.includes('z') ? ZONE : '';
      return opts.includes('c')
        ? `\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}${usec}${zone}`
        : `[A-Z][a-z]{2} [A-Z][a-z]{2} [ \\d]\\d \\d{2}:\\d{2}:\\d{2}${usec} \\d{4}${zone}`;
    }
    case 'l':
      return `(?:${LEVEL}|-)`;
    case 'P':
    case 'T':
    case 'k':
      return '(?:\\d+|-)';
    case 'F':
      return '(?:[^\\s:()]+\\(\\d+\\)|-)'; // file(line) of the log call
    case 'E':
      return `(?:\\([^)]*\\)${next === undefined ? '.*' : `[^${stop}]*`}|-)`;
    default:
      return generic;
  }
}

interface FieldPlan {
  pattern: string;
  items: FormatItem[];
  /** Leading literal text, used to locate suffix fields from the end. */
  lead: string;
}

let atomicGroups = 0;

function planField(field: FormatField, followingChar: string | undefined): FieldPlan {
  let pattern = '';
  const items: FormatItem[] = [];
  let lead = '';
  field.forEach((part, index) => {
    if (part.type === 'literal') {
      pattern += escapeRegExp(part.text);
      if (items.length === 0) lead += part.text;
      return;
    }
    const after = field[index + 1];
    const next = after?.type === 'literal' ? after.text[0] : after === undefined ? followingChar : undefined;
    // Two items with no separator (`%v%m`) cannot be split reliably anyway; an atomic group — `(?=(x))\N`, JS has no
    // possessive quantifiers — keeps the regex from trying every split point (O(n^k) on long lines).
    const name = `a${++atomicGroups}`; // named, so the backreference holds wherever the field lands in the regex
    pattern +=
      after?.type === 'item'
        ? `(?=(?<${name}>${itemPattern(part, next)}))\\k<${name}>`
        : `(${itemPattern(part, next)})`;
    items.push(part);
  });
  return { pattern, items, lead };
}

const firstChar = (field: FormatField | undefined): string | undefined => {
  const part = field?.[0];
  return part?.type === 'literal' ? part.text[0] : undefined;
};

function assignItem(
  record: ErrorRecord,
  item: FormatItem,
  value: string,
  options: ErrorLogTimeOptions,
  timeItem: FormatItem | undefined,
): boolean {
  if (value === '-' && item.letter !== 'M') return true;
  switch (item.key) {
    case '%l':
      record.level = value;
      return true;
    case '%m':
      record.module = value;
      return true;
    case '%P':
      record.pid = Number(value);
      return true;
    case '%T':
    case '%{g}T':
      record.tid = Number(value);
      return true;
    case '%a': {
      record.peerKind = 'client';
      record.peer = parsePeerAddress(value);
      return true;
    }
    case '%E': {
      const m = /^\(([^)]*)\)(.*)$/.exec(value);
      if (m !== null) record.aprStatus = { errno: m[1], text: m[2] };
      return true;
    }
    case '%L':
      record.requestLogId = value;
      return true;
    case '%{Referer}i':
      record.referer = extractMessageTags(value).message;
      return true;
  }
  if (item === timeItem) {
    const t = item.strftime !== undefined ? item.strftime.parse(value, options) : parseErrorLogTime(value, options);
    if (t === undefined) return false;
    record.timeSeconds = t;
    return true;
  }
  record.extra ??= {};
  record.extra[item.key] = extractMessageTags(value).message;
  return true;
}

/**
 * The `%t` item that gives the record its time: the most precise one with flags (µs, then ms, then seconds), else the
 * first strftime one that names a full date and time. Other `%t` items are kept in `extra`.
 */
function pickTimeItem(fields: FormatField[]): FormatItem | undefined {
  const times = fields.flat().filter((p): p is FormatItem => p.type === 'item' && p.letter === 't');
  const rank = (t: FormatItem) => (t.arg?.includes('u') ? 3 : t.arg?.includes('m') ? 2 : 1);
  const flagged = times.filter((t) => !(t.arg ?? '').startsWith('%'));
  if (flagged.length > 0) return flagged.reduce((best, t) => (rank(t) > rank(best) ? t : best));
  return times.find((t) => t.strftime?.complete === true);
}

/**
 * Compiles an ErrorLogFormat into a parser; undefined = Apache 2.4's built-in default (parseErrorLine).
 * Items that log nothing drop their whole field, so every field is optional; the message (`%M`) is split from the
 * fields after it by searching those fields' leading literals from the end (linear time, no backtracking blow-up).
 * Lines that do not match are kept as bare records (`prefixed: false`), as httpd writes some lines without the format.
 */
export function compileErrorLogFormat(format?: string, options: ErrorLogTimeOptions = {}): CompiledErrorLogFormat {
  if (format === undefined) return { parse: (line) => parseErrorLine(line, options) };
  const fields = tokenizeErrorLogFormat(format);
  const messageField = fields.findIndex((f) => f.some((p) => p.type === 'item' && p.letter === 'M'));
  const before = messageField < 0 ? fields : fields.slice(0, messageField);
  const after = messageField < 0 ? [] : fields.slice(messageField + 1);
  const prefixPlans = before.map((f, i) => planField(f, firstChar(before[i + 1] ?? fields[messageField])));
  // Inside the %M field: literals before %M join the prefix, literals after it join the suffix.
  let messageLead = '';
  let messageTail = '';
  if (messageField >= 0) {
    const f = fields[messageField];
    const at = f.findIndex((p) => p.type === 'item' && p.letter === 'M');
    const message = f[at] as FormatItem;
    for (const p of f.slice(0, at)) if (p.type === 'literal') messageLead += p.text;
    for (const p of f.slice(at + 1)) if (p.type === 'literal') messageTail += p.text;
    if (f.some((p, i) => p.type === 'item' && i !== at)) {
      // the column of the %M as written: `format.indexOf('%M')` missed `%+M` (found by the fuzz suite)
      throw new ErrorLogFormatError(message.written, message.column, 'items sharing a field with');
    }
  }
  const suffixPlans = after.map((f, i) => planField(f, firstChar(after[i + 1])));
  const timeItem = pickTimeItem(fields);
  const prefixItems = prefixPlans.flatMap((p) => p.items);
  // The first field is mandatory (it is the time in every sensible format): a line that does not start with it is bare.
  const prefixRe = new RegExp(
    `^${prefixPlans.map((p, i) => (i === 0 ? p.pattern : `(?:${p.pattern})?`)).join('')}${escapeRegExp(messageLead)}`,
  );
  const suffixItems = suffixPlans.flatMap((p) => p.items);
  const suffixRe = new RegExp(`^${escapeRegExp(messageTail)}${suffixPlans.map((p) => `(?:${p.pattern})?`).join('')}$`);
  const suffixLeads = suffixPlans.map((p) => p.lead).filter((lead) => lead !== '');

  const parse = (line: string): ErrorRecord | ParseFailure => {
    if (line.length === 0) return createParseFailure('empty', line);
    const m = prefixRe.exec(line);
    if (m === null) return createBareRecord(line);
    const record: ErrorRecord = { ok: true, prefixed: true, message: '' };
    for (let i = 0; i < prefixItems.length; i++) {
      const value = m[i + 1];
      if (value !== undefined && !assignItem(record, prefixItems[i], value, options, timeItem)) {
        return createParseFailure('bad_timestamp', line);
      }
    }
    let rest = line.slice(m[0].length);
    if (messageField < 0) return record;
    // Find where the suffix starts: the last occurrence of a suffix field's leading literal that lets it match.
    let suffix: RegExpExecArray | null = null;
    for (const lead of [messageTail, ...suffixLeads]) {
      if (lead === '') continue;
      const at = rest.lastIndexOf(lead);
      if (at < 0) continue;
      suffix = suffixRe.exec(rest.slice(at));
      if (suffix !== null) {
        rest = rest.slice(0, at);
        break;
      }
    }
    if (suffix !== null) {
      for (let i = 0; i < suffixItems.length; i++) {
        const value = suffix[i + 1];
        if (value !== undefined) assignItem(record, suffixItems[i], value, options, timeItem);
      }
    }
    const tags = extractMessageTags(rest);
    record.message = tags.message;
    if (tags.ahCode !== undefined) record.ahCode = tags.ahCode;
    if (tags.wsgiCode !== undefined) record.wsgiCode = tags.wsgiCode;
    if (tags.script !== undefined) record.script = tags.script;
    return record;
  };
  return { source: format, parse };
}
