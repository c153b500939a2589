// Bench: time in input length for every parser and regex-driven stage, on the adversarial floods of
// test/fuzz/linear-time-stages.ts. Prints, per stage, the worst 64 KiB / 16 KiB time ratio over its prefix × flood
// inputs (4 is linear, 16 quadratic) and the worst 64 KiB time; the 16 KiB run is the baseline, measured in the same
// run. Each time is the minimum of RUNS runs. Exits 0: the pass/fail check is the static one (test/fuzz/redos).

import { floodInput, STAGES } from '../test/fuzz/linear-time-stages.ts';
import { printResult } from './bench-result.ts';

const RUNS = Number(process.env.RUNS ?? 5);

function minTime(fn: () => void): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

const stages: { stage: string; worstRatio: number; worstInput: string; worst64KiBMs: number }[] = [];
console.log(`stage | worst ratio 64K/16K (input) | worst 64 KiB ms | inputs (min of ${RUNS} runs)`);
for (const [name, prefixes, floods, stage] of STAGES) {
  let worst = { ratio: 0, input: '' };
  let slowest = 0;
  let inputs = 0;
  for (const prefix of prefixes)
    for (const flood of floods) {
      const small = floodInput(prefix, flood, 16 * 1024);
      const large = floodInput(prefix, flood, 64 * 1024);
      stage(small); // warm the JIT on this shape
      const t16 = minTime(() => stage(small));
      const t64 = minTime(() => stage(large));
      // below ~0.05 ms the ratio is timer noise: floor the baseline there
      const ratio = t64 / Math.max(t16, 0.05);
      if (ratio > worst.ratio)
        worst = { ratio, input: `${JSON.stringify(prefix.slice(0, 24))}+${JSON.stringify(flood)}` };
      slowest = Math.max(slowest, t64);
      inputs++;
    }
  console.log(`${name} | ${worst.ratio.toFixed(1)}× (${worst.input}) | ${slowest.toFixed(2)} | ${inputs}`);
  stages.push({ stage: name, worstRatio: worst.ratio, worstInput: worst.input, worst64KiBMs: slowest });
}
printResult({ runs: RUNS, stages });
