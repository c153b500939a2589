// Tailer wake-up latency: time from an append to onLines on an idle file, with the fs.watch hint and with polling
// alone (default 200 ms idle poll), measured in the same run; plus this process's CPU while an unrelated file in the
// same directory takes appends from a child process as fast as it can for 1 s (the hint must not turn a busy neighbour
// into a busy loop); the writer is a child, so this process's CPU is the tailer's alone.
// Run: npx tsx bench/tail-latency.ts

import { spawn } from 'node:child_process';
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
    // Another file in the directory appended to by a child for 1 s (it prints how many appends it made).
    const other = join(dir, 'other_vhosts_access.log');
    const writer = `const fs = require('node:fs'); const fd = fs.openSync(${JSON.stringify(other)}, 'a'); let n = 0;
      const end = Date.now() + 1000; while (Date.now() < end) { fs.writeSync(fd, 'x\\n'); n++; } console.log(n);`;
    const cpu = process.cpuUsage();
    const writes = await new Promise<number>((resolve, reject) => {
      const child = spawn(process.execPath, ['-e', writer], { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
      });
      child.on('error', reject);
      child.on('exit', () => resolve(Number(out.trim())));
    });
    const used = process.cpuUsage(cpu);
    await tailer.stop();
    latencies.sort((a, b) => a - b);
    // Includes spawning and waiting for the child (a few ms), the same in both modes.
    const tailerCpuMs = (used.user + used.system) / 1000;
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
    `| ${name} | ${median.toFixed(1)} | ${r.latencies.at(-1)?.toFixed(1)} | ${r.tailerCpuMs.toFixed(0)} (${r.writes.toLocaleString('en-US')} appends) |`,
  );
}
const ratio =
  polling.latencies[Math.floor(SAMPLES / 2)] / withWatch.latencies[Math.floor(withWatch.latencies.length / 2)];
console.log(`\nmedian latency ratio poll-only / watch: ${ratio.toFixed(0)}×`);
