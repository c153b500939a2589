import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseErrorLine } from '../../../src/parse/error/parse-error-line.ts';

const FIXTURES = new URL('../../fixtures/error/', import.meta.url);
const fixtureLines = (name: string) => readFileSync(new URL(name, FIXTURES), 'utf8').split('\n').filter(Boolean);
const UTC = { utcOffsetMinutes: 0 };

describe('parseErrorLine (default format)', () => {
  it('parses the observed WSGI0210 line: script before the ID, referer tail', () => {
    const line =
      '[Mon Nov 23 20:37:45.266671 2026] [wsgi:error] [pid 23839:tid 23855] [client 127.0.0.1:55662] [script /srv/lab/app/app.wsgi] WSGI0210: Embedded mode of mod_wsgi cannot be used as Python was not initialised in this process., referer: http://ref.example/e';
    expect(parseErrorLine(line, UTC)).toEqual({
      ok: true,
      prefixed: true,
      timeSeconds: Date.UTC(2026, 10, 23, 20, 37, 45) / 1000 + 0.266671,
      module: 'wsgi',
      level: 'error',
      pid: 23839,
      tid: 23855,
      peerKind: 'client',
      peer: { ip: '127.0.0.1', port: 55662 },
      wsgiCode: 'WSGI0210',
      script: '/srv/lab/app/app.wsgi',
      referer: 'http://ref.example/e',
      message: 'WSGI0210: Embedded mode of mod_wsgi cannot be used as Python was not initialised in this process.',
    });
  });

  it('takes the [script] tag after the ID (WSGI0174) and a [remote] peer', () => {
    const r = parseErrorLine(
      "[Mon Nov 23 20:36:09.433651 2026] [wsgi:error] [pid 22392:tid 22510] [remote 127.0.0.1:56738] WSGI0174: [script /srv/lab/app/app.wsgi] RuntimeError exception raised processing WSGI script '/srv/lab/app/app.wsgi' for main interpreter of daemon process 'app'.",
    );
    expect(r).toMatchObject({
      peerKind: 'remote',
      wsgiCode: 'WSGI0174',
      script: '/srv/lab/app/app.wsgi',
      message:
        "WSGI0174: RuntimeError exception raised processing WSGI script '/srv/lab/app/app.wsgi' for main interpreter of daemon process 'app'.",
    });
  });

  it('reads the APR status before the peer and finds WSGInnnn after it', () => {
    const r = parseErrorLine(
      "[Mon Nov 23 20:37:43.254757 2026] [wsgi:warn] [pid 23838:tid 23838] (2)No such file or directory: WSGI0100: Unable to stat Python home '/nonexistent/python' for embedded mode.",
    );
    expect(r).toMatchObject({ aprStatus: { errno: '2', text: 'No such file or directory' }, wsgiCode: 'WSGI0100' });
    const c = parseErrorLine(
      "[Mon Nov 23 20:32:52.420076 2026] [wsgi:error] [pid 16901:tid 16928] (2)No such file or directory: [client 127.0.0.1:38674] mod_wsgi (pid=16901): Unable to connect to WSGI daemon process 'hb' on '/srv/lab/run/wsgi.13228.2.3.sock' as user with uid=33.",
    );
    expect(c).toMatchObject({ aprStatus: { errno: '2' }, peer: { ip: '127.0.0.1', port: 38674 } });
  });

  it('accepts [pid P] without tid, IPv6 peers, source locations, an empty module', () => {
    const noTid = parseErrorLine('[Mon Nov 23 20:19:01.123456 2026] [wsgi:error] [pid 1234] [client ::1:59739] hello');
    expect(noTid).toMatchObject({ pid: 1234, peer: { ip: '::1', port: 59739 }, message: 'hello' });
    expect(noTid).not.toHaveProperty('tid');
    expect(
      parseErrorLine(
        '[Mon Nov 23 20:32:16.182412 2026] [ratelimit:debug] [pid 11184:tid 11284] mod_ratelimit.c(195): [client 2001:db8::1:46268] AH03485: rl: burst 262144; len 180',
      ),
    ).toMatchObject({ ahCode: 'AH03485', peer: { ip: '2001:db8::1', port: 46268 } });
    expect(parseErrorLine('[Mon Nov 23 20:19:01 2026] [:error] [pid 1] x')).toMatchObject({ module: '', message: 'x' });
  });

  it('decodes error-log escapes as UTF-8 and keeps quotes', () => {
    const r = parseErrorLine(
      '[Mon Nov 23 20:29:16.734952 2026] [wsgi:error] [pid 13230:tid 13297] [remote 127.0.0.1:49192] RuntimeError: bang \\xc3\\xa9 "quoted"\\ttab\\\\slash\\nnl',
    );
    expect(r).toMatchObject({ message: 'RuntimeError: bang é "quoted"\ttab\\slash\nnl' });
  });

  it('takes the last `, referer: ` as the tail, and none without a peer', () => {
    expect(
      parseErrorLine(
        '[Mon Nov 23 20:29:16.734952 2026] [wsgi:error] [pid 1:tid 2] [client 10.0.0.1:5] app said , referer: x, referer: http://r/',
      ),
    ).toMatchObject({ message: 'app said , referer: x', referer: 'http://r/' });
    const noPeer = parseErrorLine('[Mon Nov 23 20:29:16.734952 2026] [wsgi:info] [pid 1:tid 1] a, referer: b');
    expect(noPeer).toMatchObject({ message: 'a, referer: b' });
    expect(noPeer).not.toHaveProperty('referer');
  });

  it('keeps bare lines as unprefixed records, never failures', () => {
    for (const line of fixtureLines('bare-lines.log')) {
      expect(parseErrorLine(line)).toEqual({ ok: true, prefixed: false, message: line });
    }
    expect(parseErrorLine('[not a prefix')).toEqual({ ok: true, prefixed: false, message: '[not a prefix' });
  });

  it('fails only on empty lines and impossible timestamps', () => {
    expect(parseErrorLine('')).toMatchObject({ ok: false, reason: 'empty' });
    expect(parseErrorLine('[Mon Foo 23 20:19:01.123456 2026] [wsgi:error] [pid 1] x')).toMatchObject({
      ok: false,
      reason: 'bad_timestamp',
    });
  });

  it('reads the zone-less time in the local zone unless an offset is injected', () => {
    const line = '[Mon Nov 23 20:37:45.5 2026] [wsgi:error] [pid 1] x';
    const local = parseErrorLine(line);
    expect(local).toMatchObject({ timeSeconds: new Date(2026, 10, 23, 20, 37, 45).getTime() / 1000 + 0.5 });
    expect(parseErrorLine(line, { utcOffsetMinutes: 60 })).toMatchObject({
      timeSeconds: Date.UTC(2026, 10, 23, 19, 37, 45) / 1000 + 0.5,
    });
  });

  it('keeps times right across the same-second cache (other second, other year, other offset)', () => {
    const at = (ts: string, offset?: number) => {
      const r = parseErrorLine(`[${ts}] [wsgi:error] [pid 1] x`, { utcOffsetMinutes: offset });
      return r.ok ? r.timeSeconds : undefined;
    };
    const base = Date.UTC(2026, 10, 23, 20, 37, 45) / 1000;
    expect(at('Mon Nov 23 20:37:45.000001 2026', 0)).toBeCloseTo(base + 0.000001, 6);
    expect(at('Mon Nov 23 20:37:45.999999 2026', 0)).toBeCloseTo(base + 0.999999, 6);
    expect(at('Mon Nov 23 20:37:46.500000 2026', 0)).toBeCloseTo(base + 1.5, 6);
    expect(at('Mon Nov 23 20:37:46.500000 2027', 0)).toBeCloseTo(Date.UTC(2027, 10, 23, 20, 37, 46) / 1000 + 0.5, 6);
    expect(at('Mon Nov 23 20:37:46.500000 2027', 120)).toBeCloseTo(Date.UTC(2027, 10, 23, 18, 37, 46) / 1000 + 0.5, 6);
    expect(at('Mon Nov 23 20:37:46.5x0000 2027', 120)).toBeUndefined();
  });

  it('parses every default-format example line of the domain docs', () => {
    const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.log') && f !== 'custom-format.log');
    let count = 0;
    for (const file of files) {
      for (const line of fixtureLines(file)) {
        const r = parseErrorLine(line);
        expect(r.ok, `${file}: ${line}`).toBe(true);
        if (r.ok && line.startsWith('[')) {
          expect(r.prefixed, line).toBe(true);
          expect(r.pid, line).toBeGreaterThan(0);
          expect(r.timeSeconds, line).toBeGreaterThan(1.7e9);
        }
        count++;
      }
    }
    expect(count).toBeGreaterThan(150);
  });
});
