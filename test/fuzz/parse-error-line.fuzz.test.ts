import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokenizeApacheConfig } from '../../src/config/apache/tokenize-apache-config.ts';
import { parseErrorLine } from '../../src/parse/error/parse-error-line.ts';

// FUZZ_RUNS: short budget in CI, `FUZZ_RUNS=20000 npx vitest run test/fuzz` for the long run.
const numRuns = Number(process.env.FUZZ_RUNS ?? 200);
const corpusUrl = new URL('../fixtures/nasty/lines.jsonl', import.meta.url);
const corpus = readFileSync(corpusUrl, 'utf8')
  .split('\n')
  .filter((l) => l !== '')
  .map((l) => JSON.parse(l) as { name: string; line: string });
const HINT = 'add the counterexample as a {"name","line"} row to test/fixtures/nasty/lines.jsonl';

describe('fuzz: error parser and config tokenizer never throw', () => {
  it.each(corpus.map((c) => [c.name, c.line] as const))('corpus %s', (_name, line) => {
    expect(() => parseErrorLine(line)).not.toThrow();
    expect(() => tokenizeApacheConfig(line, 'fuzz.conf')).not.toThrow();
  });
  it('1 MiB line', () => {
    expect(() => parseErrorLine('['.repeat(1 << 20))).not.toThrow();
  });
  it('random strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        parseErrorLine(s);
        tokenizeApacheConfig(s, 'fuzz.conf');
      }),
      {
        numRuns,
        reporter: (d) => {
          if (d.failed) throw new Error(`${HINT}: ${JSON.stringify(d.counterexample)}`);
        },
      },
    );
  });
});
