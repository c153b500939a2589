// Access-log parsing stage: compiles an Apache LogFormat into one anchored regex plus per-field converters → AccessRecord.

import { createParseFailure, type ParseFailure, type ParseFailureReason } from '../parse-failure.ts';
import type { AccessRecord } from './access-record.ts';
import { classifyDirective, type DirectiveRole, type RecordField } from './classify-directive.ts';
import { LogFormatError } from './log-format-error.ts';
import { parseClfTime } from './parse-clf-time.ts';
import { splitRequestLine } from './split-request-line.ts';
import { type LogFormatDirective, type LogFormatToken, tokenizeLogFormat } from './tokenize-log-format.ts';
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
}

export interface CompileLogFormatOptions {
  /** Longer lines fail with `line_too_long` (default 1 MiB of UTF-16 units). */
  maxLineLength?: number;
}

export const DEFAULT_MAX_LINE_LENGTH = 1024 * 1024;

/** Returns a failure reason, or undefined when the value was stored (or was `-`). */
type Apply = (record: AccessRecord, value: string) => ParseFailureReason | undefined;

// A quoted item never holds a raw `"` (ap_escape_logitem): unrolled-loop form, linear and backtracking-free.
const QUOTED = '([^"\\\\]*(?:\\\\[\\s\\S][^"\\\\]*)*)';
const REST = '([\\s\\S]*)';

const escapeClass = (c: string) => c.replace(/[\\\]^-]/g, '\\$&');
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Unsigned decimal as Apache prints it; -1 when not digits (or too long to be exact). */
function parseDigits(v: string): number {
  const n = v.length;
  if (n === 0 || n > 15) return -1;
  let x = 0;
  for (let i = 0; i < n; i += 1) {
    const d = v.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    x = x * 10 + d;
  }
  return x;
}

function extraSetter(key: string): Apply {
  return (r, v) => {
    if (v === '-') return undefined;
    if (r.extra === undefined) r.extra = {};
    r.extra[key] = unescapeLogItem(v);
    return undefined;
  };
}

function stringSetter(field: RecordField): Apply {
  switch (field) {
    case 'clientIp':
      return (r, v) => {
        if (v !== '-') r.clientIp = unescapeLogItem(v);
        return undefined;
      };
    case 'vhost':
      return (r, v) => {
        if (v !== '-') r.vhost = unescapeLogItem(v);
        return undefined;
      };
    case 'method':
      return (r, v) => {
        if (v !== '-') r.method = unescapeLogItem(v);
        return undefined;
      };
    case 'urlPath':
      return (r, v) => {
        if (v !== '-') r.urlPath = unescapeLogItem(v);
        return undefined;
      };
    case 'protocol':
      return (r, v) => {
        if (v !== '-') r.protocol = unescapeLogItem(v);
        return undefined;
      };
    case 'requestLogId':
      return (r, v) => {
        if (v !== '-') r.requestLogId = v;
        return undefined;
      };
    case 'rateLimitRaw':
      return (r, v) => {
        if (v !== '-') r.rateLimitRaw = unescapeLogItem(v);
        return undefined;
      };
    case 'rateInitialBurstRaw':
      return (r, v) => {
        if (v !== '-') r.rateInitialBurstRaw = unescapeLogItem(v);
        return undefined;
      };
    case 'referer':
      return (r, v) => {
        if (v !== '-') r.referer = unescapeLogItem(v);
        return undefined;
      };
    case 'userAgent':
      return (r, v) => {
        if (v !== '-') r.userAgent = unescapeLogItem(v);
        return undefined;
      };
    default:
      throw new Error(`not a string field: ${field}`);
  }
}

function intSetter(field: RecordField, dashZero: boolean): Apply {
  const store = (r: AccessRecord, n: number) => {
    switch (field) {
      case 'status':
        r.status = n;
        break;
      case 'originalStatus':
        r.originalStatus = n;
        break;
      case 'responseBytes':
        r.responseBytes = n;
        break;
      case 'bodyBytes':
        r.bodyBytes = n;
        break;
      case 'requestBytes':
        r.requestBytes = n;
        break;
      case 'clientPort':
        r.clientPort = n;
        break;
      case 'serverPort':
        r.serverPort = n;
        break;
      case 'pid':
        r.pid = n;
        break;
      default:
        throw new Error(`not an integer field: ${field}`);
    }
  };
  return (r, v) => {
    if (v === '-') {
      // %b: `-` when no body was sent
      if (dashZero) store(r, 0);
      return undefined;
    }
    const n = parseDigits(v);
    if (n < 0) return 'bad_number';
    store(r, n);
    return undefined;
  };
}

function scaledSetter(field: 'durationSeconds' | 'ttfbSeconds', divisor: number): Apply {
  if (field === 'ttfbSeconds') {
    return (r, v) => {
      if (v === '-') return undefined; // %^FB without LogIOTrackTTFB On
      const n = parseDigits(v);
      if (n < 0) return 'bad_number';
      r.ttfbSeconds = n / divisor;
      return undefined;
    };
  }
  return (r, v) => {
    if (v === '-') return undefined;
    const n = parseDigits(v);
    if (n < 0) return 'bad_number';
    r.durationSeconds = n / divisor;
    return undefined;
  };
}

/** How each directive stores its text, after deciding which directive owns which field. */
function buildAppliers(
  directives: LogFormatDirective[],
  roles: DirectiveRole[],
): { applies: Apply[]; fracIndex: number } {
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

  const applies = directives.map((d, i): Apply => {
    const role = roles[i];
    const isOwner = role.target !== 'extra' && role.target !== 'request' && owner.get(role.target) === i;
    if (role.target === 'request' && i === requestIndex) return requestSetter(owner, d.written);
    if (role.target === 'timeFrac' && isOwner && timeIsWholeSeconds) {
      fracIndex = i;
      return role.conversion === 'frac3' ? fracSetter(1000) : fracSetter(1_000_000);
    }
    if (!isOwner || role.target === 'timeFrac' || role.target === 'request') return extraSetter(d.written);
    const field = role.target as RecordField;
    switch (role.conversion) {
      case 'string':
        return stringSetter(field);
      case 'query':
        return (r, v) => {
          if (v !== '-') r.query = unescapeLogItem(v);
          return undefined;
        };
      case 'int':
        if (field === 'originalStatus' && statusFromOriginal) {
          return (r, v) => {
            if (v === '-') return undefined;
            const n = parseDigits(v);
            if (n < 0) return 'bad_number';
            r.originalStatus = n;
            r.status = n;
            return undefined;
          };
        }
        return intSetter(field, false);
      case 'intDashZero':
        return intSetter(field, true);
      case 'micros':
        return scaledSetter(field as 'durationSeconds', 1_000_000);
      case 'millis':
        return scaledSetter(field as 'durationSeconds', 1000);
      case 'seconds':
        return scaledSetter(field as 'durationSeconds', 1);
      case 'clfTime':
        return (r, v) => {
          const t = parseClfTime(v);
          if (Number.isNaN(t)) return 'bad_timestamp';
          r.timeSeconds = t;
          return undefined;
        };
      case 'epochSec':
      case 'epochMs':
      case 'epochUs': {
        const divisor = role.conversion === 'epochSec' ? 1 : role.conversion === 'epochMs' ? 1000 : 1_000_000;
        return (r, v) => {
          const n = parseDigits(v);
          if (n < 0) return 'bad_timestamp';
          r.timeSeconds = n / divisor;
          return undefined;
        };
      }
      case 'strftime': {
        const strftime = role.strftime!;
        return (r, v) => {
          const t = strftime.parse(v);
          if (Number.isNaN(t)) return 'bad_timestamp';
          r.timeSeconds = t;
          return undefined;
        };
      }
      case 'connectionStatus':
        return (r, v) => {
          // %X: X aborted, + keep-alive, - closed (mod_log_config.c:857-868)
          if (v === 'X' || v === '+' || v === '-') {
            r.connectionStatus = v;
            return undefined;
          }
          return 'format_mismatch';
        };
      default:
        return extraSetter(d.written);
    }
  });
  return { applies, fracIndex };
}

/** %{msec_frac}t / %{usec_frac}t: validated here, added to timeSeconds once the whole line is read. */
function fracSetter(scale: number): Apply {
  const digits = scale === 1000 ? 3 : 6;
  return (_r, v) => (v.length === digits && parseDigits(v) >= 0 ? undefined : 'bad_timestamp');
}

/** %r fills method/urlPath/query/protocol unless a dedicated directive (%m %U %q %H) owns them. */
function requestSetter(owner: Map<string, number>, key: string): Apply {
  const method = !owner.has('method');
  const urlPath = !owner.has('urlPath');
  const query = !owner.has('query');
  const protocol = !owner.has('protocol');
  if (!method && !urlPath && !query && !protocol) return extraSetter(key);
  return (r, v) => {
    if (v === '-') return undefined;
    const parts = splitRequestLine(v);
    if (parts === undefined) {
      // not a request line (e.g. TLS bytes on a plain port): keep it rather than lose it
      if (r.extra === undefined) r.extra = {};
      r.extra[key] = unescapeLogItem(v);
      return undefined;
    }
    if (method) r.method = unescapeLogItem(parts.method);
    if (urlPath) r.urlPath = unescapeLogItem(parts.urlPath);
    if (query) r.query = unescapeLogItem(parts.query);
    if (protocol && parts.protocol !== undefined) r.protocol = unescapeLogItem(parts.protocol);
    return undefined;
  };
}

/** The first character the text after a run of adjacent directives starts with, or undefined at the end. */
function nextLiteralChar(tokens: LogFormatToken[], from: number): string | undefined {
  for (let k = from; k < tokens.length; k += 1) {
    const t = tokens[k];
    if (t.kind === 'literal') return t.text[0];
  }
  return undefined;
}

function buildPattern(tokens: LogFormatToken[], roles: Map<LogFormatDirective, DirectiveRole>): string {
  let pattern = '^';
  let afterIpColon = false;
  for (let k = 0; k < tokens.length; k += 1) {
    const t = tokens[k];
    if (t.kind === 'literal') {
      pattern += escapeRe(t.text);
      continue;
    }
    const role = roles.get(t)!;
    const prev = tokens[k - 1];
    const next = tokens[k + 1];
    const wasAfterIpColon = afterIpColon;
    afterIpColon = false;
    if (role.shape === 'clfTime') {
      pattern += '\\[([^\\]]*)\\]';
      continue;
    }
    if (role.shape === 'strftime') {
      pattern += `(${role.strftime!.pattern})`;
      continue;
    }
    if (next === undefined) {
      pattern += REST;
      continue;
    }
    if (next.kind === 'literal') {
      const c = next.text[0];
      if (prev?.kind === 'literal' && prev.text.endsWith('"') && c === '"') {
        pattern += QUOTED;
      } else if (role.shape === 'ip' && c === ':') {
        // IPv6 holds `:`: take the whole non-space run and let the regex settle on the last `:`
        pattern += '([^ ]*)';
        afterIpColon = true;
      } else if (wasAfterIpColon && role.shape === 'number') {
        pattern += '(\\d+|-)';
      } else {
        pattern += `([^${escapeClass(c)}]*)`;
      }
      continue;
    }
    // directly followed by another directive: rely on this one's shape, else stop lazily before the next literal
    const stop = nextLiteralChar(tokens, k + 1);
    const stopClass = stop === undefined ? '' : escapeClass(stop);
    if (role.shape === 'number') pattern += '(\\d+|-)';
    else if (role.shape === 'connectionStatus') pattern += '([X+-])';
    else if (next.letter === 'q') pattern += `([^?${stopClass}]*)`;
    else pattern += stop === undefined ? '([\\s\\S]*?)' : `([^${stopClass}]*?)`;
  }
  return `${pattern}$`;
}

function isBlank(line: string): boolean {
  return line.trim() === '';
}

/** Compiles an Apache LogFormat string (config-unquoted: `"` not `\"`). Throws LogFormatError on unknown directives. */
export function compileLogFormat(format: string, options: CompileLogFormatOptions = {}): CompiledLogFormat {
  const maxLineLength = options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH;
  const tokens = tokenizeLogFormat(format);
  const directives = tokens.filter((t): t is LogFormatDirective => t.kind === 'directive');
  const roles = directives.map(classifyDirective);
  const roleOf = new Map(directives.map((d, i) => [d, roles[i]]));
  const re = new RegExp(buildPattern(tokens, roleOf));
  const { applies, fracIndex } = buildAppliers(directives, roles);
  const fracScale = fracIndex >= 0 ? (roles[fracIndex].conversion === 'frac3' ? 1000 : 1_000_000) : 1;
  const count = applies.length;
  const targets = new Set(roles.map((r) => r.target));
  const has = (t: string) => targets.has(t as never);

  const parse = (line: string): AccessRecord | ParseFailure => {
    if (line.length === 0) return createParseFailure('empty', line);
    if (line.length > maxLineLength) return createParseFailure('line_too_long', line);
    if (line.charCodeAt(0) <= 32 && isBlank(line)) return createParseFailure('empty', line);
    const m = re.exec(line);
    if (m === null) return createParseFailure('format_mismatch', line);
    const record: AccessRecord = { ok: true };
    for (let i = 0; i < count; i += 1) {
      const failed = applies[i](record, m[i + 1]);
      if (failed !== undefined) return createParseFailure(failed, line);
    }
    if (fracIndex >= 0 && record.timeSeconds !== undefined) {
      record.timeSeconds += Number(m[fracIndex + 1]) / fracScale;
    }
    return record;
  };

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
    parse,
  };
}
