import { describe, expect, it } from 'vitest';
import type { AccessRecord } from '../../../src/parse/access/access-record.ts';
import { planFieldEnds } from '../../../src/parse/access/build-line-matcher.ts';
import { classifyDirective } from '../../../src/parse/access/classify-directive.ts';
import {
  type FieldApply,
  generateScanParser,
  type InlineConversion,
} from '../../../src/parse/access/generate-scan-parser.ts';
import { type LogFormatDirective, tokenizeLogFormat } from '../../../src/parse/access/tokenize-log-format.ts';

/** A converter that must never be called: the scanner writes it out from its description. */
function described(inline: InlineConversion): FieldApply {
  const apply: FieldApply = () => {
    throw new Error('called a described converter');
  };
  apply.inline = inline;
  return apply;
}

function scannerFor(format: string, applies: FieldApply[], bounded = false) {
  const tokens = tokenizeLogFormat(format);
  const roleOf = new Map(
    tokens.filter((t): t is LogFormatDirective => t.kind === 'directive').map((d) => [d, classifyDirective(d)]),
  );
  const scan = generateScanParser(tokens, planFieldEnds(tokens, roleOf), applies, undefined, bounded)!;
  return (line: string) => {
    const record = { ok: true } as AccessRecord;
    const failed = scan(line, record, 0, line.length);
    return failed ?? record;
  };
}

describe('generateScanParser: described converters', () => {
  const status = described({ kind: 'digits', fields: ['status'], divisor: 1, dash: 'skip', reason: 'bad_number' });
  const bytes = described({ kind: 'digits', fields: ['bodyBytes'], divisor: 1, dash: 'zero', reason: 'bad_number' });
  const micros = described({
    kind: 'digits',
    fields: ['durationSeconds'],
    divisor: 1_000_000,
    dash: 'fail',
    reason: 'bad_timestamp',
  });
  const host = described({ kind: 'text', field: 'clientIp', convert: (v) => v.toUpperCase() });
  const half = described({
    kind: 'number',
    field: 'pid',
    convert: (s, a, b) => Number(s.slice(a, b)) / 2,
    reason: 'bad_number',
  });

  it('writes them out in place: digits divided, `-` skipped, zeroed or failed as described, texts converted', () => {
    for (const bounded of [false, true]) {
      const parse = scannerFor('%h %>s %b %D %P', [host, status, bytes, micros, half], bounded);
      expect(parse('ab 200 - 1500000 8')).toEqual({
        ok: true,
        clientIp: 'AB',
        status: 200,
        bodyBytes: 0,
        durationSeconds: 1.5,
        pid: 4,
      });
      expect(parse('- - 12 0 x')).toBe('bad_number');
      expect(parse('- - 12 0 2')).toEqual({ ok: true, bodyBytes: 12, durationSeconds: 0, pid: 1 });
      expect(parse('a 200 5 - 2')).toBe('bad_timestamp');
      expect(parse('a 2x0 5 - 2')).toBe('bad_number');
      // 17 digits, and 2^53: not exact
      expect(parse('a 12345678901234567 5 1 2')).toBe('bad_number');
      expect(parse('a 9007199254740992 5 1 2')).toBe('bad_number');
      expect(parse('a 9007199254740991 5 1 2')).toMatchObject({ status: 9007199254740991 });
    }
  });

  it('calls the converters it has no description for, and reports the first failure in field order', () => {
    const seen: string[] = [];
    const plain: FieldApply = (_r, s, a, b) => {
      seen.push(s.slice(a, b));
      return s.slice(a, b) === 'bad' ? 'bad_timestamp' : undefined;
    };
    const parse = scannerFor('%h %>s %u', [plain, status, plain]);
    expect(parse('x 200 y')).toEqual({ ok: true, status: 200 });
    expect(seen).toEqual(['x', 'y']);
    expect(parse('bad 2x0 y')).toBe('bad_timestamp');
    expect(parse('x 2x0 bad')).toBe('bad_number');
  });

  it('refuses a description whose field is not a plain identifier (it would be written into the source)', () => {
    const evil = described({ kind: 'text', field: 'x; globalThis.pwned = 1; //', convert: (v) => v });
    expect(() => scannerFor('%h', [evil])).toThrow(/not a field/);
  });
});
