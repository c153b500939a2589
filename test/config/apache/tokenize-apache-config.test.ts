import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitConfigArgs, tokenizeApacheConfig } from '../../../src/config/apache/tokenize-apache-config.ts';

describe('tokenizeApacheConfig', () => {
  it('joins continuation lines, skips comments, and keeps the first line number', () => {
    const { lines, errors } = tokenizeApacheConfig(
      '# comment\n  setenv rate-limit \\\n    400\n<Location "/a b">\n</location>\n\t# indented comment \\\nServerName x\n',
      '/f',
    );
    expect(errors).toEqual([]);
    expect(lines.map((l) => [l.kind, l.nameKey, l.rawArgs, l.line])).toEqual([
      ['directive', 'setenv', 'rate-limit     400', 2],
      ['open', 'location', '"/a b"', 4],
      ['close', 'location', '', 5],
      ['directive', 'servername', 'x', 7],
    ]);
  });

  it('reports a section opener without its closing >', () => {
    expect(tokenizeApacheConfig('<Location /a\n', '/f').errors).toEqual([
      { file: '/f', line: 1, message: "<Location> directive missing closing '>'" },
    ]);
  });
});

describe('splitConfigArgs', () => {
  it('handles double and single quotes and escaped quotes (ap_getword_conf)', () => {
    expect(splitConfigArgs(`"%h \\"%r\\" %>s" combined 'a b'  c`)).toEqual(['%h "%r" %>s', 'combined', 'a b', 'c']);
  });

  it('round-trips any words when each is double-quoted with \\" escapes', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1 }).filter((w) => !w.includes('\\'))), (words) => {
        const line = words.map((w) => `"${w.replaceAll('"', '\\"')}"`).join(' ');
        expect(splitConfigArgs(line)).toEqual(words);
      }),
    );
  });
});
