import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileErrorLogFormat, ErrorLogFormatError } from '../../../src/parse/error/compile-error-log-format.ts';
import { parseErrorLine } from '../../../src/parse/error/parse-error-line.ts';

const OBSERVED = '[%{cu}t] [%-m:%-l] [pid %P:tid %-T] %7F: %E: [client\\ %a] [%L] %M% ,\\ referer\\ %{Referer}i';
const CORE_XML_THREADED = '[%{u}t] [%-m:%l] [pid %P:tid %T] %7F: %E: [client\\ %a] %M% ,\\ referer\\ %{Referer}i';
const UTC = { utcOffsetMinutes: 0 };
const customLines = readFileSync(new URL('../../fixtures/error/custom-format.log', import.meta.url), 'utf8')
  .split('\n')
  .filter(Boolean);

describe('compileErrorLogFormat', () => {
  it('undefined compiles to the built-in default', () => {
    const line =
      '[Mon Nov 23 20:37:45.266671 2026] [wsgi:error] [pid 23839:tid 23855] [client 127.0.0.1:55662] [script /a.wsgi] WSGI0210: x., referer: http://r/';
    const compiled = compileErrorLogFormat(undefined, UTC);
    expect(compiled.source).toBeUndefined();
    expect(compiled.parse(line)).toEqual(parseErrorLine(line, UTC));
  });

  it('parses the observed custom-format lines (§2.3), dropping empty fields', () => {
    const f = compileErrorLogFormat(OBSERVED, UTC);
    expect(f.source).toBe(OBSERVED);
    const [banner, exception, notFound] = customLines.map((l) => f.parse(l));
    expect(banner).toEqual({
      ok: true,
      prefixed: true,
      timeSeconds: Date.UTC(2026, 10, 23, 20, 33, 34) / 1000 + 0.225328,
      module: 'mpm_event',
      level: 'notice',
      pid: 18074,
      tid: 139705852888960,
      ahCode: 'AH00489',
      message: 'AH00489: Apache/2.4.71 (Debian) mod_wsgi/4.9.4 Python/3.11 configured -- resuming normal operations',
    });
    expect(exception).toMatchObject({
      module: 'wsgi',
      level: 'error',
      peerKind: 'client',
      peer: { ip: '127.0.0.1', port: 36110 },
      requestLogId: 'SJgagl+j780',
      message: "mod_wsgi (pid=18076): Exception occurred processing WSGI script '/srv/lab/app/app.wsgi'.",
    });
    expect(notFound).toMatchObject({
      requestLogId: 'GSAbgh+j780',
      ahCode: 'AH00128',
      referer: 'http://ref.example/q',
      message: 'AH00128: File does not exist: /srv/lab/www/nope',
    });
  });

  it('reads %F, %E and a referer containing spaces; the real referer is the last one', () => {
    const f = compileErrorLogFormat(CORE_XML_THREADED, UTC);
    const r = f.parse(
      '[Mon Nov 23 20:32:16.182412 2026] [ratelimit:debug] [pid 11184:tid 11284] mod_ratelimit.c(195): (70007)The timeout specified has expired: [client ::1:46268] AH03485: rl: burst 1 , referer x, referer http://a b/',
    );
    expect(r).toMatchObject({
      extra: { '%F': 'mod_ratelimit.c(195)' },
      aprStatus: { errno: '70007', text: 'The timeout specified has expired' },
      peer: { ip: '::1', port: 46268 },
      message: 'AH03485: rl: burst 1 , referer x',
      referer: 'http://a b/',
    });
  });

  it('supports %t, %{cuz}t, %{g}T, %v, %k, %{c}L, %A, %{name}e/n, %% and `% `', () => {
    const f = compileErrorLogFormat('%{cuz}t %v:%A %k %{c}L %{g}T %{FOO}e %{note}n %%% %M');
    const r = f.parse('2026-11-23 20:33:34.225328 +0100 www.example:127.0.0.1:80 3 AbC 4242 bar nval %msg here');
    expect(r).toMatchObject({
      timeSeconds: Date.UTC(2026, 10, 23, 19, 33, 34) / 1000 + 0.225328,
      tid: 4242,
      extra: {
        '%v': 'www.example',
        '%A': '127.0.0.1:80',
        '%k': '3',
        '%{c}L': 'AbC',
        '%{FOO}e': 'bar',
        '%{note}n': 'nval',
      },
      message: 'msg here',
    });
    const plain = compileErrorLogFormat('[%t] [%l] %M').parse('[Mon Nov 23 20:33:34 2026] [warn] hi');
    expect(plain).toMatchObject({ level: 'warn', message: 'hi', timeSeconds: expect.any(Number) });
  });

  it('keeps lines that do not follow the format as bare records', () => {
    const f = compileErrorLogFormat(OBSERVED);
    expect(f.parse('Python path configuration:')).toEqual({
      ok: true,
      prefixed: false,
      message: 'Python path configuration:',
    });
    expect(f.parse('')).toMatchObject({ ok: false, reason: 'empty' });
  });

  it('names the unknown item and its column', () => {
    try {
      compileErrorLogFormat('[%t] %Q %M');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ErrorLogFormatError);
      expect(e).toMatchObject({ item: '%Q', column: 5 });
    }
    expect(() => compileErrorLogFormat('[%{cu t] %M')).toThrow(ErrorLogFormatError);
    expect(() => compileErrorLogFormat('%{x}P %M')).toThrow(ErrorLogFormatError);
  });

  it('names %M as written, with its column, when another item shares its field', () => {
    // `\ ` does not delimit, so %t shares the message's field; the column was -1 for a %M written with a modifier
    expect(() => compileErrorLogFormat('\\ %+M%t')).toThrow(
      expect.objectContaining({ item: '%+M', column: 2, message: 'items sharing a field with %+M at column 3' }),
    );
    expect(() => compileErrorLogFormat('[%t] %M%l')).toThrow(expect.objectContaining({ item: '%M', column: 5 }));
  });
});

describe('compact times across the same-second cache', () => {
  it('re-reads the second, the zone and the offset correctly', () => {
    const f = compileErrorLogFormat('[%{cuz}t] %M', UTC);
    const at = (ts: string) => {
      const r = f.parse(`[${ts}] x`);
      return r.ok ? r.timeSeconds : undefined;
    };
    const base = Date.UTC(2026, 10, 23, 20, 33, 34) / 1000;
    expect(at('2026-11-23 20:33:34.000001')).toBeCloseTo(base + 0.000001, 6);
    expect(at('2026-11-23 20:33:34.500000')).toBeCloseTo(base + 0.5, 6);
    expect(at('2026-11-23 20:33:34.500000 +0100')).toBeCloseTo(base - 3600 + 0.5, 6);
    expect(at('2026-11-23 20:33:34.250000 -0130')).toBeCloseTo(base + 5400 + 0.25, 6);
    expect(at('2026-11-23 20:33:35.250000 -0130')).toBeCloseTo(base + 5401 + 0.25, 6);
    expect(at('2026-11-23 20:33:35.250000')).toBeCloseTo(base + 1.25, 6);
    const plus2 = compileErrorLogFormat('[%{cu}t] %M', { utcOffsetMinutes: 120 }).parse(
      '[2026-11-23 20:33:35.250000] x',
    );
    expect(plus2.ok && plus2.timeSeconds).toBeCloseTo(base + 1.25 - 7200, 6);
  });
});
