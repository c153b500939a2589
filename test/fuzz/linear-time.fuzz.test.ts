// Issue #7 fuzzing, "time linear in input", without a clock: the rule is that performance is measured in benchmarks,
// never asserted in tests. Two deterministic checks stand in for the old timed one:
// - redos.fuzz.test.ts: a static checker proves every regex these stages declare or build free of super-linear
//   backtracking on floods of one character (what made the old timings blow up);
// - here: every stage's adversarial 64 KiB inputs (linear-time-stages.ts) go through it and the output is checked —
//   no throw, the access engines agree, records stay in bounds. Catastrophic backtracking would still hang here (the
//   test timeout is the backstop, not a measure).
// The 16 KiB vs 64 KiB time ratios per stage are printed by `npm run bench -- linear-time` (bench/linear-time.ts).

import { describe, expect, it } from 'vitest';
import type { AccessRecord } from '../../src/parse/access/access-record.ts';
import type { ParseFailure } from '../../src/parse/parse-failure.ts';
import { FAILURE_REASONS } from './fuzz-inputs.ts';
import { accessParsers, floodInput, STAGES } from './linear-time-stages.ts';

const BYTES = 64 * 1024;

/** A stage's output as data: compiled parsers' functions drop out, errors become their message. */
const plain = (v: unknown) => JSON.stringify(v, (_k, x: unknown) => (x instanceof Error ? x.message : x));

/** The parts of a result two engines must agree on. */
function summary(r: AccessRecord | ParseFailure): unknown {
  return r.ok ? { ...r } : { reason: r.reason };
}

describe('adversarial 64 KiB inputs: every stage returns, outputs checked (timings: bench/linear-time.ts)', () => {
  it.each(STAGES)('%s', (_name, prefixes, floods, stage) => {
    for (const prefix of prefixes)
      for (const flood of floods) {
        const line = floodInput(prefix, flood, BYTES);
        expect(line.length).toBe(BYTES);
        const out = plain(stage(line));
        // Deterministic: the same input gives the same output (no state leaks between runs).
        expect(plain(stage(line))).toBe(out);
      }
  });

  it('access parsers: the scan engine and the regex engine agree on every flood, failures name a known reason', () => {
    const [, prefixes, floods] = STAGES[0];
    for (const prefix of prefixes)
      for (const flood of floods) {
        const line = floodInput(prefix, flood, BYTES);
        for (let i = 0; i < accessParsers.length; i += 2) {
          const scan = accessParsers[i].parse(line);
          const regex = accessParsers[i + 1].parse(line);
          if (!scan.ok) expect(FAILURE_REASONS.has(scan.reason), scan.reason).toBe(true);
          expect(
            summary(scan),
            `${accessParsers[i].source} on ${JSON.stringify(prefix)}+${JSON.stringify(flood)}`,
          ).toEqual(summary(regex));
        }
      }
  });
});
