import { describe, expect, it } from 'vitest';
import { createParseFailure, SAMPLE_LENGTH } from '../../src/parse/parse-failure.ts';

describe('createParseFailure', () => {
  it('keeps short lines whole', () => {
    expect(createParseFailure('format_mismatch', 'abc')).toEqual({
      ok: false,
      reason: 'format_mismatch',
      sample: 'abc',
    });
  });
  it('bounds the sample', () => {
    const f = createParseFailure('line_too_long', 'x'.repeat(10_000));
    expect(f.sample.length).toBe(SAMPLE_LENGTH + 1);
  });
});
