import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unescapeLogItem } from '../../../src/parse/access/unescape-log-item.ts';
import { escapeLogItem } from './escape-log-item.ts';

describe('unescapeLogItem', () => {
  it('returns text without backslashes unchanged', () => {
    expect(unescapeLogItem('curl/7.88.1')).toBe('curl/7.88.1');
  });

  it('decodes the named escapes', () => {
    expect(unescapeLogItem('\\"a\\" \\\\ \\n\\r\\t\\b\\v')).toBe('"a" \\ \n\r\t\b\v');
  });

  it('decodes a run of \\xhh as UTF-8 bytes, invalid bytes as U+FFFD', () => {
    expect(unescapeLogItem('caf\\xc3\\xa9 \\xe2\\x82\\xac \\x01')).toBe('café € \x01');
    expect(unescapeLogItem('\\xff\\xfe')).toBe('\uFFFD\uFFFD');
    expect(unescapeLogItem('\\xC3\\xA9')).toBe('é');
  });

  it('keeps U+FEFF that a \\xef\\xbb\\xbf run starts with (FUZZ_SEED=1833317010)', () => {
    // A decoder strips a leading BOM unless told not to; a header may carry one.
    expect(unescapeLogItem('\\xef\\xbb\\xbf')).toBe('\uFEFF');
    expect(unescapeLogItem('a\\xef\\xbb\\xbfb')).toBe('a\uFEFFb');
  });

  it('keeps unknown escapes and a trailing backslash as written', () => {
    expect(unescapeLogItem('a\\qb \\x4 \\xzz end\\')).toBe('a\\qb \\x4 \\xzz end\\');
  });

  it('inverts ap_escape_logitem for any Unicode text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (s) => {
        expect(unescapeLogItem(escapeLogItem(s))).toBe(s);
      }),
    );
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        expect(typeof unescapeLogItem(s)).toBe('string');
      }),
    );
  });
});
