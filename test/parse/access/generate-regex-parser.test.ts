import { describe, expect, it } from 'vitest';
import type { AccessRecord } from '../../../src/parse/access/access-record.ts';
import { generateRegexParser } from '../../../src/parse/access/generate-regex-parser.ts';
import type { FieldApply } from '../../../src/parse/access/generate-scan-parser.ts';

describe('generateRegexParser', () => {
  it('writes out the described converters, calls the others, and reports the first failure in field order', () => {
    const status: FieldApply = () => {
      throw new Error('called a described converter');
    };
    status.inline = { kind: 'digits', fields: ['status'], divisor: 1, dash: 'skip', reason: 'bad_number' };
    const seen: string[] = [];
    const plain: FieldApply = (_r, s, a, b) => {
      seen.push(s.slice(a, b));
      return s.slice(a, b) === 'bad' ? 'bad_timestamp' : undefined;
    };
    const parse = generateRegexParser(/^(\S+) (\S+)$/, [plain, status])!;
    const run = (line: string) => {
      const record = { ok: true } as AccessRecord;
      return parse(line, record) ?? record;
    };
    expect(run('x 200')).toEqual({ ok: true, status: 200 });
    expect(run('x -')).toEqual({ ok: true });
    expect(run('x 2x0')).toBe('bad_number');
    expect(run('bad 2x0')).toBe('bad_timestamp');
    expect(run('no')).toBe('format_mismatch');
    expect(seen).toEqual(['x', 'x', 'x', 'bad']);
  });
});
