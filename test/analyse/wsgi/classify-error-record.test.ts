import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyErrorRecord } from '../../../src/analyse/wsgi/classify-error-record.ts';
import { WSGI_CODES } from '../../../src/analyse/wsgi/wsgi-codes.ts';
import { WSGI_EVENT_KINDS } from '../../../src/analyse/wsgi/wsgi-event-kinds.ts';
import type { ErrorRecord } from '../../../src/parse/error/error-record.ts';
import { parseErrorLine } from '../../../src/parse/error/parse-error-line.ts';

const FIXTURES = new URL('../../fixtures/error/', import.meta.url);

function classifyFixture(name: string): Array<[string, string | undefined, string | undefined]> {
  return readFileSync(new URL(name, FIXTURES), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const r = parseErrorLine(line);
      if (!r.ok) throw new Error(`unparsed: ${line}`);
      const e = classifyErrorRecord(r);
      return [r.message.slice(0, 48), e?.kind, e?.processGroup];
    });
}

function record(message: string, extra: Partial<ErrorRecord> = {}): ErrorRecord {
  const r = parseErrorLine(`[Mon Nov 23 20:36:09.433651 2026] [wsgi:error] [pid 1:tid 2] ${message}`);
  if (!r.ok) throw new Error('unparsed');
  return { ...r, ...extra };
}

describe('classifyErrorRecord', () => {
  it('classifies the observed 4.9.4 lines (§1.5)', () => {
    expect(classifyFixture('mod_wsgi-4.9.4-event.log')).toMatchSnapshot();
  });

  it('classifies the observed 6.0.5 lines (§1.5, §1.1)', () => {
    expect(classifyFixture('mod_wsgi-6.0.5-event.log')).toMatchSnapshot();
    expect(classifyFixture('mod_wsgi-6.0.5-wsgi0210.log').map(([, kind]) => kind)).toEqual([
      'python-init-failed',
      'python-init-failed',
      'embedded-no-python',
    ]);
  });

  it('classifies the rate-limit lab lines and Apache core lines', () => {
    expect(classifyFixture('ratelimit-lab-4.9.4.log')).toMatchSnapshot();
    expect(classifyFixture('core-default-format.log').map(([, kind]) => kind)).toEqual([
      undefined,
      'ratelimit-disabled',
      'child-crash',
      undefined,
    ]);
  });

  it('fills the WSGI0210 event from the record', () => {
    const r = parseErrorLine(readFileSync(new URL('mod_wsgi-6.0.5-wsgi0210.log', FIXTURES), 'utf8').split('\n')[2]);
    if (!r.ok) throw new Error('unparsed');
    expect(classifyErrorRecord(r)).toEqual({
      timeSeconds: r.timeSeconds,
      code: 'WSGI0210',
      kind: 'embedded-no-python',
      level: 'error',
      message: 'WSGI0210: Embedded mode of mod_wsgi cannot be used as Python was not initialised in this process.',
      pid: 23839,
      tid: 23855,
      peer: { kind: 'client', ip: '127.0.0.1', port: 55662 },
      script: '/srv/lab/app/app.wsgi',
    });
  });

  it('classifies every code of the §1.6 table to its generated kind', () => {
    for (const code of WSGI_CODES) {
      const text = code.text.replace(/%[-.*\d]*[a-z]+/g, 'x');
      const event = classifyErrorRecord(record(`${code.code}: ${text}`));
      expect(event?.kind, code.code).toBe(code.kind);
      expect(event?.code).toBe(code.code);
      if (code.kind !== 'retired') expect(WSGI_EVENT_KINDS).toContain(code.kind);
    }
    expect(classifyErrorRecord(record('WSGI0999: from the future.'))?.kind).toBe('other');
  });

  it('covers every kind slug the task names', () => {
    for (const kind of [
      'header-timeout',
      'truncated-headers',
      'daemon-died',
      'daemon-signal',
      'request-time-limit',
      'deadlock-timeout',
      'queue-timeout',
      'connect-failed',
      'proxy-failed',
      'embedded-disabled',
      'exception',
      'child-crash',
      'restart',
      'stop',
      'startup',
      'inactivity-timeout',
      'daemon-start',
      'python-init-failed',
      'ratelimit-disabled',
      'max-workers',
      'embedded-no-python',
      'daemon-gone-before-headers',
    ]) {
      expect(WSGI_EVENT_KINDS).toContain(kind);
    }
  });

  it('classifies uncoded 4.x/6.x messages from source texts (§1.4)', () => {
    const cases: Array<[string, string, string?]> = [
      ["mod_wsgi (pid=9): Daemon process deadlock timer expired, stopping process 'dl'.", 'deadlock-timeout', 'dl'],
      ["Daemon process deadlock timer expired, stopping daemon process 'dl'.", 'deadlock-timeout', 'dl'],
      ["Application startup timer expired, stopping daemon process 'su'.", 'startup-timeout', 'su'],
      ["mod_wsgi (pid=9): Maximum requests reached, attempt a graceful shutdown 'mr'.", 'maximum-requests', 'mr'],
      [
        "Exceeded CPU time limit; waiting for in-flight requests to complete in daemon process 'cpu'.",
        'cpu-time-limit',
        'cpu',
      ],
      ["mod_wsgi (pid=9): Exceeded CPU time limit, waiting for requests to complete 'cpu'.", 'cpu-time-limit', 'cpu'],
      ["Injected RequestTimeout into thread 3 of daemon process 'it'.", 'request-interrupted', 'it'],
      ["mod_wsgi (pid=9): Maximum number of WSGI daemon process restart connects reached '5'.", 'connect-failed'],
      ['mod_wsgi (pid=9): Failed to proxy response to client.', 'proxy-failed'],
      ["mod_wsgi (pid=9): SystemExit exception raised by WSGI script '/a.wsgi' ignored.", 'system-exit'],
      ["mod_wsgi (pid=9): Target WSGI script '/a.wsgi' does not contain WSGI application 'app'.", 'script-load-failed'],
      [
        "Malformed header 'X' found when reading script headers from daemon process 'm': /a.wsgi",
        'malformed-header',
        'm',
      ],
      ["Forcing restart of daemon process 'r' due to modification of script '/a.wsgi'.", 'script-reload', 'r'],
    ];
    for (const [message, kind, group] of cases) {
      const e = classifyErrorRecord(record(message, { level: 'info' }));
      expect(e?.kind, message).toBe(kind);
      if (group !== undefined) expect(e?.processGroup, message).toBe(group);
    }
  });

  it('extracts the 4.x script path and the group named in process=', () => {
    expect(
      classifyErrorRecord(
        record("Timeout when reading response headers from daemon process 'st': /srv/lab/app/app.wsgi"),
      ),
    ).toMatchObject({ kind: 'header-timeout', processGroup: 'st', script: '/srv/lab/app/app.wsgi' });
  });

  it('returns undefined for app output, traceback lines, bare lines and lifecycle noise', () => {
    expect(classifyErrorRecord(record('about to raise'))).toBeUndefined();
    expect(classifyErrorRecord(record('Traceback (most recent call last):'))).toBeUndefined();
    expect(classifyErrorRecord(record('mod_wsgi (pid=1): Initializing Python.'))).toBeUndefined();
    expect(classifyErrorRecord({ ok: true, prefixed: false, message: 'Fatal Python error' })).toBeUndefined();
    expect(
      classifyErrorRecord(record('AH00128: File does not exist: /x', { module: 'core', ahCode: 'AH00128' })),
    ).toBeUndefined();
  });

  it('caps the message at 1,000 characters', () => {
    const e = classifyErrorRecord(record(`WSGI0174: ${'x'.repeat(5000)}`));
    expect(e?.message.length).toBe(1000);
  });
});
