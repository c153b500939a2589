// Inputs shared by the fuzz suites: the budget (FUZZ_RUNS, FUZZ_SEED), the corpus of nasty lines
// (test/fixtures/nasty/lines.jsonl, format in its README), LogFormat strings that together use every directive family
// of apache-mod_wsgi-formats.md §3.2, and a rich ErrorLogFormat.

import { readFileSync } from 'node:fs';
import type { ConfigFs } from '../../src/config/apache/config-fs.ts';
import { LOG_FORMAT_NICKNAMES } from '../../src/parse/access/resolve-log-format.ts';
import { createLineSplitter } from '../../src/sources/tail/line-splitter.ts';

/** Runs per property: small in CI (the whole fuzz suite < 20 s), `npm run fuzz` sets 20,000. */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 200);
/** fast-check parameters. The seed is test/setup/fast-check-seed.ts's: fixed, FUZZ_SEED=<n>, or FUZZ_SEED=random. */
export const fuzzParams = { numRuns: FUZZ_RUNS };

/** Every ParseFailure reason (src/parse/parse-failure.ts). */
export const FAILURE_REASONS = new Set([
  'empty',
  'format_mismatch',
  'bad_timestamp',
  'bad_number',
  'line_too_long',
  'invalid_utf8',
]);

export interface CorpusEntry {
  name: string;
  /** The line(s) as a parser receives them (a `bytes` entry can hold several). */
  lines: string[];
  /** The LogFormat / ErrorLogFormat that exposed a bug: replayed with it too, and timed. */
  accessFormat?: string;
  errorFormat?: string;
}

interface CorpusRow {
  name: string;
  line?: string;
  repeat?: { text: string; times: number };
  tail?: string;
  bytes?: string;
  accessFormat?: string;
  errorFormat?: string;
  found?: string;
}

/** Lines as the tailer delivers them: split at `\n` by the real line splitter, `\r` stripped, UTF-8 decoded. */
export function linesAsTailed(bytes: Uint8Array, maxLineBytes = 64 * 1024): string[] {
  const lines: string[] = [];
  const splitter = createLineSplitter({ maxLineBytes });
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  splitter.push(buf, 0, buf.length, (text) => lines.push(text));
  splitter.push(Buffer.from('\n'), 0, 1, (text) => lines.push(text)); // the last, unterminated line
  return lines;
}

function expand(row: CorpusRow): CorpusEntry {
  const lines =
    row.bytes !== undefined
      ? linesAsTailed(Buffer.from(row.bytes, 'hex'))
      : [
          (row.line ?? '') +
            (row.repeat === undefined ? '' : row.repeat.text.repeat(row.repeat.times)) +
            (row.tail ?? ''),
        ];
  const entry: CorpusEntry = { name: row.name, lines };
  if (row.accessFormat !== undefined) entry.accessFormat = row.accessFormat;
  if (row.errorFormat !== undefined) entry.errorFormat = row.errorFormat;
  return entry;
}

export const corpus: CorpusEntry[] = readFileSync(new URL('../fixtures/nasty/lines.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l !== '')
  .map((l) => expand(JSON.parse(l) as CorpusRow));

/** Rich formats: every directive family of apache-mod_wsgi-formats.md §3.2 appears in one of them. */
export const RICH_FORMATS = [
  ...Object.values(LOG_FORMAT_NICKNAMES),
  '%h %l %u %t "%r" %>s %O "%{Referer}i" "%{User-Agent}i" %D',
  '%v:%p %a %{remote}p %A %l %u %{%d/%b/%Y:%H:%M:%S}t.%{msec_frac}t "%m %U%q %H" %<s %>s %b %B %I %O %^FB %X %k %L %P/%{tid}P %{ms}T %T %{us}T "%{rate-limit}e" "%{rate-initial-burst}e" %{SSL_PROTOCOL}x %{Set-Cookie}o %{note}n %{c}C %!200,304{Referer}i %200{X-Forwarded-For}i %f %R %V %{canonical}p %{local}p',
  '%{c}a %{begin:sec}t %{end:usec_frac}t "%r" %s "%{Content-Type}o" %{ms}T',
];

/** An ErrorLogFormat with most §2.3 items: time with µs, module:level, pid:tid, source, APR status, peer, referer. */
export const RICH_ERROR_FORMAT = '[%{cu}t] [%-m:%l] [pid %P:tid %T] %7F: %E: [client %a] %M% , referer %{Referer}i';

/** An in-memory ConfigFs holding `files`: unknown paths fail with ENOENT, globs match nothing. */
export function memoryConfigFs(files: Record<string, string>): ConfigFs {
  return {
    readFile: (path) => {
      if (Object.hasOwn(files, path)) return files[path];
      throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
    },
    listDir: () => [],
    isDirectory: () => false,
    glob: () => [],
  };
}

/**
 * A vhost with wildcard aliases, prefix and regex locations: the location matcher's inputs (host, path) come from the
 * access log, so they are fuzzed too.
 */
export const MATCHER_CONFIG = [
  'Listen 80',
  '<VirtualHost *:80>',
  'ServerName app.example.com',
  'ServerAlias *.*.*.example.com *x*y*z* ?*?.org',
  'WSGIDaemonProcess shop processes=2 threads=4',
  'WSGIScriptAlias /shop /srv/shop/app.wsgi process-group=shop',
  '<Location /downloads>',
  'SetOutputFilter RATE_LIMIT',
  'SetEnv rate-limit 400',
  '</Location>',
  '<LocationMatch "^/api/v[0-9]+/.*\\.json$">',
  'SetEnv rate-limit 100',
  '</LocationMatch>',
  '</VirtualHost>',
  '',
].join('\n');

/** No C0/C1 control character and no DEL: what Apache would have escaped as \\xhh. */
export function isPrintable(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return false;
  }
  return true;
}
