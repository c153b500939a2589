import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLineSplitter } from '../../../src/sources/tail/line-splitter.ts';

interface Out {
  text: string;
  offset: number;
  truncated: boolean;
}

/** Feeds `bytes` cut at `cuts` and collects what comes out. */
function split(bytes: Buffer, cuts: number[], maxLineBytes = 65536) {
  const splitter = createLineSplitter({ maxLineBytes });
  const out: Out[] = [];
  const points = [...new Set([0, ...cuts.filter((c) => c > 0 && c < bytes.length), bytes.length])].sort(
    (a, b) => a - b,
  );
  for (let i = 0; i + 1 < points.length; i++) {
    // Copy into a larger buffer at an offset, as the tailer's shared read buffer would hold it.
    const chunk = Buffer.alloc(points[i + 1] - points[i] + 7, 0x41);
    bytes.copy(chunk, 3, points[i], points[i + 1]);
    splitter.push(chunk, 3, 3 + points[i + 1] - points[i], (text, offset, truncated) =>
      out.push({ text, offset, truncated }),
    );
  }
  return { out, splitter };
}

/** What a correct splitter yields for whole input. */
function expected(text: string, maxLineBytes = 65536): Out[] {
  const bytes = Buffer.from(text);
  const out: Out[] = [];
  let start = 0;
  for (let nl = bytes.indexOf(10); nl >= 0; nl = bytes.indexOf(10, start)) {
    let line = bytes.subarray(start, nl);
    if (line.at(-1) === 13) line = line.subarray(0, -1);
    let truncated = false;
    if (line.length > maxLineBytes) {
      truncated = true;
      let cut = maxLineBytes;
      while (cut > 0 && (line[cut] & 0xc0) === 0x80) cut--;
      line = line.subarray(0, cut);
    }
    out.push({ text: line.toString('utf8'), offset: start, truncated });
    start = nl + 1;
  }
  return out;
}

describe('createLineSplitter', () => {
  it('holds a partial line until its newline and reports the committed offset', () => {
    const splitter = createLineSplitter({ maxLineBytes: 100 });
    const out: string[] = [];
    const emit = (t: string) => out.push(t);
    splitter.push(Buffer.from('one\ntw'), 0, 6, emit);
    expect(out).toEqual(['one']);
    expect(splitter.committedOffset()).toBe(4);
    expect(splitter.offset()).toBe(6);
    expect(splitter.pendingBytes()).toBe(2);
    splitter.push(Buffer.from('o\r\nthree\n'), 0, 9, emit);
    expect(out).toEqual(['one', 'two', 'three']);
    expect(splitter.committedOffset()).toBe(15);
  });

  it('keeps a UTF-8 character split at every byte position intact', () => {
    const text = 'a€b😀c\nÿ€\n';
    const bytes = Buffer.from(text);
    for (let cut = 0; cut <= bytes.length; cut++) {
      for (let cut2 = cut; cut2 <= bytes.length; cut2++) {
        const { out } = split(bytes, [cut, cut2]);
        expect(out.map((o) => o.text)).toEqual(['a€b😀c', 'ÿ€']);
      }
    }
  });

  it('cuts over-long lines at the cap on a character boundary, never buffering the rest', () => {
    const long = `${'€'.repeat(10)}\nok\n`; // 30 bytes of €, cap 10 → 3 whole € (9 bytes)
    const { out, splitter } = split(Buffer.from(long), [1, 2, 5, 17, 29], 10);
    expect(out).toEqual([
      { text: '€€€', offset: 0, truncated: true },
      { text: 'ok', offset: 31, truncated: false },
    ]);
    expect(splitter.linesTruncated()).toBe(1);
    expect(splitter.pendingBytes()).toBe(0);
  });

  it('a line of exactly the cap followed by \\r\\n is not truncated', () => {
    const { out } = split(Buffer.from('0123456789\r\n'), [10, 11], 10);
    expect(out).toEqual([{ text: '0123456789', offset: 0, truncated: false }]);
  });

  it('skipLine drops the bytes up to the next newline, across reads', () => {
    const out: string[] = [];
    const splitter = createLineSplitter({ maxLineBytes: 100, startOffset: 50 });
    splitter.skipLine();
    splitter.push(Buffer.from('rest of a'), 0, 9, (text) => out.push(text));
    splitter.push(Buffer.from(' line\nnext\n'), 0, 11, (text) => out.push(text));
    expect(out).toEqual(['next']);
    expect(splitter.committedOffset()).toBe(50 + 20);
    expect(splitter.linesTruncated()).toBe(0);
  });

  it('drops the partial line on reset, or carries it over when asked', () => {
    const splitter = createLineSplitter({ maxLineBytes: 100 });
    const out: string[] = [];
    splitter.push(Buffer.from('abc\nhal'), 0, 7, (t) => out.push(t));
    expect(splitter.reset(0, true)).toBe(0);
    splitter.push(Buffer.from('f\n'), 0, 2, (t) => out.push(t));
    expect(out).toEqual(['abc', 'half']);
    splitter.push(Buffer.from('xyz'), 0, 3, (t) => out.push(t));
    expect(splitter.reset(0)).toBe(3);
    splitter.push(Buffer.from('new\n'), 0, 4, (t, o) => out.push(`${t}@${o}`));
    expect(out.at(-1)).toBe('new@0');
  });

  it('splits any text, cut anywhere, exactly like splitting the whole (property)', () => {
    const line = fc.string({ unit: fc.constantFrom('a', 'é', '€', '😀', '\r', ' ', 'Z'), maxLength: 30 });
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 20 }),
        fc.array(fc.nat({ max: 800 }), { maxLength: 12 }),
        fc.integer({ min: 1, max: 40 }),
        (lines, cuts, cap) => {
          const text = lines.map((l) => `${l}\n`).join('');
          const { out } = split(Buffer.from(text), cuts, cap);
          expect(out).toEqual(expected(text, cap));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads of many lines (the decode-once ASCII path, non-ASCII pieces, lines past a piece) split the same (property)', () => {
    // Lines up to 100 KB so some exceed the 64 KiB decode piece; mostly ASCII, some with a multi-byte character or `\r`.
    const line = fc.record({
      length: fc.oneof({ weight: 20, arbitrary: fc.nat({ max: 300 }) }, fc.nat({ max: 100_000 })),
      special: fc.constantFrom('', '', '', '', 'é', '😀', '\r'),
      at: fc.nat(),
    });
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 1, maxLength: 400 }),
        fc.array(fc.nat({ max: 400_000 }), { maxLength: 6 }),
        fc.constantFrom(65536, 70_000, 1000),
        (lines, cuts, cap) => {
          const text = lines
            .map(({ length, special, at }) => {
              const body = 'x'.repeat(length);
              const k = at % (length + 1);
              return `${special === '\r' ? body : body.slice(0, k) + special + body.slice(k)}${special === '\r' ? '\r' : ''}\n`;
            })
            .join('');
          const { out } = split(Buffer.from(text), cuts, cap);
          expect(out).toEqual(expected(text, cap));
        },
      ),
      { numRuns: 60 },
    );
  });
});
