// Every property test runs one fixed sequence unless asked otherwise, so `npm test` and CI are deterministic: a
// random seed let CI find a new counterexample on an unrelated change (FUZZ_SEED=1833317010). Exploring is
// `npm run fuzz` (FUZZ_SEED=random), which prints the seed of any failure; FUZZ_SEED=<n> replays it. FUZZ_RUNS also
// sets the runs of the properties outside test/fuzz that do not set their own (fast-check's default is 100).

import fc from 'fast-check';

const FIXED_SEED = 20261124;

function envInteger(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n))
    throw new Error(
      `${name} must be an integer${name === 'FUZZ_SEED' ? ' or "random"' : ''}, not ${JSON.stringify(value)}`,
    );
  return n;
}

const seedEnv = process.env.FUZZ_SEED ?? '';
const runsEnv = process.env.FUZZ_RUNS ?? '';
fc.configureGlobal({
  ...(seedEnv === '' ? { seed: FIXED_SEED } : seedEnv === 'random' ? {} : { seed: envInteger('FUZZ_SEED', seedEnv) }),
  ...(runsEnv === '' ? {} : { numRuns: envInteger('FUZZ_RUNS', runsEnv) }),
});
