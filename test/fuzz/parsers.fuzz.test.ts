// Issue #7 fuzzing: property tests (fast-check) for the access parser, the LogFormat compiler, the error parser with the
// default and random ErrorLogFormats, the event classifier, the Apache config reader and the location matcher: no
// throw, outputs within bounds, round trips through tiny formatters written here, and the corpus of nasty lines
// (test/fixtures/nasty/) through every parser.
// Budget: FUZZ_RUNS (default 200 per property, CI); `npm run fuzz` runs 20,000. FUZZ_SEED replays a failure.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { describeFormat } from '../../src/analyse/findings/list-access-log-formats.ts';
import { createLocationMatcher, wildcardMatch } from '../../src/analyse/match-location.ts';
import { classifyErrorRecord } from '../../src/analyse/wsgi/classify-error-record.ts';
import { createTracebackGrouper } from '../../src/analyse/wsgi/group-tracebacks.ts';
import type { WsgiEvent } from '../../src/analyse/wsgi/wsgi-event.ts';
import { WSGI_EVENT_KINDS } from '../../src/analyse/wsgi/wsgi-event-kinds.ts';
import { loadApacheConfig } from '../../src/config/apache/load-apache-config.ts';
import { readApacheConfig } from '../../src/config/apache/read-apache-config.ts';
import { type CompiledLogFormat, compileLogFormat, LogFormatError } from '../../src/parse/access/compile-log-format.ts';
import {
  type CompiledErrorLogFormat,
  compileErrorLogFormat,
  ErrorLogFormatError,
} from '../../src/parse/error/compile-error-log-format.ts';
import type { ErrorRecord } from '../../src/parse/error/error-record.ts';
import { parseErrorLine } from '../../src/parse/error/parse-error-line.ts';
import { type ParseFailure, SAMPLE_LENGTH } from '../../src/parse/parse-failure.ts';
import {
  type CorpusEntry,
  corpus,
  FAILURE_REASONS,
  FUZZ_RUNS,
  fuzzParams,
  isPrintable,
  linesAsTailed,
  MATCHER_CONFIG,
  memoryConfigFs,
  RICH_ERROR_FORMAT,
  RICH_FORMATS,
} from './fuzz-inputs.ts';

const ENGINES = [{}, { engine: 'regex' }, { engine: 'interpreted' }] as const;
const accessParsers: CompiledLogFormat[] = RICH_FORMATS.flatMap((f) => ENGINES.map((e) => compileLogFormat(f, e)));
const errorFormats: CompiledErrorLogFormat[] = [compileErrorLogFormat(), compileErrorLogFormat(RICH_ERROR_FORMAT)];
const KINDS = new Set(WSGI_EVENT_KINDS);
const LEVELS = new Set(['emerg', 'alert', 'crit', 'error', 'warn', 'notice', 'info', 'debug']);
for (let i = 1; i <= 8; i++) LEVELS.add(`trace${i}`);
const matchRequest = createLocationMatcher(
  readApacheConfig('/etc/apache2/apache2.conf', memoryConfigFs({ '/etc/apache2/apache2.conf': MATCHER_CONFIG }), {
    checkDirectives: false,
  }).model,
);

// Fields whose value is one of a fixed set, not text from the line: a constant such as `peerKind: 'client'` (set for
// `%a`) is longer than a 1-character line, so these are checked for membership instead of length (FUZZ_SEED=477056279).
const ENUM_FIELDS: Record<string, ReadonlySet<string>> = {
  'record.peerKind': new Set(['client', 'remote']),
  'record.level': LEVELS,
  'event.kind': KINDS,
  'event.level': LEVELS,
  'event.peer.kind': new Set(['client', 'remote']),
};

/** Every string (also nested: extra, peer) is no longer than the line, or one of its field's set; numbers are finite. */
function checkBounds(line: string, value: unknown, path = 'record'): void {
  const allowed = ENUM_FIELDS[path];
  if (allowed !== undefined) expect(allowed.has(value as string), `${path} = ${String(value)}`).toBe(true);
  else if (typeof value === 'string') expect(value.length, path).toBeLessThanOrEqual(line.length);
  else if (typeof value === 'number') expect(Number.isFinite(value), `${path} = ${value}`).toBe(true);
  else if (typeof value === 'object' && value !== null)
    for (const [k, v] of Object.entries(value)) checkBounds(line, v, `${path}.${k}`);
}

function checkFailure(r: ParseFailure): void {
  expect(FAILURE_REASONS.has(r.reason), r.reason).toBe(true);
  expect(r.sample.length).toBeLessThanOrEqual(SAMPLE_LENGTH + 1);
}

function checkAccessResult(line: string, r: ReturnType<CompiledLogFormat['parse']>): void {
  if (!r.ok) {
    checkFailure(r);
    return;
  }
  checkBounds(line, r);
  for (const s of [r.status, r.originalStatus]) if (s !== undefined) expect(Number.isInteger(s)).toBe(true);
}

/**
 * A classified event: a kind of the bounded list, a well-formed code, a level Apache has, a capped message, no string
 * longer than the input it came from (`input`: the line, or every line fed to a traceback grouper).
 */
function checkEvent(input: string, e: WsgiEvent | undefined): void {
  if (e === undefined) return;
  expect(KINDS.has(e.kind), e.kind).toBe(true);
  if (e.code !== undefined) expect(e.code).toMatch(/^WSGI\d{4}$/);
  expect(LEVELS.has(e.level), e.level).toBe(true);
  expect(e.message.length).toBeLessThanOrEqual(1000);
  checkBounds(input, e, 'event');
}

function checkErrorResult(line: string, r: ErrorRecord | ParseFailure): WsgiEvent | undefined {
  if (!r.ok) {
    checkFailure(r);
    return undefined;
  }
  checkBounds(line, r);
  if (r.level !== undefined) expect(LEVELS.has(r.level), r.level).toBe(true);
  const event = classifyErrorRecord(r);
  checkEvent(line, event);
  return event;
}

/**
 * Every parser on one line. The grouper carries state across lines (one per caller); `grouped` is every line fed to
 * it so far, the bound for the events it closes.
 */
function throughEverything(line: string, grouper = createTracebackGrouper(), grouped = line): void {
  for (const p of accessParsers) checkAccessResult(line, p.parse(line));
  for (const f of errorFormats) {
    const r = f.parse(line);
    const event = checkErrorResult(line, r);
    if (r.ok) for (const e of grouper.push(r, event)) checkEvent(grouped, e);
  }
  checkErrorResult(line, parseErrorLine(line));
  checkBounds(line, describeFormat(line)); // the line as a LogFormat: compiled, or scanned for directives
  for (const ctx of [matchRequest(line, '/downloads/x', 80), matchRequest('app.example.com', line, 80)])
    expect(ctx.location.length).toBeLessThanOrEqual(Math.max(line.length, MATCHER_CONFIG.length));
}

const VALID_COMBINED =
  '203.0.113.9 - alice [24/Nov/2026:01:02:03 +0000] "GET /downloads/big.iso?x=1 HTTP/1.1" 200 2097152 "https://ref.example/" "curl/8.5" 2113942';
const VALID_ERROR =
  '[Tue Nov 24 01:02:03.123456 2026] [wsgi:error] [pid 23839:tid 23855] [client 127.0.0.1:55662] [script /srv/app.wsgi] WSGI0174: RuntimeError exception raised processing WSGI script /srv/app.wsgi.';
const NASTY = [
  '\u0000',
  '\r',
  '"',
  '\\',
  '\\x1b',
  '\\xff',
  '\\"',
  '[',
  ']',
  ' ',
  '-',
  '%',
  ':',
  '\ud800',
  '\ufffd',
  '\u202e',
  '\x1b[2J',
  'WSGI0037: ',
  'AH00052: ',
  '[client ',
  ', referer: ',
];

/** A valid line (or a corpus line) with random strings spliced in, deleted or replaced. */
const mutatedLine = fc
  .tuple(
    fc.constantFrom(VALID_COMBINED, VALID_ERROR, ...corpus.flatMap((c) => c.lines).filter((l) => l.length < 4096)),
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
const anyLine = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc.string({ maxLength: 400 }),
  fc.string({ unit: fc.constantFrom(...NASTY), maxLength: 200 }),
  mutatedLine,
);

describe('fuzz: access-log parser', () => {
  it('never throws on any line with any rich format or nickname (every engine); results stay in bounds', () => {
    fc.assert(
      fc.property(anyLine, (line) => {
        for (const p of accessParsers) checkAccessResult(line, p.parse(line));
      }),
      fuzzParams,
    );
  });

  it('huge lines: a 1 MiB line parses; one character more is refused as line_too_long', () => {
    const head = '203.0.113.9 - - [24/Nov/2026:01:02:03 +0000] "GET / HTTP/1.1" 200 5 "-" "';
    const fit = `${head}${'A'.repeat(1024 * 1024 - head.length - 1)}"`;
    const combined = compileLogFormat('%h %l %u %t "%r" %>s %O "%{Referer}i" "%{User-Agent}i"');
    const r = combined.parse(fit);
    expect(fit.length).toBe(1024 * 1024);
    expect(r.ok && r.userAgent?.length).toBe(1024 * 1024 - head.length - 1);
    const over = `${fit}A`;
    for (const p of accessParsers) {
      const o = p.parse(over);
      expect(!o.ok && o.reason).toBe('line_too_long');
    }
  });

  it('lines as the tailer delivers them (random bytes, invalid UTF-8, CR, NUL) through every parser', () => {
    const byte = fc.oneof(
      fc.integer({ min: 0, max: 255 }),
      fc.constantFrom(0x0a, 0x0d, 0x00, 0x5c, 0x22, 0x80, 0xbf, 0xc0, 0xe2, 0xed, 0xf0, 0xf8, 0xff),
    );
    const bytes = fc.oneof(
      fc.array(byte, { maxLength: 300 }),
      fc
        .tuple(fc.constantFrom(VALID_COMBINED, VALID_ERROR), fc.array(fc.tuple(fc.nat(), byte), { maxLength: 8 }))
        .map(([line, edits]) => {
          const b = [...Buffer.from(line)];
          for (const [at, v] of edits) b.splice(at % (b.length + 1), 0, v);
          return b;
        }),
    );
    fc.assert(
      fc.property(bytes, (b) => {
        const grouper = createTracebackGrouper();
        const lines = linesAsTailed(Uint8Array.from(b), 256);
        const all = lines.join('\n');
        for (const line of lines) throughEverything(line, grouper, all);
        for (const e of grouper.flush()) checkEvent(all, e);
      }),
      fuzzParams,
    );
  });
});

// ---- Round trips: a tiny formatter writes random records the way httpd does; parsing them back gives the fields. ----

const NAMED_ESCAPES: Record<number, string> = { 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 13: '\\r' };
/** ap_escape_logitem (httpd server/util.c): `"`, `\` and every byte that is not printable ASCII, as \" \\ \n \xhh. */
function escapeLogItem(s: string): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) {
    if (b === 0x22) out += '\\"';
    else if (b === 0x5c) out += '\\\\';
    else if (b >= 0x20 && b < 0x7f) out += String.fromCharCode(b);
    else out += NAMED_ESCAPES[b] ?? `\\x${b.toString(16).padStart(2, '0')}`;
  }
  return out;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** %t: `[24/Nov/2026:01:02:03 +0100]`, the wall clock of `seconds` in a zone `offset` minutes east. */
function clfTime(seconds: number, offset: number): string {
  const d = new Date((seconds + offset * 60) * 1000);
  const zone = `${offset < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(offset) / 60))}${pad(Math.abs(offset) % 60)}`;
  return `[${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${zone}]`;
}

/** The error log's default time: `Tue Nov 24 01:02:03.123456 2026` (ap_recent_ctime_ex with microseconds), UTC. */
function ctimeMicros(seconds: number, micros: number): string {
  const d = new Date(seconds * 1000);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(micros, 6)} ${d.getUTCFullYear()}`;
}

const token = (max: number) => fc.stringMatching(new RegExp(`^[A-Za-z0-9._~-]{1,${max}}$`));
// No lone surrogate: UTF-8 cannot carry one, so Apache never logs one.
const wellFormed = (max: number) => fc.string({ unit: 'binary', maxLength: max }).filter((s) => !/\p{Cs}/u.test(s));
const epochSeconds = fc.integer({ min: 0, max: 4102444799 }); // 1970 … 2099

describe('fuzz: round trips through a formatter', () => {
  it('access: random records written by ap_escape_logitem rules into a rich LogFormat parse back to themselves', () => {
    const format = compileLogFormat(
      '%h %l %u %t "%r" %>s %O "%{Referer}i" "%{User-Agent}i" %D "%{X-Trace}i" %v %{remote}p %L %{ms}T',
    );
    const record = fc.record({
      ip: fc.oneof(fc.ipV4(), fc.ipV6()),
      time: epochSeconds,
      offset: fc.integer({ min: -720, max: 840 }),
      method: fc.constantFrom('GET', 'POST', 'HEAD', 'PUT', 'DELETE', 'PROPFIND'),
      path: wellFormed(60).map((s) => `/${s.replace(/[\s?]/g, '')}`),
      query: fc.option(
        token(30).map((t) => `?${t}`),
        { nil: '' },
      ),
      status: fc.integer({ min: 100, max: 599 }),
      bytes: fc.maxSafeNat(),
      referer: wellFormed(80),
      agent: wellFormed(120),
      trace: wellFormed(40),
      us: fc.nat(10 ** 9),
      vhost: fc.domain(),
      port: fc.integer({ min: 1, max: 65535 }),
      logId: fc.stringMatching(/^[A-Za-z0-9@-]{1,24}$/),
    });
    fc.assert(
      fc.property(record, (x) => {
        const line = [
          `${x.ip} - - ${clfTime(x.time, x.offset)}`,
          `"${x.method} ${escapeLogItem(x.path)}${x.query} HTTP/1.1" ${x.status} ${x.bytes}`,
          `"${escapeLogItem(x.referer)}" "${escapeLogItem(x.agent)}" ${x.us} "${escapeLogItem(x.trace)}"`,
          `${x.vhost} ${x.port} ${x.logId} ${Math.floor(x.us / 1000)}`,
        ].join(' ');
        const r = format.parse(line);
        expect(r.ok, line).toBe(true);
        if (!r.ok) return;
        expect(r.clientIp).toBe(x.ip);
        expect(r.timeSeconds).toBe(x.time);
        expect(r.method).toBe(x.method);
        expect(r.urlPath).toBe(x.path);
        expect(r.query).toBe(x.query);
        expect(r.protocol).toBe('HTTP/1.1');
        expect(r.status).toBe(x.status);
        expect(r.responseBytes).toBe(x.bytes);
        // `-` is how Apache logs an absent header, so an empty or `-` value reads back as absent.
        expect(r.referer ?? '').toBe(x.referer === '-' ? '' : x.referer);
        expect(r.userAgent ?? '').toBe(x.agent === '-' ? '' : x.agent);
        expect(r.extra?.['%{X-Trace}i'] ?? '').toBe(x.trace === '-' ? '' : x.trace);
        expect(r.durationSeconds).toBeCloseTo(x.us / 1e6, 9); // %D wins over %{ms}T: microseconds
        expect(r.vhost).toBe(x.vhost);
        expect(r.clientPort).toBe(x.port);
        expect(r.requestLogId).toBe(x.logId === '-' ? undefined : x.logId);
      }),
      fuzzParams,
    );
  });

  it('error: random records in the default error-log format parse back to themselves', () => {
    const LEVEL_LIST = [...LEVELS];
    const record = fc.record({
      time: epochSeconds,
      micros: fc.integer({ min: 0, max: 999999 }),
      module: fc.stringMatching(/^[a-z_]{1,12}$/),
      level: fc.constantFrom(...LEVEL_LIST),
      pid: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
      tid: fc.option(fc.maxSafeNat(), { nil: undefined }),
      peer: fc.option(fc.record({ kind: fc.constantFrom('client', 'remote'), ip: fc.ipV4(), port: fc.nat(65535) }), {
        nil: undefined,
      }),
      // Printable and without the tags the parser lifts out of a message (`[script …]`, codes, referer tail).
      message: fc
        .string({ maxLength: 200 })
        .filter((s) => isPrintable(s) && !/[\\[(]|WSGI|AH\d|, referer: /.test(s) && s.trim() === s && s.length > 0),
    });
    fc.assert(
      fc.property(record, (x) => {
        const pid = x.tid === undefined ? `[pid ${x.pid}]` : `[pid ${x.pid}:tid ${x.tid}]`;
        const peer = x.peer === undefined ? '' : `[${x.peer.kind} ${x.peer.ip}:${x.peer.port}] `;
        const line = `[${ctimeMicros(x.time, x.micros)}] [${x.module}:${x.level}] ${pid} ${peer}${x.message}`;
        const r = parseErrorLine(line, { utcOffsetMinutes: 0 });
        expect(r.ok && r.prefixed, line).toBe(true);
        if (!r.ok) return;
        expect(r.timeSeconds).toBeCloseTo(x.time + x.micros / 1e6, 6);
        expect(r.module).toBe(x.module);
        expect(r.level).toBe(x.level);
        expect(r.pid).toBe(x.pid);
        expect(r.tid).toBe(x.tid);
        expect(r.peerKind).toBe(x.peer?.kind);
        expect(r.peer).toEqual(x.peer === undefined ? undefined : { ip: x.peer.ip, port: x.peer.port });
        expect(r.message).toBe(x.message);
      }),
      fuzzParams,
    );
  });
});

describe('fuzz: LogFormat compiler', () => {
  const piece = fc.oneof(
    fc.constantFrom(
      '%h',
      '%a',
      '%{c}a',
      '%A',
      '%>s',
      '%<s',
      '%s',
      '%O',
      '%I',
      '%S',
      '%B',
      '%b',
      '%D',
      '%T',
      '%{ms}T',
      '%{us}T',
      '%t',
      '%{%Y-%m-%d}t',
      '%{%s}t',
      '%{begin:msec_frac}t',
      '%{end:%d/%b/%Y}t',
      '%r',
      '%m',
      '%U',
      '%q',
      '%H',
      '%f',
      '%v',
      '%V',
      '%l',
      '%u',
      '%k',
      '%L',
      '%R',
      '%{Referer}i',
      '%{User-Agent}i',
      '%{X}o',
      '%{rate-limit}e',
      '%{rate-initial-burst}e',
      '%{n}n',
      '%{c}C',
      '%{SSL_PROTOCOL}x',
      '%p',
      '%{remote}p',
      '%{local}p',
      '%P',
      '%{tid}P',
      '%^FB',
      '%X',
      '%!200,304{Referer}i',
      '%400,501{User-agent}i',
      '%%',
      '"',
      ' ',
      '\\"',
      '\\t',
      '[',
      ']',
      ':',
    ),
    fc.string({ unit: 'binary', maxLength: 4 }),
    fc.string({ maxLength: 3 }).map((s) => `%${s}`),
    fc.string({ maxLength: 6 }).map((s) => `%{${s}}`),
  );
  it('either compiles to a parser that never throws, or throws a LogFormatError naming the directive', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), fc.array(anyLine, { maxLength: 3 }), (pieces, lines) => {
        const format = pieces.join('');
        let compiled: CompiledLogFormat[];
        try {
          compiled = ENGINES.map((e) => compileLogFormat(format, e));
        } catch (err) {
          expect(err).toBeInstanceOf(LogFormatError);
          const e = err as LogFormatError;
          expect(e.message).toContain(e.directive);
          expect(e.column).toBeGreaterThanOrEqual(1);
          expect(format.slice(e.column - 1).startsWith(e.directive.slice(0, 1))).toBe(true);
          return;
        }
        for (const line of lines) for (const c of compiled) checkAccessResult(line, c.parse(line));
      }),
      fuzzParams,
    );
  });
});

describe('fuzz: error-log parser, ErrorLogFormat compiler, classifier, traceback grouper', () => {
  const item = fc.oneof(
    fc.constantFrom(
      '%t',
      '%{u}t',
      '%{cu}t',
      '%{cuz}t',
      '%l',
      '%m',
      '%-m',
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
      '%{c}L',
      '%{C}L',
      '%{X}i',
      '%{Referer}i',
      '%{n}n',
      '%{e}e',
      '%v',
      '%V',
      '%k',
      '%7l',
      '%+F',
      '%%',
      '% ',
      '[',
      '] ',
      ' ',
      ': ',
      '\\ ',
      ',',
    ),
    fc.string({ maxLength: 3 }).map((s) => `%${s}`),
  );
  it('the default format and random ErrorLogFormats never throw; records and events stay in bounds', () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 10 }), fc.array(anyLine, { maxLength: 4 }), (items, lines) => {
        const format = items.join('');
        let formats = [compileErrorLogFormat()];
        try {
          formats = [...formats, compileErrorLogFormat(format)];
        } catch (err) {
          expect(err).toBeInstanceOf(ErrorLogFormatError);
          const e = err as ErrorLogFormatError;
          expect(e.message).toContain(e.item);
          expect(format.startsWith('%', e.column)).toBe(true);
        }
        const grouper = createTracebackGrouper({ maxLinesPerGroup: 3, maxOpenGroups: 2 });
        const all = lines.join('\n');
        for (const line of lines) {
          for (const f of formats) {
            const r = f.parse(line);
            const event = checkErrorResult(line, r);
            if (r.ok) for (const e of grouper.push(r, event)) checkEvent(all, e);
          }
          checkErrorResult(line, parseErrorLine(line));
        }
        for (const e of grouper.flush()) checkEvent(all, e);
      }),
      fuzzParams,
    );
  });
});

describe('fuzz: Apache config reader and location matcher', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wsgiwatch-fuzz-conf-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const part = fc.oneof(
    fc.constantFrom(
      'Include',
      'IncludeOptional',
      '<Location',
      '</Location>',
      '<LocationMatch',
      '</LocationMatch>',
      '<VirtualHost',
      '</VirtualHost>',
      '<IfModule',
      '</IfModule>',
      '<IfDefine',
      '</IfDefine>',
      '<Directory',
      '</Directory>',
      'WSGIDaemonProcess',
      'WSGIScriptAlias',
      'SetEnv rate-limit',
      'SetOutputFilter RATE_LIMIT',
      'LogFormat',
      'CustomLog',
      'ErrorLog',
      'ErrorLogFormat',
      'ServerRoot',
      'ServerName',
      'ServerAlias',
      'DocumentRoot',
      'Define',
      'UnDefine',
      '${',
      '}',
      '"',
      '\\',
      '#',
      '>',
      '\n',
      '\r\n',
      '/',
    ),
    fc.string({ maxLength: 12 }),
    fc.constant(' self.conf'),
    fc.constant(' *.conf'),
  );
  const configText = fc.array(part, { maxLength: 30 }).map((parts) => parts.join(' '));

  it('returns a model or errors naming file:line for any text, includes and loops included; never throws', () => {
    let n = 0;
    fc.assert(
      fc.property(configText, (text) => {
        const file = join(dir, `c${n++ % 4}.conf`);
        writeFileSync(file, text);
        writeFileSync(join(dir, 'self.conf'), `Include ${file}\n`);
        const r = loadApacheConfig(file);
        for (const e of [...r.errors, ...r.warnings]) {
          expect(typeof e.file).toBe('string');
          expect(e.line).toBeGreaterThanOrEqual(1);
          expect(e.message.length).toBeGreaterThan(0);
        }
        // The matcher is built from whatever model came out, and answers any request.
        const match = createLocationMatcher(r.model);
        for (const ctx of [match(text, text, 80), match(undefined, '/', undefined)])
          expect(typeof ctx.location).toBe('string');
      }),
      { ...fuzzParams, numRuns: Math.max(20, Math.floor(FUZZ_RUNS / 4)) },
    );
  });

  it('an include loop with any content around it is reported once as a loop naming file:line', () => {
    fc.assert(
      fc.property(configText, configText, (a, b) => {
        const files = { '/c/a.conf': `Include /c/b.conf\n${a}`, '/c/b.conf': `Include /c/a.conf\n${b}` };
        const r = readApacheConfig('/c/a.conf', memoryConfigFs(files));
        const loops = r.errors.filter((e) => e.message.startsWith('Include loop: '));
        expect(loops).toContainEqual({
          file: '/c/b.conf',
          line: 1,
          message: 'Include loop: /c/a.conf -> /c/b.conf -> /c/a.conf',
        });
      }),
      fuzzParams,
    );
  });

  it('ServerAlias wildcards match as the regex they replace did (on short hosts, where it was fast)', () => {
    const glob = fc.string({ unit: fc.constantFrom('*', '?', 'a', 'b', '.'), maxLength: 8 });
    const host = fc.string({ unit: fc.constantFrom('a', 'b', '.', 'c'), maxLength: 12 });
    fc.assert(
      fc.property(glob, host, (g, h) => {
        const re = new RegExp(`^${g.replace(/\./g, '\\.').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
        expect(wildcardMatch(g, h)).toBe(re.test(h));
      }),
      fuzzParams,
    );
  });
});

describe('corpus replay: every nasty line through every parser', () => {
  /** The entry's own format compiled (every engine), or the documented error for a format too big to compile. */
  function compileEntryFormats(entry: CorpusEntry) {
    const access: CompiledLogFormat[] = [];
    const error: CompiledErrorLogFormat[] = [];
    const { accessFormat, errorFormat } = entry;
    try {
      if (accessFormat !== undefined) access.push(...ENGINES.map((e) => compileLogFormat(accessFormat, e)));
    } catch (err) {
      expect(err).toBeInstanceOf(LogFormatError);
    }
    try {
      if (errorFormat !== undefined) error.push(compileErrorLogFormat(errorFormat));
    } catch (err) {
      expect(err).toBeInstanceOf(ErrorLogFormatError);
    }
    return { access, error };
  }

  it.each(corpus.map((c) => [c.name, c] as const))('%s', (_name, entry) => {
    // No timing here (tests are clock-free): the regexes these formats compile to are proved free of super-linear
    // backtracking by redos.fuzz.test.ts, and bench/linear-time.ts times the parsers.
    const formats = compileEntryFormats(entry);
    for (const line of entry.lines) {
      throughEverything(line);
      const conf = memoryConfigFs({ '/c/nasty.conf': line });
      for (const e of readApacheConfig('/c/nasty.conf', conf).errors)
        expect(e).toMatchObject({ file: '/c/nasty.conf', line: 1 });
      expect(typeof matchRequest(line, line, 80).location).toBe('string');
      expect(describeFormat(line)).toBeDefined();
      for (const p of formats.access) {
        checkAccessResult(line, p.parse(line));
      }
      for (const f of formats.error) {
        checkErrorResult(line, f.parse(line));
      }
    }
  });

  it('a 1 MiB line through every parser, the config reader and the matcher', () => {
    const line = `${VALID_ERROR.slice(0, 60)}${'\\x'.repeat(512 * 1024)}`;
    throughEverything(line);
    readApacheConfig('/c/big.conf', memoryConfigFs({ '/c/big.conf': `ServerName ${line}` }));
  });
});
