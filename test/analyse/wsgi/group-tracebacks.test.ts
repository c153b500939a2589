import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyErrorRecord } from '../../../src/analyse/wsgi/classify-error-record.ts';
import { createTracebackGrouper } from '../../../src/analyse/wsgi/group-tracebacks.ts';
import type { WsgiEvent } from '../../../src/analyse/wsgi/wsgi-event.ts';
import type { ErrorRecord } from '../../../src/parse/error/error-record.ts';
import { parseErrorLine } from '../../../src/parse/error/parse-error-line.ts';

function run(lines: string[], options = {}): WsgiEvent[] {
  const grouper = createTracebackGrouper(options);
  const out: WsgiEvent[] = [];
  for (const line of lines) {
    const r = parseErrorLine(line);
    if (!r.ok) throw new Error(line);
    out.push(...grouper.push(r, classifyErrorRecord(r)));
  }
  return [...out, ...grouper.flush()];
}

const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/error/${name}`, import.meta.url), 'utf8')
    .split('\n')
    .filter(Boolean);
const exceptions = (events: WsgiEvent[]) => events.filter((e) => e.kind === 'exception');

describe('createTracebackGrouper', () => {
  it('folds a 4.9.4 header + Traceback records into one exception event', () => {
    const events = run(fixture('mod_wsgi-4.9.4-event.log'));
    const [ex] = exceptions(events);
    expect(exceptions(events)).toHaveLength(1);
    expect(ex).toMatchObject({
      kind: 'exception',
      pid: 13230,
      tid: 13297,
      peer: { kind: 'remote', ip: '127.0.0.1', port: 49192 },
      script: '/srv/lab/app/app.wsgi',
      exception: { type: 'RuntimeError', message: 'bang é "quoted"', lines: 4 },
    });
    expect(ex.message).toContain('Exception occurred processing WSGI script');
    // Other events are passed through, none lost.
    expect(events.filter((e) => e.kind === 'daemon-died')).toHaveLength(2);
  });

  it('does not need a Traceback record: 6.x header + final line only (Python 3.11)', () => {
    const [ex] = exceptions(run(fixture('mod_wsgi-6.0.5-event.log')));
    expect(ex).toMatchObject({
      code: 'WSGI0174',
      processGroup: 'app',
      script: '/srv/lab/app/app.wsgi',
      exception: { type: 'RuntimeError', message: 'bang é "quoted"', lines: 1 },
    });
  });

  it('takes the type from a 6.x header when no final line follows', () => {
    const [ex] = run([
      "[Mon Nov 23 20:36:09.433651 2026] [wsgi:error] [pid 1:tid 2] [remote 127.0.0.1:5] WSGI0174: [script /a.wsgi] KeyError exception raised processing WSGI script '/a.wsgi' for main interpreter of daemon process 'app'.",
    ]);
    expect(ex.exception).toEqual({ type: 'KeyError', message: '', lines: 0 });
  });

  it('groups two interleaved threads separately, and the rate-limit lab exceptions', () => {
    const events = exceptions(run(fixture('ratelimit-lab-4.9.4.log')));
    expect(events.map((e) => [e.pid, e.exception?.message])).toEqual([
      [11178, 'rl-lab: deliberate failure for error-log corpus (size=1)'],
      [11183, 'rl-lab: deliberate failure for error-log corpus (size=2)'],
    ]);
    const head = (tid: number, text: string) =>
      `[Mon Nov 23 20:36:09.43 2026] [wsgi:error] [pid 1:tid ${tid}] [remote 127.0.0.1:${tid}] ${text}`;
    const interleaved = run([
      head(1, "mod_wsgi (pid=1): Exception occurred processing WSGI script '/a.wsgi'."),
      head(2, "mod_wsgi (pid=1): Exception occurred processing WSGI script '/b.wsgi'."),
      head(1, 'Traceback (most recent call last):'),
      head(2, 'Traceback (most recent call last):'),
      head(2, '  File "/b.wsgi", line 1, in application'),
      head(1, '  File "/a.wsgi", line 1, in application'),
      head(1, 'ValueError: one'),
      head(2, "KeyError: 'two'"),
    ]);
    expect(interleaved.map((e) => [e.script, e.exception?.type, e.exception?.message, e.exception?.lines])).toEqual([
      ['/a.wsgi', 'ValueError', 'one', 3],
      ['/b.wsgi', 'KeyError', "'two'", 3],
    ]);
  });

  it('follows chained exceptions to the last Type line, then closes on the next unrelated record', () => {
    const h = (text: string) => `[Mon Nov 23 20:36:09.43 2026] [wsgi:error] [pid 1:tid 1] [remote 127.0.0.1:9] ${text}`;
    const events = run([
      h("mod_wsgi (pid=1): Exception occurred processing WSGI script '/a.wsgi'."),
      h('Traceback (most recent call last):'),
      h('  File "/a.wsgi", line 3, in application'),
      h('KeyError: 1'),
      h(''),
      h('During handling of the above exception, another exception occurred:'),
      h(''),
      h('Traceback (most recent call last):'),
      h('  File "/a.wsgi", line 5, in application'),
      h('RuntimeError: wrapped'),
      h('next request output'),
    ]);
    expect(events).toHaveLength(1);
    expect(events[0].exception).toEqual({ type: 'RuntimeError', message: 'wrapped', lines: 9 });
  });

  it('starts a group from a bare or prefixed Traceback line with no header', () => {
    const grouper = createTracebackGrouper();
    const bare = (message: string): ErrorRecord => ({ ok: true, prefixed: false, message });
    expect(grouper.push(bare('Traceback (most recent call last):'), undefined)).toEqual([]);
    grouper.push(bare('  File "x.py", line 1, in <module>'), undefined);
    grouper.push(bare('ZeroDivisionError: division by zero'), undefined);
    expect(grouper.push(bare('Python path configuration:'), undefined)).toEqual([
      {
        kind: 'exception',
        level: 'error',
        message: 'Traceback (most recent call last):',
        exception: { type: 'ZeroDivisionError', message: 'division by zero', lines: 3 },
      },
    ]);
  });

  it('is bounded: caps lines per group and open groups, closes idle groups by log time', () => {
    const h = (tid: number, text: string, s = 9) =>
      `[Mon Nov 23 20:36:0${s}.43 2026] [wsgi:error] [pid 1:tid ${tid}] [remote 127.0.0.1:9] ${text}`;
    const header = "mod_wsgi (pid=1): Exception occurred processing WSGI script '/a.wsgi'.";
    const capped = run([h(1, header), ...Array.from({ length: 50 }, () => h(1, '  File "x"')), h(1, 'E: x')], {
      maxLinesPerGroup: 10,
    });
    expect(capped.map((e) => e.exception?.lines)).toEqual([10]);
    const many = run(
      Array.from({ length: 5 }, (_, i) => h(i, header)),
      { maxOpenGroups: 2 },
    );
    expect(many).toHaveLength(5);
    const grouper = createTracebackGrouper({ idleSeconds: 2 });
    const parse = (line: string) => {
      const r = parseErrorLine(line);
      if (!r.ok) throw new Error(line);
      return r;
    };
    const first = parse(h(1, header, 1));
    expect(grouper.push(first, classifyErrorRecord(first))).toEqual([]);
    const later = parse(h(7, 'unrelated app output', 5));
    expect(grouper.push(later, undefined).map((e) => e.kind)).toEqual(['exception']);
  });
});
