// Splits a LogFormat string into literals and directives the way httpd's mod_log_config.c parse_log_item does.
import { LogFormatError } from './log-format-error.ts';

export interface LogFormatLiteral {
  kind: 'literal';
  /** Text with the format's own `\n`, `\r`, `\t`, `\\` escapes applied (parse_log_misc_string). */
  text: string;
}

export interface LogFormatDirective {
  kind: 'directive';
  /** As written, e.g. `%>s`, `%{ms}T`, `%!200,304{Referer}i`. */
  written: string;
  /** The handler: one character, or three for `^FB`, `^ti`, `^to`. */
  letter: string;
  /** The `{…}` argument, `''` when none. */
  arg: string;
  /** Status codes of a `%400,501…` condition (empty: unconditional). */
  conditions: number[];
  /** `!`: log only when the status is NOT in `conditions`. */
  negated: boolean;
  /** `<` original request, `>` final request, undefined: the handler's default. */
  original?: boolean;
  /** 1-based column of the `%`. */
  column: number;
}

export type LogFormatToken = LogFormatLiteral | LogFormatDirective;

/** mod_log_config.c:1735-1767 plus mod_logio (I, O, S, ^FB) and mod_ssl (x, c). */
const ONE_LETTER = new Set('aAbBCDefhHikIlLmnoOpPqrRsStTuUvVXxc'.split(''));
const THREE_LETTER = new Set(['^FB', '^ti', '^to']);

/**
 * Directives per format this parser compiles (real formats have under 50). Beyond about 16,000 V8 refuses the line
 * regex ("Too many captures"), and compiling slows quadratically long before (found by the fuzz suite).
 */
export const MAX_DIRECTIVES = 1024;

/** Tokenizes a LogFormat (as Apache's config reader hands it over: `"` unescaped). Throws LogFormatError. */
export function tokenizeLogFormat(format: string): LogFormatToken[] {
  const tokens: LogFormatToken[] = [];
  let directives = 0;
  let text = '';
  let i = 0;
  const n = format.length;
  while (i < n) {
    const ch = format[i];
    if (ch === '\\') {
      // parse_log_misc_string: \\ \r \n \t; any other backslash is copied verbatim
      const next = format[i + 1];
      if (next === '\\') text += '\\';
      else if (next === 'n') text += '\n';
      else if (next === 'r') text += '\r';
      else if (next === 't') text += '\t';
      else {
        text += '\\';
        i += 1;
        continue;
      }
      i += 2;
      continue;
    }
    if (ch !== '%') {
      text += ch;
      i += 1;
      continue;
    }
    const start = i;
    if (format[i + 1] === '%') {
      text += '%';
      i += 2;
      continue;
    }
    if (text !== '') tokens.push({ kind: 'literal', text });
    text = '';
    const directive = readDirective(format, start);
    i = start + directive.written.length;
    if (++directives > MAX_DIRECTIVES) {
      const bad = directive.written;
      throw new LogFormatError(
        `LogFormat with more than ${MAX_DIRECTIVES} directives: "${bad}" at column ${start + 1} is one too many`,
        bad,
        start + 1,
      );
    }
    tokens.push(directive);
  }
  if (text !== '') tokens.push({ kind: 'literal', text });
  return tokens;
}

/** The directive whose `%` is at `start`: modifiers (`!`, `<`, `>`, status codes, `{arg}`) up to its handler letter. */
function readDirective(format: string, start: number): LogFormatDirective {
  const n = format.length;
  let i = start + 1;
  let arg = '';
  const conditions: number[] = [];
  let negated = false;
  let original: boolean | undefined;
  let letter: string | undefined;
  while (i < n && letter === undefined) {
    const c = format[i];
    if (c === '!') {
      negated = !negated;
      i += 1;
    } else if (c === '<') {
      original = true;
      i += 1;
    } else if (c === '>') {
      original = false;
      i += 1;
    } else if (c === ',') {
      i += 1;
    } else if (c === '{') {
      const close = format.indexOf('}', i + 1);
      if (close < 0) {
        i = n;
        break;
      }
      arg = format.slice(i + 1, close);
      i = close + 1;
    } else if (c >= '0' && c <= '9') {
      let j = i;
      while (j < n && format[j] >= '0' && format[j] <= '9') j += 1;
      conditions.push(Number(format.slice(i, j)));
      i = j;
    } else if (c === '^' && THREE_LETTER.has(format.slice(i, i + 3))) {
      letter = format.slice(i, i + 3);
      i += 3;
    } else if (ONE_LETTER.has(c)) {
      letter = c;
      i += 1;
    } else {
      const bad = format.slice(start, c === '^' ? Math.min(n, i + 3) : i + 1);
      throw new LogFormatError(`unknown LogFormat directive "${bad}" at column ${start + 1}`, bad, start + 1);
    }
  }
  if (letter === undefined) {
    const bad = format.slice(start);
    throw new LogFormatError(`unterminated LogFormat directive "${bad}" at column ${start + 1}`, bad, start + 1);
  }
  return {
    kind: 'directive',
    written: format.slice(start, i),
    letter,
    arg,
    conditions,
    negated,
    original,
    column: start + 1,
  };
}
