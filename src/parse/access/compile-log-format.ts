// Access-log parsing stage: compiles an Apache LogFormat into a matcher (generated scanner, else one anchored regex) plus per-field converters → AccessRecord.

import { createParseFailure, type ParseFailure } from '../parse-failure.ts';
import type { AccessRecord } from './access-record.ts';
import { buildLineMatcher } from './build-line-matcher.ts';
import { classifyDirective, type DirectiveRole, type RecordField } from './classify-directive.ts';
import { generateRegexParser } from './generate-regex-parser.ts';
import { type FieldApply, generateScanParser, type InlineConversion } from './generate-scan-parser.ts';
import { LogFormatError } from './log-format-error.ts';
import { parseClfTimeAt } from './parse-clf-time.ts';
import { type RequestLineBounds, requestLineBounds, sliceCommon } from './split-request-line.ts';
import { type LogFormatDirective, tokenizeLogFormat } from './tokenize-log-format.ts';
import { unescapeLogItem } from './unescape-log-item.ts';

export { LogFormatError };

export interface CompiledLogFormat {
  /** The LogFormat string. */
  source: string;
  /** Directives as written, e.g. ['%h','%t','%r','%>s','%O','%D']. */
  directives: string[];
  /** What the format logs, for findings/analysis. */
  logs: {
    duration: boolean;
    responseBytes: boolean;
    bodyBytes: boolean;
    ttfb: boolean;
    rateLimit: boolean;
    rateInitialBurst: boolean;
    vhost: boolean;
    clientPort: boolean;
    connectionStatus: boolean;
    requestLogId: boolean;
  };
  parse(line: string): AccessRecord | ParseFailure;
  /** `parse(text.slice(start, end))` without the slice: the line is a range of a longer text (the tailer's read). */
  parseAt(text: string, start: number, end: number): AccessRecord | ParseFailure;
  /**
   * A parser that fills only the named text fields (and `extra` when named); numbers and times are always converted
   * and checked, so it fails on exactly the lines `parse` fails on. Texts cost an allocation per line each: the agent's
   * hot path names the few it reads. Memoized per field list.
   */
  select(fields: readonly SelectableField[]): (line: string) => AccessRecord | ParseFailure;
  /** `select(fields)` on a range of a longer text, as parseAt is to parse. */
  selectAt(fields: readonly SelectableField[]): AccessParseAt;
  /** Which matcher was built, and its regex (for diagnostics). */
  matcher?: { engine: 'scan' | 'regex'; regexSource: string };
}

export type AccessParseAt = (text: string, start: number, end: number) => AccessRecord | ParseFailure;

export interface CompileLogFormatOptions {
  /** Longer lines fail with `line_too_long` (default 1 MiB of UTF-16 units). */
  maxLineLength?: number;
  /**
   * `regex` forces the regex matcher even where the generated scanner applies; `interpreted` also skips code
   * generation (what runs under node --disallow-code-generation-from-strings). For tests and benches.
   */
  engine?: 'auto' | 'regex' | 'interpreted';
}

/** The fields `select` may leave out: texts never fail to convert, so leaving them out changes no verdict. */
export const SELECTABLE_FIELDS = [
  'clientIp',
  'vhost',
  'method',
  'urlPath',
  'query',
  'protocol',
  'requestLogId',
  'rateLimitRaw',
  'rateInitialBurstRaw',
  'referer',
  'userAgent',
  'extra',
] as const satisfies readonly (keyof AccessRecord)[];

export type SelectableField = (typeof SELECTABLE_FIELDS)[number];

const SELECTABLE = new Set<string>(SELECTABLE_FIELDS);

export const DEFAULT_MAX_LINE_LENGTH = 1024 * 1024;

/** Stores directive text s[a, b); returns a failure reason, or undefined when stored (or `-`). */
type Apply = FieldApply;

/**
 * Records are built by a constructor, not a literal: V8's slack tracking then gives instances room
 * for the fields added afterwards, so no property store is reallocated per line (measured ~10% faster).
 */
class ParsedAccessRecord {
  readonly ok = true as const;
}

/** `-`: Apache's "no value". */
const isDash = (s: string, a: number, b: number) => b - a === 1 && s.charCodeAt(a) === 45;

/** Unsigned decimal as Apache prints it, read in place; -1 when not digits (or too big to be exact). */
function digitsAt(s: string, a: number, b: number): number {
  // 16 digits: %{usec}t is 16 digits until 2286; larger than 2^53 cannot be exact
  if (b <= a || b - a > 16) return -1;
  let x = 0;
  for (let i = a; i < b; i += 1) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    x = x * 10 + d;
  }
  return x <= Number.MAX_SAFE_INTEGER ? x : -1;
}

// Each text looks for a backslash in itself (unescapeLogItem): a scan of the whole line would run past its end when the
// line is a range of a longer text (parseAt).
const text = (s: string, a: number, b: number) => unescapeLogItem(s.slice(a, b));

/** `apply`, described for the generated scanner to write out in place (generate-scan-parser.ts InlineConversion). */
function described(apply: Apply, inline: InlineConversion): Apply {
  apply.inline = inline;
  return apply;
}

/** A field the selection leaves out. */
const skip: Apply = described(() => undefined, { kind: 'skip' });

const asLogged = (value: string) => value;

function extraSetter(key: string): Apply {
  return (r, s, a, b) => {
    if (isDash(s, a, b)) return undefined;
    if (r.extra === undefined) r.extra = {};
    r.extra[key] = text(s, a, b);
    return undefined;
  };
}

function stringSetter(field: RecordField): Apply {
  const convert = field === 'requestLogId' ? asLogged : unescapeLogItem;
  return described(stringStore(field), { kind: 'text', field, convert });
}

function stringStore(field: RecordField): Apply {
  // one small closure per field so property stores stay monomorphic
  switch (field) {
    case 'clientIp':
      return (r, s, a, b) => {
        if (!isDash(s, a, b)) r.clientIp = text(s, a, b);
        return undefined;
      };
    case 'vhost':
      return (r, s, a, b) => {
        if (!isDash(s, a, b)) r.vhost = text(s, a, b);
        return undefined;
      };
    case 'method':
      return (r, s, a, b) => {
        if (!isDash(s, a, b)) r.method = text(s, a, b);
        return undefined;
      };
    case 'urlPath':
      return (r, s, a, b) => {
        if (!isDash(s, a, b)) r.urlPath = text(s, a, b);
        return undefined;
      };
    case 'query':
      // %q: `?…` or empty (mod_log_config.c log_request_query)
      return (r, s, a, b) => {
        if (!isDash(s, a, b)) r.query = text(s, a, b);
        return undefined;
      };
    case 'protocol':
      return (r, s, a, b) => {
        if (!isDash(s, a, b)) r.protocol = text(s, a, b);
        return undefined;
      };
    case 'requestLogId':
      return (r, s, a, b) => {
        if (!isDash(s, a, b)) r.requestLogId = s.slice(a, b);
        return undefined;
      };
    case 'rateLimitRaw':
      return (r, s, a, b) => {
        if (!isDash(s, a, b)) r.rateLimitRaw = text(s, a, b);
        return undefined;
      };
    case 'rateInitialBurstRaw':
      return (r, s, a, b) => {
        if (!isDash(s, a, b)) r.rateInitialBurstRaw = text(s, a, b);
        return undefined;
      };
    case 'referer':
      return (r, s, a, b) => {
        if (!isDash(s, a, b)) r.referer = text(s, a, b);
        return undefined;
      };
    case 'userAgent':
      return (r, s, a, b) => {
        if (!isDash(s, a, b)) r.userAgent = text(s, a, b);
        return undefined;
      };
    default:
      throw new Error(`not a string field: ${field}`);
  }
}

function intSetter(field: RecordField, dashZero: boolean, alsoStatus: boolean): Apply {
  const fields = field === 'originalStatus' && alsoStatus ? ['originalStatus', 'status'] : [field];
  const inline: InlineConversion = {
    kind: 'digits',
    fields,
    divisor: 1,
    dash: dashZero ? 'zero' : 'skip',
    reason: 'bad_number',
  };
  const wrap = (store: (r: AccessRecord, n: number) => void): Apply => {
    return described((r, s, a, b) => {
      if (isDash(s, a, b)) {
        // %b: `-` when no body was sent
        if (dashZero) store(r, 0);
        return undefined;
      }
      const n = digitsAt(s, a, b);
      if (n < 0) return 'bad_number';
      store(r, n);
      return undefined;
    }, inline);
  };
  switch (field) {
    case 'status':
      return wrap((r, n) => {
        r.status = n;
      });
    case 'originalStatus':
      // %s / %<s also give `status` when the format has no %>s
      return alsoStatus
        ? wrap((r, n) => {
            r.originalStatus = n;
            r.status = n;
          })
        : wrap((r, n) => {
            r.originalStatus = n;
          });
    case 'responseBytes':
      return wrap((r, n) => {
        r.responseBytes = n;
      });
    case 'bodyBytes':
      return wrap((r, n) => {
        r.bodyBytes = n;
      });
    case 'requestBytes':
      return wrap((r, n) => {
        r.requestBytes = n;
      });
    case 'clientPort':
      return wrap((r, n) => {
        r.clientPort = n;
      });
    case 'serverPort':
      return wrap((r, n) => {
        r.serverPort = n;
      });
    case 'pid':
      return wrap((r, n) => {
        r.pid = n;
      });
    default:
      throw new Error(`not an integer field: ${field}`);
  }
}

/** %D, %{us}T, %{ms}T, %T, %^FB: integer count of `divisor`ths of a second → seconds. */
function scaledSetter(field: RecordField, divisor: number): Apply {
  const inline: InlineConversion = { kind: 'digits', fields: [field], divisor, dash: 'skip', reason: 'bad_number' };
  if (field === 'ttfbSeconds') {
    return described((r, s, a, b) => {
      if (isDash(s, a, b)) return undefined; // %^FB without LogIOTrackTTFB On
      const n = digitsAt(s, a, b);
      if (n < 0) return 'bad_number';
      r.ttfbSeconds = n / divisor;
      return undefined;
    }, inline);
  }
  return described((r, s, a, b) => {
    if (isDash(s, a, b)) return undefined;
    const n = digitsAt(s, a, b);
    if (n < 0) return 'bad_number';
    r.durationSeconds = n / divisor;
    return undefined;
  }, inline);
}

function timeSetter(role: DirectiveRole): Apply {
  switch (role.conversion) {
    case 'clfTime':
      return described(
        (r, s, a, b) => {
          const t = parseClfTimeAt(s, a, b);
          if (Number.isNaN(t)) return 'bad_timestamp';
          r.timeSeconds = t;
          return undefined;
        },
        { kind: 'number', field: 'timeSeconds', convert: parseClfTimeAt, reason: 'bad_timestamp' },
      );
    case 'strftime': {
      const strftime = role.strftime!;
      return (r, s, a, b) => {
        const t = strftime.parse(s.slice(a, b));
        if (Number.isNaN(t)) return 'bad_timestamp';
        r.timeSeconds = t;
        return undefined;
      };
    }
    default: {
      // %{sec}t %{msec}t %{usec}t
      const divisor = role.conversion === 'epochSec' ? 1 : role.conversion === 'epochMs' ? 1000 : 1_000_000;
      return described(
        (r, s, a, b) => {
          const n = digitsAt(s, a, b);
          if (n < 0) return 'bad_timestamp';
          r.timeSeconds = n / divisor;
          return undefined;
        },
        { kind: 'digits', fields: ['timeSeconds'], divisor, dash: 'fail', reason: 'bad_timestamp' },
      );
    }
  }
}

/** %{msec_frac}t / %{usec_frac}t: validated here, added to timeSeconds once the whole line is read. */
function fracSetter(digits: number): Apply {
  return (_r, s, a, b) => (b - a === digits && digitsAt(s, a, b) >= 0 ? undefined : 'bad_timestamp');
}

const bounds: RequestLineBounds = { methodEnd: 0, pathEnd: 0, targetEnd: 0, protocolStart: -1 };

/** %r fills method/urlPath/query/protocol unless a dedicated directive (%m %U %q %H) owns them or the selection omits them. */
function requestSetter(owner: Map<string, number>, key: string, keeps: (field: string) => boolean): Apply {
  const method = !owner.has('method') && keeps('method');
  const urlPath = !owner.has('urlPath') && keeps('urlPath');
  const query = !owner.has('query') && keeps('query');
  const protocol = !owner.has('protocol') && keeps('protocol');
  const extra = keeps('extra');
  if (!method && !urlPath && !query && !protocol) return extra ? extraSetter(key) : skip;
  return (r, s, a, b) => {
    if (isDash(s, a, b)) return undefined;
    if (!requestLineBounds(s, a, b, bounds)) {
      // not a request line (e.g. TLS bytes on a plain port): keep it rather than lose it
      if (!extra) return undefined;
      if (r.extra === undefined) r.extra = {};
      r.extra[key] = text(s, a, b);
      return undefined;
    }
    const { methodEnd, pathEnd, targetEnd, protocolStart } = bounds;
    if (method) r.method = unescapeLogItem(sliceCommon(s, a, methodEnd));
    if (urlPath) r.urlPath = text(s, methodEnd + 1, pathEnd);
    if (query) r.query = pathEnd === targetEnd ? '' : text(s, pathEnd, targetEnd);
    if (protocol && protocolStart >= 0) r.protocol = unescapeLogItem(sliceCommon(s, protocolStart, b));
    return undefined;
  };
}

/** How each directive stores its text, after deciding which directive owns which field. */
function buildAppliers(
  directives: LogFormatDirective[],
  roles: DirectiveRole[],
  keeps: (field: string) => boolean,
): { applies: Apply[]; fracIndex: number; fracDigits: number } {
  const extra = (written: string) => (keeps('extra') ? extraSetter(written) : skip);
  const owner = new Map<string, number>();
  roles.forEach((role, i) => {
    if (role.target === 'extra' || role.target === 'request') return;
    const current = owner.get(role.target);
    if (current === undefined || role.rank < roles[current].rank) owner.set(role.target, i);
  });
  const timeOwner = owner.get('timeSeconds');
  const timeIsWholeSeconds =
    timeOwner !== undefined && roles[timeOwner].conversion !== 'epochMs' && roles[timeOwner].conversion !== 'epochUs';
  const statusFromOriginal = !owner.has('status');
  const requestIndex = roles.findIndex((r) => r.target === 'request');
  let fracIndex = -1;
  let fracDigits = 0;

  const applies = directives.map((d, i): Apply => {
    const role = roles[i];
    if (role.target === 'request')
      return i === requestIndex ? requestSetter(owner, d.written, keeps) : extra(d.written);
    if (role.target === 'extra' || owner.get(role.target) !== i) return extra(d.written);
    if (role.target === 'timeFrac') {
      if (!timeIsWholeSeconds) return extra(d.written);
      fracIndex = i;
      fracDigits = role.conversion === 'frac3' ? 3 : 6;
      return fracSetter(fracDigits);
    }
    const field = role.target;
    switch (role.conversion) {
      case 'string':
      case 'query':
        return keeps(field) ? stringSetter(field) : skip;
      case 'int':
        return intSetter(field, false, field === 'originalStatus' && statusFromOriginal);
      case 'intDashZero':
        return intSetter(field, true, false);
      case 'micros':
        return scaledSetter(field, 1_000_000);
      case 'millis':
        return scaledSetter(field, 1000);
      case 'seconds':
        return scaledSetter(field, 1);
      case 'clfTime':
      case 'strftime':
      case 'epochSec':
      case 'epochMs':
      case 'epochUs':
        return timeSetter(role);
      case 'connectionStatus':
        return (r, s, a, b) => {
          // %X: X aborted, + keep-alive, - closed (mod_log_config.c:857-868)
          const c = b - a === 1 ? s.charCodeAt(a) : 0;
          if (c === 88) r.connectionStatus = 'X';
          else if (c === 43) r.connectionStatus = '+';
          else if (c === 45) r.connectionStatus = '-';
          else return 'format_mismatch';
          return undefined;
        };
      default:
        return extra(d.written);
    }
  });
  return { applies, fracIndex, fracDigits };
}

function isBlank(line: string): boolean {
  return line.trim() === '';
}

/** Compiles an Apache LogFormat string (config-unquoted: `"` not `\"`). Throws LogFormatError (unknown directive, too many). */
export function compileLogFormat(format: string, options: CompileLogFormatOptions = {}): CompiledLogFormat {
  const maxLineLength = options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH;
  const tokens = tokenizeLogFormat(format);
  const directives = tokens.filter((t): t is LogFormatDirective => t.kind === 'directive');
  const roles = directives.map(classifyDirective);
  const roleOf = new Map(directives.map((d, i) => [d, roles[i]]));
  const matcher = buildLineMatcher(tokens, roleOf);
  const shape: FormatShape = { tokens, directives, roles, matcher, options, maxLineLength };
  const targets = new Set(roles.map((r) => r.target));
  const has = (t: string) => targets.has(t as never);

  const full = buildParser(shape, () => true);
  const selections = new Map<string, BuiltParser>();
  function selection(fields: readonly SelectableField[]): BuiltParser {
    const key = [...new Set(fields)].sort().join(' ');
    let parser = selections.get(key);
    if (parser === undefined) {
      const wanted = new Set<string>(fields);
      parser = buildParser(shape, (field) => wanted.has(field) || !SELECTABLE.has(field));
      selections.set(key, parser);
    }
    return parser;
  }

  return {
    source: format,
    directives: directives.map((d) => d.written),
    logs: {
      duration: has('durationSeconds'),
      responseBytes: has('responseBytes'),
      bodyBytes: has('bodyBytes'),
      ttfb: has('ttfbSeconds'),
      rateLimit: has('rateLimitRaw'),
      rateInitialBurst: has('rateInitialBurstRaw'),
      vhost: has('vhost'),
      clientPort: has('clientPort'),
      connectionStatus: has('connectionStatus'),
      requestLogId: has('requestLogId'),
    },
    parse: full.parse,
    parseAt: full.parseAt,
    select: (fields) => selection(fields).parse,
    selectAt: (fields) => selection(fields).parseAt,
    matcher: { engine: full.engine, regexSource: matcher.regexSource },
  };
}

/** What every parser of one format shares: its tokens, directives and their roles, the line matcher, the options. */
interface FormatShape {
  tokens: ReturnType<typeof tokenizeLogFormat>;
  directives: LogFormatDirective[];
  roles: DirectiveRole[];
  matcher: ReturnType<typeof buildLineMatcher>;
  options: CompileLogFormatOptions;
  maxLineLength: number;
}

interface BuiltParser {
  parse: (line: string) => AccessRecord | ParseFailure;
  parseAt: AccessParseAt;
  engine: 'scan' | 'regex';
}

/** A parser whose text fields are those `keeps` accepts. */
function buildParser(shape: FormatShape, keeps: (field: string) => boolean): BuiltParser {
  const { tokens, matcher, options, maxLineLength } = shape;
  const match = matcher.match;
  const { applies, fracIndex, fracDigits } = buildAppliers(shape.directives, shape.roles, keeps);
  const count = applies.length;
  const addFrac = (record: AccessRecord, line: string, a: number, b: number) => {
    if (record.timeSeconds !== undefined) record.timeSeconds += digitsAt(line, a, b) / 10 ** fracDigits;
  };
  const finish = fracIndex >= 0 ? { field: fracIndex, run: addFrac } : undefined;
  const generate = options.engine === 'regex' || options.engine === 'interpreted' ? undefined : generateScanParser;
  const scan = generate?.(tokens, matcher.ends, applies, finish);
  const scanBounded = generate?.(tokens, matcher.ends, applies, finish, true);
  const engine = scan === undefined ? 'regex' : 'scan';

  const parseScanIn = (s: string, start: number, end: number, whole: boolean): AccessRecord | ParseFailure => {
    const length = end - start;
    if (length === 0) return createParseFailure('empty', '');
    if (length > maxLineLength) return createParseFailure('line_too_long', s.slice(start, end));
    if (s.charCodeAt(start) <= 32 && isBlank(s.slice(start, end)))
      return createParseFailure('empty', s.slice(start, end));
    const record: AccessRecord = new ParsedAccessRecord();
    const failed = (whole ? scan! : scanBounded!)(s, record, start, end);
    return failed === undefined ? record : createParseFailure(failed, s.slice(start, end));
  };
  const parseScan = (line: string) => parseScanIn(line, 0, line.length, true);
  const parseScanAt = (s: string, start: number, end: number) => parseScanIn(s, start, end, false);

  const regexParse = options.engine === 'interpreted' ? undefined : generateRegexParser(matcher.regex, applies, finish);

  const parseRegex = (line: string): AccessRecord | ParseFailure => {
    if (line.length === 0) return createParseFailure('empty', line);
    if (line.length > maxLineLength) return createParseFailure('line_too_long', line);
    if (line.charCodeAt(0) <= 32 && isBlank(line)) return createParseFailure('empty', line);
    const record: AccessRecord = new ParsedAccessRecord();
    if (regexParse !== undefined) {
      const failed = regexParse(line, record);
      return failed === undefined ? record : createParseFailure(failed, line);
    }
    const m = match(line);
    if (m === null) return createParseFailure('format_mismatch', line);
    // every group is mandatory, so each capture is a string; converters read it whole
    for (let i = 0; i < count; i += 1) {
      const v = m[i + 1];
      const failed = applies[i](record, v, 0, v.length);
      if (failed !== undefined) return createParseFailure(failed, line);
    }
    if (fracIndex >= 0) addFrac(record, m[fracIndex + 1], 0, m[fracIndex + 1].length);
    return record;
  };

  // the regex is anchored at both ends of the line
  const parseRegexAt = (s: string, start: number, end: number) =>
    parseRegex(start === 0 && end === s.length ? s : s.slice(start, end));

  return scan === undefined || scanBounded === undefined
    ? { parse: parseRegex, parseAt: parseRegexAt, engine }
    : { parse: parseScan, parseAt: parseScanAt, engine };
}
