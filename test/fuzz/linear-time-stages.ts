// Issue #7 fuzzing, "time linear in input": the adversarial inputs of every parser and every regex-driven stage of
// src/parse, src/config/apache and src/analyse — floods of the characters their quantifiers accept (spaces, quotes,
// backslash escapes, brackets, digits, slashes, `[client `, `AH`, `WSGI`, `%h`) after a valid prefix of the stage's own
// input kind, so the matchers get as far as they can. Shared by linear-time.fuzz.test.ts (no timing: the outputs on
// the floods) and bench/linear-time.ts (the timing: 16 KiB against 64 KiB).

import { describeFormat } from '../../src/analyse/findings/list-access-log-formats.ts';
import { createLocationMatcher } from '../../src/analyse/match-location.ts';
import { classifyErrorRecord, classifyUncodedMessage } from '../../src/analyse/wsgi/classify-error-record.ts';
import { detectVersions } from '../../src/analyse/wsgi/detect-versions.ts';
import { createTracebackGrouper } from '../../src/analyse/wsgi/group-tracebacks.ts';
import { parseEnvvars } from '../../src/config/apache/parse-envvars.ts';
import { parseRateValue } from '../../src/config/apache/parse-rate-value.ts';
import { parseWsgiDaemonProcess } from '../../src/config/apache/parse-wsgi-daemon-process.ts';
import { pipedLogGlob } from '../../src/config/apache/piped-log-glob.ts';
import { readApacheConfig } from '../../src/config/apache/read-apache-config.ts';
import { splitConfigArgs, tokenizeApacheConfig } from '../../src/config/apache/tokenize-apache-config.ts';
import { compileLogFormat } from '../../src/parse/access/compile-log-format.ts';
import { splitRequestLine } from '../../src/parse/access/split-request-line.ts';
import { unescapeLogItem } from '../../src/parse/access/unescape-log-item.ts';
import { compileErrorLogFormat } from '../../src/parse/error/compile-error-log-format.ts';
import { decodeErrorLogEscapes } from '../../src/parse/error/decode-error-log-escapes.ts';
import { extractMessageTags } from '../../src/parse/error/extract-message-tags.ts';
import { parseErrorLine } from '../../src/parse/error/parse-error-line.ts';
import { parseErrorLogTime } from '../../src/parse/error/parse-error-log-time.ts';
import { MATCHER_CONFIG, memoryConfigFs, RICH_ERROR_FORMAT, RICH_FORMATS } from './fuzz-inputs.ts';

/** Floods for log lines (access and error). */
const LINE_FLOODS = [
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
  '.',
  'a.',
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
/** Floods for LogFormat / ErrorLogFormat strings. */
const FORMAT_FLOODS = ['%h', '%{', '%', '%%', ' ', '"', '\\', '\\n', 'a', '[', '%{X}i', '%>s', '%P ', '%t', '%M'];
/** Floods for config text (and the values it holds: paths, rates, rotatelogs commands, envvars). */
const CONFIG_FLOODS = [
  ' ',
  '"',
  '\\',
  '\\\n',
  '/',
  'a/',
  '//',
  '${',
  '%',
  'a',
  '0',
  '<',
  '>',
  '*',
  '(',
  '#',
  '"a" ',
  '=',
  ':',
  '.',
  '-',
  '\u0000',
  '\r',
];
const ACCESS_PREFIXES = [
  '',
  '127.0.0.1 - - [24/Nov/2026:01:02:03 +0000] "GET /',
  '127.0.0.1 - - [24/Nov/2026:01:02:03 +0000] "GET / HTTP/1.1" 200 5 "',
];
const ERROR_PREFIXES = [
  '',
  '[Tue Nov 24 01:02:03.123456 2026] [wsgi:error] [pid 1:tid 2] [client 10.0.0.1:5000] ',
  '[Tue Nov 24 01:02:03.123456 2026] [',
  'mod_wsgi (pid=1): Exception occurred processing WSGI script ',
  'AH00489: Apache/2.4.71 (Debian) mod_wsgi/',
];
const CONFIG_PREFIXES = [
  '',
  'ServerRoot ',
  'DocumentRoot ',
  'WSGIDaemonProcess shop ',
  '<Location "',
  'SetEnv rate-limit ',
  'Include ',
  'CustomLog "|/usr/bin/rotatelogs ',
  'LogFormat "',
];
const MATCHER_PREFIXES = ['', 'app.', '/downloads/', '/api/v1/'];

/** `prefix` then `flood` repeated, `bytes` UTF-16 units in all. */
export function floodInput(prefix: string, flood: string, bytes: number): string {
  return prefix + flood.repeat(Math.ceil((bytes - prefix.length) / flood.length)).slice(0, bytes - prefix.length);
}

// Found by the fuzz suite: directives with no text between them (`%r%<s`, `%{X}o%{n}n`) tried every split point.
export const ADJACENT_FORMATS = [
  '%r%<s%%Ik%q',
  '%e%{n}n%%wj%%s%r%<s',
  '%>s%sa%!200,304{Referer}i%v^@%>s%{rate-limit}e%r%H',
];
export const accessParsers = [...RICH_FORMATS, ...ADJACENT_FORMATS].flatMap((f) => [
  compileLogFormat(f),
  compileLogFormat(f, { engine: 'regex' }),
]);
/** ErrorLogFormats the fuzz suite found backtracking: items with no separator between them (now atomic). */
export const ERROR_FORMAT_REGRESSIONS = ['%v%-m%%', '%{X}i%F%{cu}t%l %M'];
const ERROR_FORMATS = [
  compileErrorLogFormat(),
  compileErrorLogFormat(RICH_ERROR_FORMAT),
  ...ERROR_FORMAT_REGRESSIONS.map((f) => compileErrorLogFormat(f)),
];
const matchRequest = createLocationMatcher(
  readApacheConfig('/c/m.conf', memoryConfigFs({ '/c/m.conf': MATCHER_CONFIG }), { checkDirectives: false }).model,
);
const attempt = (fn: () => unknown) => {
  try {
    return fn();
  } catch (err) {
    return err; // compile errors are the documented outcome for a bad format
  }
};

/** Stage name, valid prefixes of its input kind, floods, and the stage run on one input. */
export type Stage = [string, string[], string[], (s: string) => unknown];

export const STAGES: Stage[] = [
  [
    'access parsers (every rich format, scan and regex engines)',
    ACCESS_PREFIXES,
    LINE_FLOODS,
    (s) => accessParsers.map((p) => p.parse(s)),
  ],
  ['unescapeLogItem', ACCESS_PREFIXES, LINE_FLOODS, unescapeLogItem],
  ['splitRequestLine', ACCESS_PREFIXES, LINE_FLOODS, (s) => splitRequestLine(s)],
  [
    'compileLogFormat (a 64 KiB LogFormat)',
    ['', '%h %t "%r" ', '%{'],
    FORMAT_FLOODS,
    (s) => attempt(() => compileLogFormat(s)),
  ],
  [
    'location matcher (Host, URL path)',
    MATCHER_PREFIXES,
    [...LINE_FLOODS, '*', 'a/', 'a.'],
    (s) => [matchRequest(s, '/', 80), matchRequest('x', s, 80)],
  ],
  [
    'error parsers (default, rich and regression ErrorLogFormats)',
    ERROR_PREFIXES,
    LINE_FLOODS,
    (s) => ERROR_FORMATS.map((f) => f.parse(s)),
  ],
  [
    'compileErrorLogFormat (a 64 KiB ErrorLogFormat)',
    ['', '[%t] [%l] ', '%{'],
    FORMAT_FLOODS,
    (s) => attempt(() => compileErrorLogFormat(s)),
  ],
  [
    'parseErrorLine + classifyErrorRecord + detectVersions + traceback grouper',
    ERROR_PREFIXES,
    LINE_FLOODS,
    (s) => {
      const r = parseErrorLine(s);
      if (!r.ok) return r;
      const grouper = createTracebackGrouper();
      const event = classifyErrorRecord(r);
      return [detectVersions(r), grouper.push(r, event), grouper.flush()];
    },
  ],
  ['classifyUncodedMessage', ERROR_PREFIXES, LINE_FLOODS, classifyUncodedMessage],
  ['extractMessageTags', ERROR_PREFIXES, LINE_FLOODS, extractMessageTags],
  ['decodeErrorLogEscapes', ERROR_PREFIXES, LINE_FLOODS, decodeErrorLogEscapes],
  ['parseErrorLogTime', ['', 'Tue Nov 24 01:02:03', '2026-11-24 01:02:03'], LINE_FLOODS, (s) => parseErrorLogTime(s)],
  ['tokenizeApacheConfig', CONFIG_PREFIXES, CONFIG_FLOODS, (s) => tokenizeApacheConfig(s, 'adversarial.conf')],
  ['splitConfigArgs', CONFIG_PREFIXES, CONFIG_FLOODS, splitConfigArgs],
  [
    'readApacheConfig (the input as a one-line config)',
    CONFIG_PREFIXES,
    CONFIG_FLOODS,
    // `>` closes a `<Location "…` prefix, and keeps a run of `/` off the end of the line (`/\/+$/` was quadratic only
    // on a run that is not at the end).
    (s) => readApacheConfig('/c/a.conf', memoryConfigFs({ '/c/a.conf': `${s}>\n` })),
  ],
  [
    'parseEnvvars',
    ['', 'export APACHE_LOG_DIR=', 'if [ '],
    CONFIG_FLOODS,
    (s) => parseEnvvars(`${s}\n${s}`, '/etc/apache2'),
  ],
  [
    'pipedLogGlob',
    ['|', '|/usr/bin/rotatelogs ', '||$rotatelogs -l -n 4 '],
    CONFIG_FLOODS,
    (s) => pipedLogGlob(s, '/etc/apache2'),
  ],
  ['parseRateValue', ['', '400', '${'], CONFIG_FLOODS, parseRateValue],
  [
    'parseWsgiDaemonProcess',
    ['shop ', 'shop processes=', 'shop python-path='],
    CONFIG_FLOODS,
    (s) => parseWsgiDaemonProcess(s, 'vhost', { file: 'a.conf', line: 1 }),
  ],
  ['describeFormat (findings)', ['', '%h %t "%r" ', '%{'], FORMAT_FLOODS, describeFormat],
];
