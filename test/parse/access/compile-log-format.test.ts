import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AccessRecord } from '../../../src/parse/access/access-record.ts';
import { compileLogFormat, LogFormatError } from '../../../src/parse/access/compile-log-format.ts';
import { LOG_FORMAT_NICKNAMES } from '../../../src/parse/access/resolve-log-format.ts';
import type { ParseFailure } from '../../../src/parse/parse-failure.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/access/${name}`, import.meta.url), 'utf8')
    .trimEnd()
    .split('\n');
const utc = (y: number, mo: number, d: number, h: number, mi: number, s: number) =>
  Date.UTC(y, mo - 1, d, h, mi, s) / 1000;

/** Parses with every engine (generated scanner, generated regex, interpreted regex) and insists they agree. */
function parseBoth(format: string, line: string): AccessRecord | ParseFailure {
  const auto = compileLogFormat(format).parse(line);
  expect(compileLogFormat(format, { engine: 'regex' }).parse(line)).toEqual(auto);
  expect(compileLogFormat(format, { engine: 'interpreted' }).parse(line)).toEqual(auto);
  return auto;
}

function ok(format: string, line: string): AccessRecord {
  const r = parseBoth(format, line);
  if (!r.ok) throw new Error(`expected ok, got ${r.reason}: ${r.sample}`);
  return r;
}

// Observed `perf` format of apache-mod_wsgi-formats.md §3.3 (first field only in the TTFB run).
const PERF_BODY =
  '%h %t "%r" %>s %b %B %O %I %S %D %T %{ms}T %{us}T %{s}T %X %k %L %v %V %p %{local}p %{remote}p %{pid}P %{tid}P "%{rate-limit}e" "%{rate-initial-burst}e"';
const RL_LAB = '%v:%p %a %l %u %t "%r" %>s %B %O %D %{ms}T "%{Referer}i" "%{User-Agent}i"';

describe('observed lines (verbatim from the domain notes)', () => {
  it('parses Debian combined lines (§3.1)', () => {
    const [a, b] = fixture('combined-observed.txt').map((l) => ok(LOG_FORMAT_NICKNAMES.combined, l));
    expect(a).toEqual({
      ok: true,
      clientIp: '127.0.0.1',
      timeSeconds: utc(2026, 11, 23, 20, 36, 38),
      method: 'GET',
      urlPath: '/static-var/1m.bin',
      query: '',
      protocol: 'HTTP/1.1',
      status: 200,
      responseBytes: 1048854,
      userAgent: 'curl/7.88.1',
    });
    expect(b).toMatchObject({ status: 500, responseBytes: 790, referer: 'http://ref.example/x', urlPath: '/app/boom' });
  });

  it('parses the perf format with %^FB (§3.3)', () => {
    const lines = fixture('perf-ttfb-observed.txt');
    const [first, second, third] = lines.map((l) => ok(`%^FB ${PERF_BODY}`, l));
    expect(first).toEqual({
      ok: true,
      ttfbSeconds: 216e-6,
      clientIp: '127.0.0.1',
      timeSeconds: utc(2026, 11, 23, 20, 39, 56),
      method: 'GET',
      urlPath: '/static-var/1m.bin',
      query: '',
      protocol: 'HTTP/1.1',
      status: 200,
      bodyBytes: 1048576,
      responseBytes: 1048854,
      requestBytes: 109,
      durationSeconds: 5.274957,
      connectionStatus: '+',
      vhost: 'localhost',
      serverPort: 18080,
      clientPort: 55222,
      pid: 27899,
      rateLimitRaw: '200',
      extra: {
        '%b': '1048576',
        '%S': '1048963',
        '%T': '5',
        '%{ms}T': '5274',
        '%{us}T': '5274957',
        '%{s}T': '5',
        '%k': '0',
        '%V': '127.0.0.1',
        '%p': '80',
        '%{tid}P': '140302476109504',
      },
    });
    expect(second).toMatchObject({ requestLogId: 'c60ZmZ99trg', urlPath: '/rlvar/bytes', query: '?1048576' });
    expect(third).toMatchObject({ ttfbSeconds: 1.002531, durationSeconds: 1.002698, requestLogId: 'Eq1nmR99trg' });
    expect(third.rateLimitRaw).toBeUndefined();
    expect(third.rateInitialBurstRaw).toBeUndefined();
  });

  it('parses aborted requests: %X = X, %O below %B (§3.3)', () => {
    const [a, b] = fixture('perf-aborted-observed.txt').map((l) => ok(PERF_BODY, l));
    expect(a).toMatchObject({ connectionStatus: 'X', status: 200, bodyBytes: 1048576, responseBytes: 184320 });
    expect(a.rateLimitRaw).toBe('100');
    expect(b).toMatchObject({ connectionStatus: 'X', requestLogId: 'hULXlJ9sxyY', durationSeconds: 2.02699 });
  });

  it('parses the rate-limit lab lines (ratelimit-measurements.md)', () => {
    const records = fixture('rl-lab-observed.txt').map((l) => ok(RL_LAB, l));
    expect(records).toHaveLength(7);
    expect(records[0]).toEqual({
      ok: true,
      vhost: 'rl-lab.localhost',
      serverPort: 18480,
      clientIp: '127.0.0.1',
      timeSeconds: utc(2026, 11, 23, 20, 35, 30),
      method: 'GET',
      urlPath: '/daemon/boom',
      query: '?size=1&t=ev-boom-daemon',
      protocol: 'HTTP/1.1',
      status: 500,
      bodyBytes: 571,
      responseBytes: 790,
      durationSeconds: 0.009618,
      userAgent: 'curl/7.88.1',
      extra: { '%{ms}T': '9' },
    });
    expect(records[1]).toMatchObject({ status: 504, durationSeconds: 3.003459 });
    expect(records[6]).toMatchObject({ status: 500, durationSeconds: 0.000347 });
  });
});

describe('directives', () => {
  const cases: [string, string, Partial<AccessRecord>][] = [
    ['%a', '10.1.2.3', { clientIp: '10.1.2.3' }],
    ['%h', 'host.example', { clientIp: 'host.example' }],
    ['%a %h', '10.1.2.3 proxy', { clientIp: '10.1.2.3', extra: { '%h': 'proxy' } }],
    [
      '%{c}a %{c}h %A',
      '10.0.0.1 10.0.0.2 10.0.0.3',
      { extra: { '%{c}a': '10.0.0.1', '%{c}h': '10.0.0.2', '%A': '10.0.0.3' } },
    ],
    ['%B %b', '0 -', { bodyBytes: 0, extra: {} }],
    ['%b', '-', { bodyBytes: 0 }],
    ['%b', '512', { bodyBytes: 512 }],
    ['%{sessionid}C', 'abc', { extra: { '%{sessionid}C': 'abc' } }],
    ['%D', '1500000', { durationSeconds: 1.5 }],
    ['%{FOO}e', 'bar', { extra: { '%{FOO}e': 'bar' } }],
    ['%{Rate-Limit}e %{RATE-INITIAL-BURST}e', '400 512', { rateLimitRaw: '400', rateInitialBurstRaw: '512' }],
    ['%f', '/srv/www/index.html', { extra: { '%f': '/srv/www/index.html' } }],
    ['%H', 'HTTP/2.0', { protocol: 'HTTP/2.0' }],
    ['%{X-Forwarded-For}i', '1.2.3.4', { extra: { '%{X-Forwarded-For}i': '1.2.3.4' } }],
    ['"%{referer}i" "%{user-agent}i"', '"http://a/" "UA 1.0"', { referer: 'http://a/', userAgent: 'UA 1.0' }],
    ['%k', '3', { extra: { '%k': '3' } }],
    ['%l %u', 'ident alice', { extra: { '%l': 'ident', '%u': 'alice' } }],
    ['%L', 'c60ZmZ99trg', { requestLogId: 'c60ZmZ99trg' }],
    ['%m', 'POST', { method: 'POST' }],
    ['%{forensic-id}n', 'x1', { extra: { '%{forensic-id}n': 'x1' } }],
    ['%{Content-Type}o', 'text/html', { extra: { '%{Content-Type}o': 'text/html' } }],
    ['%p', '80', { serverPort: 80 }],
    ['%{canonical}p', '443', { serverPort: 443 }],
    ['%p %{local}p %{remote}p', '80 18080 55222', { serverPort: 18080, clientPort: 55222, extra: { '%p': '80' } }],
    ['%P', '4242', { pid: 4242 }],
    ['%{pid}P %{tid}P %{hextid}P', '1 2 7f00', { pid: 1, extra: { '%{tid}P': '2', '%{hextid}P': '7f00' } }],
    ['%q', '?a=1', { query: '?a=1' }],
    ['%U%q', '/p?a=1', { urlPath: '/p', query: '?a=1' }],
    ['%U%q %>s', '/p 200', { urlPath: '/p', query: '', status: 200 }],
    ['%R', 'wsgi-script', { extra: { '%R': 'wsgi-script' } }],
    ['%s', '302', { status: 302, originalStatus: 302 }],
    ['%<s %>s', '302 200', { originalStatus: 302, status: 200 }],
    ['%s %>s', '302 200', { originalStatus: 302, status: 200 }],
    ['%T', '5', { durationSeconds: 5 }],
    ['%{s}T', '5', { durationSeconds: 5 }],
    ['%{ms}T', '5274', { durationSeconds: 5.274 }],
    ['%{us}T', '5274957', { durationSeconds: 5.274957 }],
    ['%T %{ms}T', '5 5274', { durationSeconds: 5.274, extra: { '%T': '5' } }],
    ['%{ms}T %D', '5274 5274957', { durationSeconds: 5.274957, extra: { '%{ms}T': '5274' } }],
    ['%v', 'www.example.com', { vhost: 'www.example.com' }],
    ['%V', 'alias.example.com', { vhost: 'alias.example.com' }],
    ['%X', 'X', { connectionStatus: 'X' }],
    ['%X', '+', { connectionStatus: '+' }],
    ['%X', '-', { connectionStatus: '-' }],
    ['%I %O %S', '109 1048854 1048963', { requestBytes: 109, responseBytes: 1048854, extra: { '%S': '1048963' } }],
    ['%^FB', '216', { ttfbSeconds: 0.000216 }],
    ['%^FB', '-', {}],
    ['%{Grpc-Status}^ti %{Grpc-Status}^to', '0 1', { extra: { '%{Grpc-Status}^ti': '0', '%{Grpc-Status}^to': '1' } }],
    [
      '%{SSL_PROTOCOL}x %{SSL_CIPHER}c',
      'TLSv1.3 X',
      { extra: { '%{SSL_PROTOCOL}x': 'TLSv1.3', '%{SSL_CIPHER}c': 'X' } },
    ],
    ['100%% %h', '100% 1.2.3.4', { clientIp: '1.2.3.4' }],
    ['%{bogus}p', 'bogus', { extra: { '%{bogus}p': 'bogus' } }],
    ['%{bogus}T', 'bogus', { extra: { '%{bogus}T': 'bogus' } }],
    ['%{x}P', 'x', { extra: { '%{x}P': 'x' } }],
  ];
  it.each(cases)('%s ← %s', (format, line, expected) => {
    const r = ok(format, line);
    const want: AccessRecord = { ok: true, ...expected };
    if (want.extra !== undefined && Object.keys(want.extra).length === 0) delete want.extra;
    expect(r).toEqual(want);
  });

  it('treats `-` as absent for string and number fields', () => {
    expect(ok('%h %u %>s %O "%{Referer}i" %L', '- - - - "-" -')).toEqual({ ok: true });
  });

  it('splits %r, leniently', () => {
    expect(ok('"%r"', '"GET /a/b?x=1&y HTTP/1.1"')).toMatchObject({
      method: 'GET',
      urlPath: '/a/b',
      query: '?x=1&y',
      protocol: 'HTTP/1.1',
    });
    // malformed request line with spaces in the target
    expect(ok('"%r" %>s', '"GET /a b c HTTP/1.0" 400')).toMatchObject({
      method: 'GET',
      urlPath: '/a b c',
      protocol: 'HTTP/1.0',
    });
    // HTTP/0.9 style, no protocol
    const r09 = ok('"%r"', '"GET /"');
    expect(r09).toEqual({ ok: true, method: 'GET', urlPath: '/', query: '' });
    // 408: no request line at all
    expect(ok('"%r" %>s', '"-" 408')).toEqual({ ok: true, status: 408 });
    // TLS handshake bytes on a plain-HTTP port: kept in extra, not lost
    expect(ok('"%r" %>s', '"\\x16\\x03\\x01" 400')).toEqual({ ok: true, status: 400, extra: { '%r': '\x16\x03\x01' } });
  });

  it('lets %m %U %q %H own their fields and %r fill the rest', () => {
    expect(ok('%m "%r"', 'POST "GET /x?y HTTP/1.1"')).toMatchObject({ method: 'POST', urlPath: '/x', query: '?y' });
    expect(ok('%m %U %q %H "%r"', 'GET /x ?y HTTP/1.1 "GET /x?y HTTP/1.1"')).toEqual({
      ok: true,
      method: 'GET',
      urlPath: '/x',
      query: '?y',
      protocol: 'HTTP/1.1',
      extra: { '%r': 'GET /x?y HTTP/1.1' },
    });
  });

  it('keeps IPv6 client addresses, even before a `:`', () => {
    expect(ok('%a %>s', '::1 200')).toMatchObject({ clientIp: '::1' });
    expect(ok('%a:%{remote}p %>s', '2001:db8::7:51234 200')).toMatchObject({
      clientIp: '2001:db8::7',
      clientPort: 51234,
    });
    expect(ok('[%a]:%{remote}p', '[::1]:443')).toMatchObject({ clientIp: '::1', clientPort: 443 });
  });

  it('reads %v:%p (vhost_combined)', () => {
    const line =
      'www.example.com:80 10.0.0.1 - - [23/Nov/2026:20:36:38 +0000] "GET / HTTP/1.1" 200 512 "-" "curl/7.88.1"';
    expect(ok(LOG_FORMAT_NICKNAMES.vhost_combined, line)).toMatchObject({
      vhost: 'www.example.com',
      serverPort: 80,
      status: 200,
    });
  });
});

describe('%t and %{format}t', () => {
  it('reads the CLF time with its zone', () => {
    expect(ok('%t', '[23/Nov/2026:20:39:56 +0000]').timeSeconds).toBe(utc(2026, 11, 23, 20, 39, 56));
    expect(ok('%t', '[23/Nov/2026:21:39:56 +0100]').timeSeconds).toBe(utc(2026, 11, 23, 20, 39, 56));
    expect(ok('%t', '[23/Nov/2026:15:09:56 -0530]').timeSeconds).toBe(utc(2026, 11, 23, 20, 39, 56));
    expect(ok('%t', '[01/Jan/2027:00:00:00 +0000]').timeSeconds).toBe(utc(2027, 1, 1, 0, 0, 0));
    expect(ok('%t', '[29/Feb/2028:12:00:00 +0000]').timeSeconds).toBe(utc(2028, 2, 29, 12, 0, 0));
  });

  it('reads begin:/end: prefixes; end times go to extra', () => {
    expect(ok('%{begin:}t', '[23/Nov/2026:20:39:56 +0000]').timeSeconds).toBe(utc(2026, 11, 23, 20, 39, 56));
    expect(ok('%{end:}t', '[23/Nov/2026:20:39:56 +0000]')).toEqual({
      ok: true,
      extra: { '%{end:}t': '23/Nov/2026:20:39:56 +0000' },
    });
    expect(ok('%{begin:sec}t %{end:sec}t', '1795466396 1795466401')).toEqual({
      ok: true,
      timeSeconds: 1795466396,
      extra: { '%{end:sec}t': '1795466401' },
    });
  });

  it('reads sec, msec, usec and the fractions', () => {
    expect(ok('%{sec}t', '1795466396').timeSeconds).toBe(1795466396);
    expect(ok('%{msec}t', '1795466396123').timeSeconds).toBeCloseTo(1795466396.123, 6);
    expect(ok('%{usec}t', '1795466396123456').timeSeconds).toBeCloseTo(1795466396.123456, 6);
    expect(ok('%{sec}t.%{msec_frac}t', '1795466396.123').timeSeconds).toBeCloseTo(1795466396.123, 6);
    expect(ok('%{msec_frac}t %{sec}t', '123 1795466396').timeSeconds).toBeCloseTo(1795466396.123, 6);
    expect(ok('%t %{usec_frac}t', '[23/Nov/2026:20:39:56 +0000] 000250').timeSeconds).toBeCloseTo(
      utc(2026, 11, 23, 20, 39, 56) + 0.00025,
      6,
    );
    // a fraction without a whole-second base is kept, not lost
    expect(ok('%{msec_frac}t', '123')).toEqual({ ok: true, extra: { '%{msec_frac}t': '123' } });
    expect(ok('%{msec}t %{msec_frac}t', '1795466396123 123')).toMatchObject({ extra: { '%{msec_frac}t': '123' } });
  });

  it('reads strftime formats (with %z; spaces inside need no quoting)', () => {
    const r = ok('%{%Y-%m-%dT%H:%M:%S %z}t %>s', '2026-11-23T21:39:56 +0100 200');
    expect(r).toEqual({ ok: true, timeSeconds: utc(2026, 11, 23, 20, 39, 56), status: 200 });
    expect(ok('[%{%d/%b/%Y:%T %z}t] %>s', '[23/Nov/2026:20:39:56 +0000] 200').timeSeconds).toBe(
      utc(2026, 11, 23, 20, 39, 56),
    );
    expect(ok('%{%s}t', '1795466396').timeSeconds).toBe(1795466396);
    expect(ok('%{%F %T %z}t.%{msec_frac}t', '2026-11-23 20:39:56 +0000.500').timeSeconds).toBe(
      utc(2026, 11, 23, 20, 39, 56) + 0.5,
    );
  });

  it('reads strftime without a zone in local time', () => {
    const r = ok('%{%Y-%m-%d %H:%M:%S}t', '2026-11-23 20:39:56');
    expect(r.timeSeconds).toBe(new Date(2026, 10, 23, 20, 39, 56).getTime() / 1000);
  });

  it('keeps a strftime without a date in extra', () => {
    expect(ok('%{%H:%M:%S}t %>s', '20:39:56 200')).toEqual({
      ok: true,
      status: 200,
      extra: { '%{%H:%M:%S}t': '20:39:56' },
    });
  });
});

describe('escapes (ap_escape_logitem)', () => {
  it('decodes \\" \\\\ \\n \\t \\r \\b \\v and \\xhh (as UTF-8 bytes)', () => {
    const r = ok(
      '"%r" "%{User-Agent}i"',
      '"GET /caf\\xc3\\xa9?q=\\"x\\" HTTP/1.1" "a\\\\b\\nc\\td\\re\\bf\\vg \\x01 \\xff \\xzz"',
    );
    expect(r.urlPath).toBe('/café');
    expect(r.query).toBe('?q="x"');
    expect(r.userAgent).toBe('a\\b\nc\td\re\bf\vg \x01 \uFFFD \\xzz');
  });

  it('does not split a quoted field on an escaped quote', () => {
    const r = ok('"%{Referer}i" "%{User-Agent}i"', '"a\\" \\"b" "c\\\\"');
    expect(r).toEqual({ ok: true, referer: 'a" "b', userAgent: 'c\\' });
  });
});

describe('status conditions and modifiers', () => {
  it('reads conditional directives into their fields', () => {
    const f = '%>s %400,501{User-agent}i "%!200,304{Referer}i"';
    const a = ok(f, '400 curl "-"');
    expect(a).toEqual({ ok: true, status: 400, userAgent: 'curl' });
    const b = ok(f, '200 - "http://r/"');
    expect(b).toEqual({ ok: true, status: 200, referer: 'http://r/' });
    expect(compileLogFormat(f).directives).toEqual(['%>s', '%400,501{User-agent}i', '%!200,304{Referer}i']);
  });

  it('keeps conditional extras under the directive as written', () => {
    expect(ok('%404{X-Foo}i', 'bar')).toEqual({ ok: true, extra: { '%404{X-Foo}i': 'bar' } });
  });
});

describe('failures (never thrown)', () => {
  const combined = compileLogFormat(LOG_FORMAT_NICKNAMES.combined);
  const good = '127.0.0.1 - - [23/Nov/2026:20:36:38 +0000] "GET / HTTP/1.1" 200 1048854 "-" "curl/7.88.1"';
  const reason = (line: string, c = combined) => {
    const r = c.parse(line);
    return r.ok ? 'ok' : r.reason;
  };

  it('returns each reason', () => {
    expect(reason(good)).toBe('ok');
    expect(reason('')).toBe('empty');
    expect(reason('   \t')).toBe('empty');
    expect(reason('hello world')).toBe('format_mismatch');
    expect(reason(good.replace('[23/Nov', '[32/Nov'))).toBe('bad_timestamp');
    expect(reason(good.replace('Nov/', 'Nuv/'))).toBe('bad_timestamp');
    expect(reason(good.replace('+0000', '+00x0'))).toBe('bad_timestamp');
    expect(reason(good.replace('[23/Nov/2026:20:36:38 +0000]', '[yesterday]'))).toBe('bad_timestamp');
    expect(reason(good.replace(' 200 ', ' 2x0 '))).toBe('bad_number');
    expect(reason(good.replace(' 1048854 ', ' 1e3 '))).toBe('bad_number');
    expect(reason(`${good} trailing`)).toBe('format_mismatch');
    expect(reason(good.replace('"GET / HTTP/1.1"', '"GET / HTTP/1.1'))).toBe('format_mismatch');
    expect(reason('x'.repeat(100), compileLogFormat('%h', { maxLineLength: 99 }))).toBe('line_too_long');
    expect(reason('a b', compileLogFormat('%X %h'))).toBe('format_mismatch');
  });

  it('prefers format_mismatch over a conversion error elsewhere on the line', () => {
    expect(reason(good.replace(' 200 ', ' 2x0 ').replace('"curl/7.88.1"', '"curl/7.88.1'))).toBe('format_mismatch');
  });

  it('bounds the sample', () => {
    const r = combined.parse(`x${'y'.repeat(1000)}`);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.sample.length).toBeLessThanOrEqual(201);
  });
});

describe('compile-time errors', () => {
  it('names an unknown directive and its column', () => {
    expect(() => compileLogFormat('%h %l %u %Z')).toThrow(
      new LogFormatError('unknown LogFormat directive "%Z" at column 10', '%Z', 10),
    );
    try {
      compileLogFormat('%h "%{x}Q"');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(LogFormatError);
      expect((e as LogFormatError).message).toBe('unknown LogFormat directive "%{x}Q" at column 5');
      expect((e as LogFormatError).directive).toBe('%{x}Q');
      expect((e as LogFormatError).column).toBe(5);
    }
  });

  it('rejects a directive that runs off the end', () => {
    expect(() => compileLogFormat('%h %{Referer')).toThrow(/unterminated LogFormat directive "%\{Referer" at column 4/);
    expect(() => compileLogFormat('%h %>')).toThrow(LogFormatError);
  });
});

describe('logs', () => {
  it('describes what Debian combined and the recommended wsgi_rl format log', () => {
    expect(compileLogFormat(LOG_FORMAT_NICKNAMES.combined).logs).toEqual({
      duration: false,
      responseBytes: true,
      bodyBytes: false,
      ttfb: false,
      rateLimit: false,
      rateInitialBurst: false,
      vhost: false,
      clientPort: false,
      connectionStatus: false,
      requestLogId: false,
    });
    const rl = compileLogFormat(
      '%h %l %u %{usec}t "%r" %>s %O %B %D %^FB %X %L "%{rate-limit}e" "%{rate-initial-burst}e" %v:%{local}p %{remote}p',
    );
    expect(Object.values(rl.logs).every(Boolean)).toBe(true);
    expect(compileLogFormat('%h %T').logs.duration).toBe(true);
    expect(compileLogFormat('%h %b').logs.bodyBytes).toBe(true);
  });

  it('keeps source and directives as written', () => {
    const c = compileLogFormat('%h %>s %{ms}T');
    expect(c.source).toBe('%h %>s %{ms}T');
    expect(c.directives).toEqual(['%h', '%>s', '%{ms}T']);
  });

  it('uses the generated scanner for plain formats and the regex otherwise', () => {
    expect(compileLogFormat(LOG_FORMAT_NICKNAMES.combined).matcher?.engine).toBe('scan');
    expect(compileLogFormat('%{%F %T}t %h').matcher?.engine).toBe('regex');
    expect(compileLogFormat('%a:%{remote}p').matcher?.engine).toBe('regex');
  });
});

describe('every nickname', () => {
  const line: Record<string, string> = {
    vhost_combined: 'www:443 ::1 - bob [23/Nov/2026:20:36:38 +0000] "GET / HTTP/2.0" 200 5 "r" "u"',
    combined: '::1 - bob [23/Nov/2026:20:36:38 +0000] "GET / HTTP/2.0" 200 5 "r" "u"',
    common: '::1 - bob [23/Nov/2026:20:36:38 +0000] "GET / HTTP/2.0" 200 5',
    referer: 'http://ref.example/a -> /index.html',
    agent: 'Mozilla/5.0 (X11; Linux x86_64)',
  };
  it.each(Object.keys(LOG_FORMAT_NICKNAMES))('%s', (name) => {
    const r = ok(LOG_FORMAT_NICKNAMES[name], line[name]);
    if (name === 'referer') expect(r).toEqual({ ok: true, referer: 'http://ref.example/a', urlPath: '/index.html' });
    else if (name === 'agent') expect(r).toEqual({ ok: true, userAgent: 'Mozilla/5.0 (X11; Linux x86_64)' });
    else expect(r).toMatchObject({ clientIp: '::1', status: 200, responseBytes: 5, extra: { '%u': 'bob' } });
  });
});
