// The error parser's fast path and the config tokenizer on the corpus, a 1 MiB line and random strings: never throw,
// and tokens keep to the input (a line number inside the text, names and arguments no longer than it).
// Budget: FUZZ_RUNS / FUZZ_SEED (test/fuzz/fuzz-inputs.ts).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokenizeApacheConfig } from '../../src/config/apache/tokenize-apache-config.ts';
import { parseErrorLine } from '../../src/parse/error/parse-error-line.ts';
import { corpus, fuzzParams } from './fuzz-inputs.ts';

function tokenizeWithinBounds(text: string): void {
  const { lines, errors } = tokenizeApacheConfig(text, 'fuzz.conf');
  const physicalLines = text.split('\n').length;
  for (const l of [...lines, ...errors]) {
    expect(l.line).toBeGreaterThanOrEqual(1);
    expect(l.line).toBeLessThanOrEqual(physicalLines);
  }
  for (const l of lines) expect(l.name.length + l.rawArgs.length).toBeLessThanOrEqual(text.length);
}

describe('fuzz: error parser fast path and config tokenizer never throw', () => {
  it.each(corpus.map((c) => [c.name, c.lines] as const))('corpus %s', (_name, lines) => {
    for (const line of lines) {
      expect(() => parseErrorLine(line)).not.toThrow();
      tokenizeWithinBounds(line);
    }
  });

  it('1 MiB lines', () => {
    for (const line of ['['.repeat(1 << 20), `<Location ${'/'.repeat(1 << 20)}`, '\\'.repeat(1 << 20)]) {
      expect(() => parseErrorLine(line)).not.toThrow();
      tokenizeWithinBounds(line);
    }
  });

  it('random strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        parseErrorLine(s);
        tokenizeWithinBounds(s);
      }),
      fuzzParams,
    );
  });
});
