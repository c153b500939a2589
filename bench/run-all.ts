// `npm run bench`: runs every benchmark in turn (each prints its figure and the ratio against a baseline measured in the
// same run). Pass names to run a subset: `npm run bench -- pipeline latency`.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const BENCHES = [
  ['pipeline', 'bench/pipeline.ts'],
  ['latency', 'bench/latency.ts'],
  ['pipeline-in-memory', 'bench/pipeline-in-memory.ts'],
  ['pipeline-floor', 'bench/pipeline-floor.ts'],
  ['pipeline-two-threads', 'bench/pipeline-two-threads.ts'],
  ['parse-access', 'bench/parse-access.ts'],
  ['parse-error', 'bench/parse-error.ts'],
  ['tail-throughput', 'bench/tail-throughput.ts'],
  ['tail-compare', 'bench/tail-compare.ts'],
  ['tail-latency', 'bench/tail-latency.ts'],
  ['config-include-tree', 'bench/config-include-tree.ts'],
  ['config-match-location', 'bench/config-match-location.ts'],
  ['analyse', 'bench/analyse-1m.ts'],
  ['dashboard-render', 'bench/dashboard-render.ts'],
] as const;

const wanted = process.argv.slice(2);
let failed = 0;
for (const [name, file] of BENCHES) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  if (!existsSync(file)) {
    console.log(`\n## ${name}: ${file} missing, skipped`);
    continue;
  }
  console.log(`\n## ${name} (${file})`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', file], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.log(`## ${name} exited with ${r.status}`);
  }
}
process.exit(failed === 0 ? 0 : 1);
