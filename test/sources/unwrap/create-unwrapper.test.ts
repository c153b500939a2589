import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LogKind, LogLine } from '../../../src/sources/log-line.ts';
import { createUnwrapRouter } from '../../../src/sources/unwrap/create-unwrap-router.ts';
import { createUnwrapper, type UnwrapperOptions } from '../../../src/sources/unwrap/create-unwrapper.ts';
import { detectLogWrapper } from '../../../src/sources/unwrap/detect-log-wrapper.ts';
import type { UnwrapFailure } from '../../../src/sources/unwrap/log-wrapper.ts';
import { wrapCri, wrapDocker, wrapJournalJson, wrapJournalShort } from './wrap-log-lines.ts';

/** Lines as the reader makes them: split at `\n`, a trailing `\r` dropped, byte offsets. */
function readLines(content: string, path = 'pod.log', log: LogKind = 'access'): LogLine[] {
  const out: LogLine[] = [];
  let offset = 0;
  const parts = content.split('\n');
  if (parts.at(-1) === '') parts.pop();
  for (const raw of parts) {
    out.push({ log, path, text: raw.endsWith('\r') ? raw.slice(0, -1) : raw, offset });
    offset += Buffer.byteLength(raw) + 1;
  }
  return out;
}

/** Feeds the lines in batches cut at `cuts`, then ends the input. */
function run(lines: LogLine[], options: Partial<UnwrapperOptions> = {}, cuts: number[] = []) {
  const failures: { log: LogKind; failure: UnwrapFailure }[] = [];
  const u = createUnwrapper({
    role: 'both',
    maxLineLength: 65536,
    onFailure: (log, _path, failure) => failures.push({ log, failure }),
    ...options,
  });
  const out: LogLine[] = [];
  let from = 0;
  for (const c of [...cuts.filter((c) => c > 0 && c < lines.length).sort((a, b) => a - b), lines.length]) {
    out.push(...u.push(lines.slice(from, c)));
    from = c;
  }
  out.push(...u.end());
  return { out, failures, unwrapper: u };
}

const ERROR = '[Mon Dec 07 05:41:05.123456 2026] [wsgi:error] [pid 7:tid 9] [client 10.0.0.1:5] boom';
const ACCESS = '10.0.0.1 - - [07/Dec/2026:05:41:05 +0000] "GET / HTTP/1.1" 200 5';

/** Text of one log line: anything but `\n`, and no `\r` at the end (the reader drops it, as Apache's own file). */
const lineText = fc.string({ unit: 'grapheme', maxLength: 60 }).map((s) => s.replace(/\n/g, ' ').replace(/\r+$/, ''));
const streamLine = fc
  .record({
    stream: fc.constantFrom('stdout' as const, 'stderr' as const),
    text: lineText,
    cuts: fc.array(fc.nat(60), { maxLength: 3 }),
  })
  // Runtimes split bytes; the test cuts between code points (a cut inside a pair is not a line anyone writes).
  .map((l) => ({ ...l, cuts: l.cuts.filter((c) => !/[\udc00-\udfff]/.test(l.text[c] ?? '')) }));

describe('createUnwrapper', () => {
  it('routes a CRI file: stdout to the access parser, stderr to the error parser, partial lines joined per stream', () => {
    const content = wrapCri([
      { stream: 'stderr', text: ERROR, cuts: [10, 20] },
      { stream: 'stdout', text: ACCESS },
    ]);
    // Interleave: the stdout line arrives between the stderr pieces.
    const lines = readLines(content);
    const reordered = [lines[0], lines[3], lines[1], lines[2]];
    const { out, failures, unwrapper } = run(reordered, { role: 'access' });
    expect(out.map((l) => [l.log, l.text])).toEqual([
      ['access', ACCESS],
      ['error', ERROR],
    ]);
    expect(out[1].offset).toBe(lines[0].offset);
    expect(failures).toEqual([]);
    expect(unwrapper.wrapper()).toBe('cri');
    expect([unwrapper.lines('access'), unwrapper.lines('error')]).toEqual([1, 1]);
  });

  it('counts a corrupt wrapper line as a failure with reason wrapper, for the role, and goes on', () => {
    const lines = readLines(
      `${wrapCri([{ stream: 'stdout', text: ACCESS }])}garbage\n${wrapCri([{ stream: 'stdout', text: ACCESS }])}`,
    );
    const { out, failures, unwrapper } = run(lines, { role: 'access' });
    expect(out.map((l) => l.text)).toEqual([ACCESS, ACCESS]);
    expect(failures).toEqual([{ log: 'access', failure: { ok: false, reason: 'wrapper', sample: 'garbage' } }]);
    expect(unwrapper.lines('access')).toBe(3);
  });

  it('a partial line left at the end of the input is emitted, not lost; a joined line is capped at the line limit', () => {
    const lines = readLines(wrapCri([{ stream: 'stdout', text: 'abcdef', cuts: [3] }]));
    expect(run(lines.slice(0, 1)).out.map((l) => l.text)).toEqual(['abc']);
    const capped = run(lines, { maxLineLength: 4 }).out;
    expect(capped).toEqual([expect.objectContaining({ text: 'abcd', truncated: true })]);
  });

  it('a plain file passes through: its role decides, or for `both` the shape (an error line starts with `[`)', () => {
    const plain = readLines(`${ERROR}\n${ACCESS}\n`, 'x', 'access');
    expect(run(plain).out.map((l) => l.log)).toEqual(['error', 'access']);
    expect(run(readLines(`${ERROR}\n${ACCESS}\n`), { role: 'access' }).out.map((l) => l.log)).toEqual([
      'access',
      'access',
    ]);
    const { out, unwrapper } = run(readLines(`${ACCESS}\n`), { role: 'access' });
    expect(unwrapper.wrapper()).toBe('none');
    expect(out[0]).toEqual(readLines(`${ACCESS}\n`)[0]);
  });

  it('journal: no stream, so the role routes; a forced wrapper is not second-guessed', () => {
    const content = wrapJournalShort([ACCESS, ERROR]);
    expect(run(readLines(content), { role: 'error' }).out.map((l) => [l.log, l.text])).toEqual([
      ['error', ACCESS],
      ['error', ERROR],
    ]);
    expect(run(readLines(content)).out.map((l) => l.log)).toEqual(['access', 'error']);
    const forced = run(readLines(content), { wrapper: 'cri' });
    expect(forced.out).toEqual([]);
    expect(forced.failures).toHaveLength(3);
  });

  it('auto waits through leading empty lines and decides on the first non-empty ones', () => {
    const lines = readLines(`\n\n${wrapDocker([{ stream: 'stderr', text: ERROR }])}`);
    const u = createUnwrapper({ role: 'both', maxLineLength: 100, onFailure: () => {} });
    expect(u.push(lines.slice(0, 2))).toEqual([]);
    expect(u.wrapper()).toBeUndefined();
    const out = u.push(lines.slice(2));
    expect(u.wrapper()).toBe('docker');
    // The empty lines are not Docker entries: counted, not dropped.
    expect(out.map((l) => l.text)).toEqual([ERROR]);
    expect(u.lines('error')).toBe(3);
  });

  for (const [name, wrap, wrapper] of [
    ['CRI', wrapCri, 'auto'],
    ['Docker json-file', wrapDocker, 'docker'],
  ] as const) {
    it(`round-trips ${name}: escapes, any partial splits, any batch boundaries, streams kept apart`, () => {
      fc.assert(
        fc.property(fc.array(streamLine, { maxLength: 20 }), fc.array(fc.nat(60), { maxLength: 4 }), (lines, cuts) => {
          const { out, failures } = run(readLines(wrap(lines)), { wrapper }, cuts);
          expect(failures).toEqual([]);
          for (const stream of ['stdout', 'stderr'] as const) {
            const log = stream === 'stdout' ? 'access' : 'error';
            expect(out.filter((l) => l.log === log).map((l) => l.text)).toEqual(
              lines.filter((l) => l.stream === stream).map((l) => l.text),
            );
          }
        }),
      );
    });
  }

  it('round-trips the journal, short-iso and json (MESSAGE as string or bytes), for a role', () => {
    fc.assert(
      fc.property(fc.array(lineText, { maxLength: 20 }), fc.func(fc.boolean()), (texts, asBytes) => {
        const json = run(readLines(wrapJournalJson(texts, asBytes)), { role: 'error', wrapper: 'journal' });
        expect(json.failures).toEqual([]);
        expect(json.out.map((l) => l.text)).toEqual(texts);
        // short output is one line per entry only for text without control characters journalctl would escape.
        const printable = texts.map((t) =>
          [...t].map((c) => (c.charCodeAt(0) < 32 || c === '\u007f' ? '?' : c)).join(''),
        );
        const short = run(readLines(wrapJournalShort(printable)), { role: 'error', wrapper: 'journal' });
        expect(short.failures).toEqual([]);
        expect(short.out.map((l) => l.text)).toEqual(printable);
        expect(short.out.every((l) => l.log === 'error')).toBe(true);
      }),
    );
  });

  it('detects each wrapper from its lines and never mistakes Apache lines for one', () => {
    const lines = [{ stream: 'stdout' as const, text: ACCESS }];
    expect(detectLogWrapper(readLines(wrapCri(lines)).map((l) => l.text))).toBe('cri');
    expect(detectLogWrapper(readLines(wrapDocker(lines)).map((l) => l.text))).toBe('docker');
    expect(detectLogWrapper(readLines(wrapJournalShort([ACCESS])).map((l) => l.text))).toBe('journal');
    expect(detectLogWrapper(readLines(wrapJournalJson([ACCESS])).map((l) => l.text))).toBe('journal');
    expect(detectLogWrapper([ERROR, ACCESS, '[Mon Mar 02 09:15:03 2015] [notice] caught SIGTERM, shutting down'])).toBe(
      'none',
    );
    // An access log whose format starts with an ISO time is not the journal.
    const isoAccess = '2026-12-07T05:41:05+0000 10.0.0.1 - - "GET /a HTTP/1.1" 200 5 "http://ref.example/" "curl/8"';
    expect(detectLogWrapper([isoAccess, isoAccess])).toBe('none');
    // One corrupt first line does not decide alone.
    expect(detectLogWrapper(['garbage', ...readLines(wrapCri([...lines, ...lines])).map((l) => l.text)])).toBe('cri');
  });
});

describe('createUnwrapRouter', () => {
  it('keeps one unwrapper per file: partial lines of two files interleaved in one batch stay apart', () => {
    const a = readLines(wrapCri([{ stream: 'stdout', text: 'aaaa', cuts: [2] }]), 'a.log');
    const b = readLines(wrapCri([{ stream: 'stdout', text: 'bbbb', cuts: [2] }]), 'b.log');
    const route = createUnwrapRouter({
      roleOf: (l) => l.log,
      wrapper: 'auto',
      maxLineLength: 100,
      onFailure: () => {},
    });
    const out = route([a[0], b[0], a[1], b[1]]);
    expect(out.map((l) => [l.path, l.text])).toEqual([
      ['a.log', 'aaaa'],
      ['b.log', 'bbbb'],
    ]);
    const plain = readLines(`${ACCESS}\n`, 'c.log');
    expect(route(plain)).toBe(plain);
  });
});
