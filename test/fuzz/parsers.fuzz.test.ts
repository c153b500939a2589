// Issue #7 fuzzing: property tests (fast-check) for the access parser, the LogFormat compiler, the error parser with the
// default and random ErrorLogFormats, the event classifier and the Apache config reader: no throw, outputs within bounds,
// a round trip for the combined format, and the corpus of nasty lines (test/fixtures/nasty/) through every parser.
// Budget: FUZZ_RUNS (default 200 per property, CI); `npm run fuzz` runs 20,000. FUZZ_SEED replays a failure.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { classifyErrorRecord } from '../../src/analyse/wsgi/classify-error-record.ts';
import { loadApacheConfig } from '../../src/config/apache/load-apache-config.ts';
import { type CompiledLogFormat, compileLogFormat, LogFormatError } from '../../src/parse/access/compile-log-format.ts';
import { compileErrorLogFormat, ErrorLogFormatError } from '../../src/parse/error/compile-error-log-format.ts';
import { parseErrorLine } from '../../src/parse/error/parse-error-line.ts';
import { SAMPLE_LENGTH } from '../../src/parse/parse-failure.ts';
import { corpus, isPrintable, RICH_FORMATS } from './fuzz-inputs.ts';

const numRuns = Number(process.env.FUZZ_RUNS ?? 200);
const seed = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const params = { numRuns, ...(seed === undefined ? {} : { seed }) };
const REASONS = new Set(['empty', 'format_mismatch', 'bad_timestamp', 'bad_number', 'line_too_long', 'invalid_utf8']);

const accessParsers: CompiledLogFormat[] = RICH_FORMATS.flatMap((f) => [
  compileLogFormat(f),
  compileLogFormat(f, { engine: 'regex' }),
]);

function checkAccessResult(line: string, r: ReturnType<CompiledLogFormat['parse']>): void {
  if (r.ok) {
    for (const v of Object.values(r)) {
      if (typeof v === 'string') expect(v.length).toBeLessThanOrEqual(line.length);
      if (typeof v === 'number') expect(Number.isNaN(v)).toBe(false);
    }
    if (r.status !== undefined) expect(Number.isInteger(r.status)).toBe(true);
  } else {
    expect(REASONS.has(r.reason)).toBe(true);
    expect(r.sample.length).toBeLessThanOrEqual(SAMPLE_LENGTH + 1);
  }
}

const VALID_COMBINED =
  '203.0.113.9 - alice [24/Nov/2026:01:02:03 +0000] "GET /downloads/big.iso?x=1 HTTP/1.1" 200 2097152 "https://ref.example/" "curl/8.5" 2113942';
const NASTY = [
  '\u0000',
  '\r',
  '"',
  '\\',
  '\\x1b',
  '\\"',
  '[',
  ']',
  ' ',
  '-',
  '%',
  '\ud800',
  '\ufffd',
  '\u202e',
  '\x1b[2J',
];

/** A valid line with random bytes spliced in, deleted or replaced. */
const mutatedLine = fc
  .tuple(
    fc.constantFrom(VALID_COMBINED, ...corpus.map((c) => c.line)),
    fc.array(
      fc.tuple(fc.nat(), fc.nat(8), fc.oneof(fc.constantFrom(...NASTY), fc.string({ unit: 'binary', maxLength: 8 }))),
      { maxLength: 6 },
    ),
  )
  .map(([line, edits]) => {
    let s = line;
    for (const [at, del, ins] of edits) {
      const i = at % (s.length + 1);
      s = s.slice(0, i) + ins + s.slice(i + del);
    }
    return s;
  });
const anyLine = fc.oneof(fc.string({ unit: 'binary', maxLength: 400 }), fc.string({ maxLength: 400 }), mutatedLine);

describe('fuzz: access-log parser', () => {
  it('never throws on any line with any rich format or nickname; failures carry a known reason', () => {
    fc.assert(
      fc.property(anyLine, (line) => {
        for (const p of accessParsers) checkAccessResult(line, p.parse(line));
      }),
      params,
    );
  });

  it('round trip: a combined line built from random fields parses back to those fields', () => {
    const token = fc.stringMatching(/^[A-Za-z0-9._~\-/]{1,40}$/);
    const combined = compileLogFormat('%h %l %u %t "%r" %>s %O "%{Referer}i" "%{User-Agent}i" %D');
    fc.assert(
      fc.property(
        fc.ipV4(),
        fc.constantFrom('GET', 'POST', 'HEAD', 'PUT', 'DELETE'),
        token.map((t) => `/${t}`),
        fc.integer({ min: 100, max: 599 }),
        fc.nat(1 << 30),
        fc.nat(10 ** 9),
        fc.string({ maxLength: 60 }).filter((s) => isPrintable(s) && !/["\\]/.test(s) && s.trim() === s),
        (ip, method, path, status, bytes, us, agent) => {
          const line = `${ip} - - [24/Nov/2026:01:02:03 +0000] "${method} ${path} HTTP/1.1" ${status} ${bytes} "-" "${agent}" ${us}`;
          const r = combined.parse(line);
          expect(r.ok, line).toBe(true);
          if (!r.ok) return;
          expect(r.clientIp).toBe(ip);
          expect(r.method).toBe(method);
          expect(r.urlPath).toBe(path);
          expect(r.status).toBe(status);
          expect(r.responseBytes).toBe(bytes);
          expect(r.durationSeconds).toBeCloseTo(us / 1e6, 9); // %D: microseconds
          expect(r.timeSeconds).toBe(Date.UTC(2026, 10, 24, 1, 2, 3) / 1000);
        },
      ),
      params,
    );
  });
});

describe('fuzz: LogFormat compiler', () => {
  const piece = fc.oneof(
    fc.constantFrom(
      '%h',
      '%a',
      '%{c}a',
      '%>s',
      '%<s',
      '%s',
      '%O',
      '%B',
      '%b',
      '%D',
      '%T',
      '%{ms}T',
      '%t',
      '%{%Y-%m-%d}t',
      '%r',
      '%U',
      '%q',
      '%{Referer}i',
      '%{X}o',
      '%{rate-limit}e',
      '%{n}n',
      '%{c}C',
      '%p',
      '%{remote}p',
      '%P',
      '%^FB',
      '%X',
      '%!200,304{Referer}i',
      '%%',
      '"',
      ' ',
      '\\"',
      '\\t',
      '[',
      ']',
    ),
    fc.string({ unit: 'binary', maxLength: 4 }),
    fc.string({ maxLength: 3 }).map((s) => `%${s}`),
  );
  it('either compiles to a parser that never throws, or throws a LogFormatError naming the directive', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), fc.array(anyLine, { maxLength: 3 }), (pieces, lines) => {
        const format = pieces.join('');
        let compiled: CompiledLogFormat | undefined;
        try {
          compiled = compileLogFormat(format);
        } catch (err) {
          expect(err).toBeInstanceOf(LogFormatError);
          const e = err as LogFormatError;
          expect(e.message).toContain(e.directive);
          expect(e.column).toBeGreaterThanOrEqual(1);
          return;
        }
        for (const line of lines) checkAccessResult(line, compiled.parse(line));
      }),
      params,
    );
  });
});

describe('fuzz: error-log parser, ErrorLogFormat compiler, classifier', () => {
  const item = fc.constantFrom(
    '%t',
    '%{u}t',
    '%{cu}t',
    '%l',
    '%m',
    '%P',
    '%T',
    '%{g}T',
    '%a',
    '%{c}a',
    '%A',
    '%F',
    '%E',
    '%M',
    '%L',
    '%{X}i',
    '%{n}n',
    '%{e}e',
    '%v',
    '%V',
    '%k',
    '%-m',
    '%7l',
    '%%',
    '[',
    '] ',
    ' ',
    ': ',
    '\\ ',
    '%{Referer}i',
  );
  it('the default format and random ErrorLogFormats never throw; records classify without throwing', () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 10 }), fc.array(anyLine, { maxLength: 4 }), (items, lines) => {
        let formats: ReturnType<typeof compileErrorLogFormat>[] = [compileErrorLogFormat()];
        try {
          formats = [...formats, compileErrorLogFormat(items.join(''))];
        } catch (err) {
          expect(err).toBeInstanceOf(ErrorLogFormatError);
        }
        for (const line of lines) {
          for (const f of formats) {
            const r = f.parse(line);
            if ('message' in r) classifyErrorRecord(r);
            else expect(REASONS.has(r.reason)).toBe(true);
          }
          const d = parseErrorLine(line);
          if ('message' in d) classifyErrorRecord(d);
        }
      }),
      params,
    );
  });
});

describe('fuzz: Apache config reader', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wsgiwatch-fuzz-conf-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const directive = fc.constantFrom(
    'Include',
    'IncludeOptional',
    '<Location',
    '</Location>',
    '<VirtualHost',
    '</VirtualHost>',
    '<IfModule',
    '</IfModule>',
    'WSGIDaemonProcess',
    'SetEnv rate-limit',
    'LogFormat',
    'CustomLog',
    'ErrorLog',
    'Define',
    '${',
    '"',
    '\\',
    '#',
    '\n',
  );
  it('returns a model or errors naming file:line for any text, includes and loops included; never throws', () => {
    let n = 0;
    fc.assert(
      fc.property(
        fc.array(fc.oneof(directive, fc.string({ maxLength: 12 }), fc.constant(' self.conf'), fc.constant(' *.conf')), {
          maxLength: 30,
        }),
        (parts) => {
          const file = join(dir, `c${n++ % 4}.conf`);
          writeFileSync(file, parts.join(' '));
          writeFileSync(join(dir, 'self.conf'), `Include ${file}\n`);
          const r = loadApacheConfig(file);
          for (const e of r.errors) {
            expect(typeof e.file).toBe('string');
            expect(Number.isInteger(e.line)).toBe(true);
            expect(e.message.length).toBeGreaterThan(0);
          }
        },
      ),
      { ...params, numRuns: Math.max(20, Math.floor(numRuns / 4)) },
    );
  });
});

describe('corpus replay: every nasty line through every parser', () => {
  const errorFormats = [
    compileErrorLogFormat(),
    compileErrorLogFormat('[%{cu}t] [%-m:%l] [pid %P:tid %T] %7F: %E: [client %a] %M% , referer %{Referer}i'),
  ];
  it.each(corpus.map((c) => [c.name, c.line] as const))('%s', (_name, line) => {
    for (const p of accessParsers) checkAccessResult(line, p.parse(line));
    for (const f of errorFormats) {
      const r = f.parse(line);
      if ('message' in r) classifyErrorRecord(r);
    }
  });

  it('a 1 MiB line: refused by length or parsed, never buffered into a throw', () => {
    const line = `${VALID_COMBINED.slice(0, 60)}${'A'.repeat(1 << 20)}`;
    for (const p of accessParsers) checkAccessResult(line, p.parse(line));
    for (const f of errorFormats) f.parse(line);
  });
});
