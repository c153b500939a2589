// Tailer wake-up latency: time from an append to onLines on an idle file, with the fs.watch hint and with polling
// alone (default 200 ms idle poll), measured in the same run; plus this process's CPU while an unrelated file in the
// same directory takes ~40k appends/s (the hint must not turn a busy neighbour into a busy loop).
// Run: npx tsx bench/tail-latency.ts

import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTailer } from '../src/sources/tail/create-tailer.ts';

const SAMPLES = 20;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function run(watch: boolean) {
  const dir = mkdtempSync(join(tmpdir(), 'tail-latency-'));
  try {
    const log = join(dir, 'access.log');
    writeFileSync(log, '');
    const latencies: number[] = [];
    let sentAt = 0;
    const tailer = createTailer({
      sources: [{ path: log, log: 'access' }],
      watch,
      onLines: () => latencies.push(performance.now() - sentAt),
    });
    await tailer.start();
    await sleep(300);
    for (let i = 0; i < SAMPLES; i++) {
      await sleep(250 + Math.random() * 100);
      sentAt = performance.now();
      appendFileSync(log, `10.0.0.1 - - [24/Nov/2026:01:00:00 +0000] "GET /${i} HTTP/1.1" 200 5\n`);
    }
    await sleep(400);
    // Appends to another file in the directory, measured separately from the appends' own cost.
    const other = join(dir, 'other_vhosts_access.log');
    const baseline = process.cpuUsage();
    for (let i = 0; i < 20_000; i++) appendFileSync(other, 'x\n');
    const appendCpu = process.cpuUsage(baseline);
    const cpu = process.cpuUsage();
    const end = Date.now() + 1000;
    let writes = 0;
    while (Date.now() < end) {
      appendFileSync(other, 'x\n');
      if (++writes % 100 === 0) await sleep(1);
    }
    const used = process.cpuUsage(cpu);
    await tailer.stop();
    latencies.sort((a, b) => a - b);
    const appendUs = (appendCpu.user + appendCpu.system) / 20_000;
    const tailerCpuMs = (used.user + used.system) / 1000 - (writes * appendUs) / 1000;
    return { latencies, writes, tailerCpuMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const withWatch = await run(true);
const polling = await run(false);
console.log('| mode | median latency ms | max latency ms | tailer CPU ms during 1 s of neighbour appends |');
console.log('|---|---|---|---|');
for (const [name, r] of [
  ['fs.watch hint + 200 ms poll', withWatch],
  ['200 ms poll only', polling],
] as const) {
  const median = r.latencies[Math.floor(r.latencies.length / 2)];
  console.log(
    `| ${name} | ${median.toFixed(1)} | ${r.latencies.at(-1)?.toFixed(1)} | ${Math.max(0, r.tailerCpuMs).toFixed(0)} (${r.writes} appends) |`,
  );
}
const ratio =
  polling.latencies[Math.floor(SAMPLES / 2)] / withWatch.latencies[Math.floor(withWatch.latencies.length / 2)];
console.log(`\nmedian latency ratio poll-only / watch: ${ratio.toFixed(0)}×`);
