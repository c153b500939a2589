// Issue #7 fuzzing, "time linear in input": every parser and every regex-driven stage gets adversarial inputs of 16 KiB
// and 64 KiB — floods of the characters their quantifiers accept (spaces, quotes, backslash escapes, brackets, digits,
// `[client `, `AH`, `WSGI`), after a valid prefix so the matchers get as far as they can. 4× the input may cost at most
// ~8× the time (quadratic would be 16×; catastrophic backtracking far more), and 64 KiB must finish under 250 ms.
// An algorithmic-complexity check, not a benchmark: each time is the minimum of several runs.

import { describe, expect, it } from 'vitest';
import { classifyErrorRecord, classifyUncodedMessage } from '../../src/analyse/wsgi/classify-error-record.ts';
import { splitConfigArgs, tokenizeApacheConfig } from '../../src/config/apache/tokenize-apache-config.ts';
import { compileLogFormat } from '../../src/parse/access/compile-log-format.ts';
import { splitRequestLine } from '../../src/parse/access/split-request-line.ts';
import { unescapeLogItem } from '../../src/parse/access/unescape-log-item.ts';
import { compileErrorLogFormat } from '../../src/parse/error/compile-error-log-format.ts';
import { decodeErrorLogEscapes } from '../../src/parse/error/decode-error-log-escapes.ts';
import { extractMessageTags } from '../../src/parse/error/extract-message-tags.ts';
import { parseErrorLine } from '../../src/parse/error/parse-error-line.ts';
import { RICH_FORMATS } from './fuzz-inputs.ts';

const FLOODS = [
  ' ',
  '"',
  '\\',
  '\\x',
  '\\"',
  '\\\\',
  '[',
  ']',
  'a',
  '0',
  '9 ',
  '%',
  ':',
  '-',
  '/',
  '(',
  ', ',
  '[client ',
  '[pid ',
  'AH0',
  'WSGI0',
  ': ',
  '"GET / HTTP/1.1" ',
  '\u0000',
  '\r',
];
const PREFIXES = [
  '',
  '127.0.0.1 - - [24/Nov/2026:01:02:03 +0000] "GET /',
  '127.0.0.1 - - [24/Nov/2026:01:02:03 +0000] "GET / HTTP/1.1" 200 5 "',
  '[Tue Nov 24 01:02:03.123456 2026] [wsgi:error] [pid 1:tid 2] [client 10.0.0.1:5000] ',
  '[Tue Nov 24 01:02:03.123456 2026] [',
  'mod_wsgi (pid=1): Exception occurred processing WSGI script ',
  'WSGIDaemonProcess shop ',
  '<Location "',
];

function input(prefix: string, flood: string, bytes: number): string {
  return prefix + flood.repeat(Math.ceil((bytes - prefix.length) / flood.length)).slice(0, bytes - prefix.length);
}

function minTime(fn: () => void, runs = 5): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

// Found by the fuzz suite: directives with no text between them (`%r%<s`, `%{X}o%{n}n`) tried every split point.
const ADJACENT_FORMATS = ['%r%<s%%Ik%q', '%e%{n}n%%wj%%s%r%<s', '%>s%sa%!200,304{Referer}i%v^@%>s%{rate-limit}e%r%H'];
const accessParsers = [...RICH_FORMATS, ...ADJACENT_FORMATS].flatMap((f) => [
  compileLogFormat(f),
  compileLogFormat(f, { engine: 'regex' }),
]);
const errorFormats = [
  compileErrorLogFormat(),
  compileErrorLogFormat('[%{cu}t] [%-m:%l] [pid %P:tid %T] %7F: %E: [client %a] %M% , referer %{Referer}i'),
  // Found by the fuzz suite: items with no separator between them made the prefix regex try every split (296 ms on an
  // 18 KB line, quadratic); now atomic.
  compileErrorLogFormat('%v%-m%%'),
  compileErrorLogFormat('%{X}i%F%{cu}t%l %M'),
];

const STAGES: [string, (s: string) => unknown][] = [
  ['access parsers (every rich format, scan and regex engines)', (s) => accessParsers.map((p) => p.parse(s))],
  ['error parsers (default and a rich ErrorLogFormat)', (s) => errorFormats.map((f) => f.parse(s))],
  [
    'parseErrorLine + classifyErrorRecord',
    (s) => {
      const r = parseErrorLine(s);
      return 'message' in r ? classifyErrorRecord(r) : r;
    },
  ],
  ['classifyUncodedMessage', classifyUncodedMessage],
  ['extractMessageTags', extractMessageTags],
  ['decodeErrorLogEscapes', decodeErrorLogEscapes],
  ['unescapeLogItem', unescapeLogItem],
  ['splitRequestLine', (s) => splitRequestLine(s)],
  ['tokenizeApacheConfig', (s) => tokenizeApacheConfig(s, 'adversarial.conf')],
  ['splitConfigArgs', splitConfigArgs],
];

describe('linear time on adversarial inputs (16 KiB vs 64 KiB)', () => {
  it.each(STAGES)('%s', (_name, stage) => {
    const slow: string[] = [];
    for (const prefix of PREFIXES)
      for (const flood of FLOODS) {
        const small = input(prefix, flood, 16 * 1024);
        const large = input(prefix, flood, 64 * 1024);
        stage(small); // warm the JIT on this shape
        const t16 = minTime(() => stage(small));
        const t64 = minTime(() => stage(large));
        if (t64 > 8 * t16 + 2 || t64 > 250)
          slow.push(
            `${JSON.stringify(prefix.slice(0, 20))}+${JSON.stringify(flood)}: 16 KiB ${t16.toFixed(2)} ms, 64 KiB ${t64.toFixed(2)} ms`,
          );
      }
    expect(slow).toEqual([]);
  });
});
