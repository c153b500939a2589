import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyErrorRecord } from '../../../src/analyse/wsgi/classify-error-record.ts';
import { compileErrorLogFormat } from '../../../src/parse/error/compile-error-log-format.ts';
import { decodeErrorLogEscapes } from '../../../src/parse/error/decode-error-log-escapes.ts';
import { parseErrorLine } from '../../../src/parse/error/parse-error-line.ts';

const OBSERVED = '[%{cu}t] [%-m:%-l] [pid %P:tid %-T] %7F: %E: [client\\ %a] [%L] %M% ,\\ referer\\ %{Referer}i';
const custom = compileErrorLogFormat(OBSERVED);
const PREFIX = '[Mon Nov 23 20:37:45.266671 2026] [wsgi:error] [pid 23839:tid 23855] [client 127.0.0.1:55662] ';
const CUSTOM_PREFIX = '[2026-11-23 20:33:36.234236] [wsgi:error] [pid 1:tid 2] [client 127.0.0.1:3] [Ab] ';
const REASONS = ['empty', 'format_mismatch', 'bad_timestamp', 'bad_number', 'line_too_long', 'invalid_utf8'];

function checkAll(line: string) {
  for (const r of [parseErrorLine(line), custom.parse(line)]) {
    if (r.ok) {
      expect(typeof r.message).toBe('string');
      classifyErrorRecord(r);
    } else expect(REASONS).toContain(r.reason);
  }
}

// Any UTF-16 code units, lone surrogates included.
const utf16Line = fc
  .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 300 })
  .map((units) => String.fromCharCode(...units));
// Byte soup as the tailer may hand it over: random bytes decoded as UTF-8 (invalid sequences → U+FFFD) or latin1.
const byteLine = fc
  .uint8Array({ maxLength: 300 })
  .chain((bytes) => fc.constantFrom(Buffer.from(bytes).toString('utf8'), Buffer.from(bytes).toString('latin1')));
const pieces = fc.constantFrom(
  '[',
  ']',
  ' ',
  ':',
  '\\',
  '\\x',
  '\\xc3',
  '\\xa9',
  '\\xff',
  '\\n',
  '\\\\',
  'WSGI0210: ',
  'WSGI0174: ',
  '[script /a.wsgi] ',
  '[client ::1:5] ',
  '[remote ',
  ', referer: ',
  ', referer ',
  'AH00052: ',
  '(2)No such file: ',
  'mod_wsgi (pid=1): ',
  "process 'x'",
  'Traceback (most recent call last):',
  '\u00e9',
  '\ud800',
);
const structured = fc.array(pieces, { maxLength: 40 }).map((xs) => xs.join(''));

describe('error-line parsers never throw', () => {
  it('on random strings and random bytes (property)', () => {
    fc.assert(fc.property(utf16Line, checkAll), { numRuns: 500 });
    fc.assert(fc.property(byteLine, checkAll), { numRuns: 500 });
  });

  it('on structured noise behind a valid prefix (property)', () => {
    fc.assert(
      fc.property(structured, (tail) => {
        checkAll(PREFIX + tail);
        checkAll(CUSTOM_PREFIX + tail);
        checkAll(tail);
      }),
      { numRuns: 1000 },
    );
  });

  it('decodes any mix of backslashes, x and hex digits (a lone trailing backslash once looped forever)', () => {
    const soup = fc
      .array(fc.constantFrom('\\', 'x', 'c', '3', 'a', 'n', 'z', ' '), { maxLength: 30 })
      .map((xs) => xs.join(''));
    fc.assert(
      fc.property(soup, (s) => {
        expect(typeof decodeErrorLogEscapes(s)).toBe('string');
      }),
      { numRuns: 1000 },
    );
    expect(decodeErrorLogEscapes('x\\')).toBe('x\\');
    expect(decodeErrorLogEscapes('\\q\\x4')).toBe('\\q\\x4');
    expect(decodeErrorLogEscapes('a\\xc3\\xa9b\\x41\\n')).toBe('a\u00e9bA\n');
  });

  it('keeps U+FEFF that a \\xef\\xbb\\xbf run starts with: a decoder drops a leading BOM unless told not to', () => {
    expect(decodeErrorLogEscapes('\\xef\\xbb\\xbf')).toBe('\uFEFF');
    expect(decodeErrorLogEscapes('msg \\xef\\xbb\\xbfend')).toBe('msg \uFEFFend');
  });

  it('decodes escapes totally: decoding plain text is the identity, \\xHH runs become UTF-8', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        const noBackslash = s.replace(/\\/g, '');
        expect(decodeErrorLogEscapes(noBackslash)).toBe(noBackslash);
        const escaped = [...Buffer.from(s, 'utf8')].map((b) => `\\x${b.toString(16).padStart(2, '0')}`).join('');
        expect(decodeErrorLogEscapes(escaped)).toBe(Buffer.from(s, 'utf8').toString('utf8'));
      }),
    );
  });
});

describe('error-line parsers stay linear on adversarial floods', () => {
  // A quadratic step on these 400 KB lines would take minutes; linear parsing takes milliseconds.
  // (No timing is asserted: a super-linear regression shows up as a test timeout.)
  const N = 400_000;
  const floods = [
    '\\x'.repeat(N / 2),
    '\\xc3'.repeat(N / 4),
    '\\'.repeat(N),
    ', referer: '.repeat(N / 11),
    ', referer '.repeat(N / 10),
    '[script '.repeat(N / 8),
    'WSGI0001'.repeat(N / 8),
    'WSGI0001: '.repeat(N / 10),
    '['.repeat(N),
    '(2)'.repeat(N / 3),
    `${'a'.repeat(N)}(12`,
    "process '".repeat(N / 9),
  ];
  it.each(floods.map((f, i) => [i, f]))('flood %i', (_i, flood) => {
    for (const line of [flood, PREFIX + flood, CUSTOM_PREFIX + flood, `${PREFIX}mod_wsgi (pid=1): ${flood}`]) {
      checkAll(line);
    }
    const r = parseErrorLine(PREFIX + flood);
    expect(r.ok && r.prefixed).toBe(true);
  });

  it('keeps a 1 MB line whole', () => {
    const r = parseErrorLine(PREFIX + 'x'.repeat(1_000_000));
    expect(r.ok && r.message.length).toBe(1_000_000);
  });
});
