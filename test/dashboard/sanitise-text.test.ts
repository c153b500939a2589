import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sanitiseText } from '../../src/dashboard/sanitise-text.ts';

// Everything a terminal might act on: C0, DEL, C1, bidi embeddings/overrides/isolates and marks.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for them
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u061c\u200e\u200f]/;

describe('sanitiseText', () => {
  it('neutralises CSI, OSC (hyperlink, title) and 8-bit CSI into visible pictures', () => {
    expect(sanitiseText('GET /\x1b[2J\x1b[31mred')).toBe('GET /␛[2J␛[31mred');
    expect(sanitiseText('\x1b]8;;http://evil\x07x\x1b]8;;\x07')).toBe('␛]8;;http://evil␇x␛]8;;␇');
    expect(sanitiseText('\x1b]0;pwned\x1b\\')).toBe('␛]0;pwned␛\\');
    expect(sanitiseText('a\x9b31mb')).toBe('a\ufffd31mb');
    expect(sanitiseText('a\r\nb\x00\x7f')).toBe('a␍␊b␀␡');
  });

  it('neutralises bidi overrides and isolates, keeps zero-width joiners and ordinary Unicode', () => {
    expect(sanitiseText('user\u202Egpj.exe')).toBe('user\ufffdgpj.exe');
    expect(sanitiseText('\u2066x\u2069')).toBe('\ufffdx\ufffd');
    expect(sanitiseText('👩\u200d💻 café 日本')).toBe('👩\u200d💻 café 日本');
  });

  it('truncates by code points with an ellipsis', () => {
    expect(sanitiseText('abcdef', 4)).toBe('abc…');
    expect(sanitiseText('abc', 4)).toBe('abc');
    expect(Array.from(sanitiseText('😀😀😀😀😀', 3))).toHaveLength(3);
  });

  it('property: no unsafe character and no lone surrogate survives; length bound holds; idempotent', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }),
        fc.option(fc.integer({ min: 1, max: 50 }), { nil: undefined }),
        (s, max) => {
          const out = sanitiseText(s, max);
          expect(UNSAFE.test(out)).toBe(false);
          expect(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(out)).toBe(false);
          if (max !== undefined) expect(Array.from(out).length).toBeLessThanOrEqual(max);
          expect(sanitiseText(out, max)).toBe(out);
        },
      ),
    );
  });
});
