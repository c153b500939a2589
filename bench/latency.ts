// Issue #2 item 6: a line appended to a followed file shows in /metrics within 250 ms (p99 over 200 appends).
// Each append is one write of one access line; /metrics is polled over HTTP until the request counter moves.

import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAgent } from '../src/agent/create-agent.ts';
import { createLogger } from '../src/log.ts';
import { accessLine, BENCH_FORMAT } from './generate-access-log.ts';

const APPENDS = 200;
const dir = await mkdtemp(join(tmpdir(), 'wsgiwatch-latency-'));
const file = join(dir, 'access.log');
await writeFile(file, '');
const agent = createAgent({
  logger: createLogger({ level: 'silent', quiet: true }),
  accessLogs: [{ path: file, format: BENCH_FORMAT }],
  listenAddress: '127.0.0.1:0',
  positionsFile: join(dir, 'positions.json'),
});
await agent.start();
const url = `${agent.url}/metrics`;

async function requestCount(): Promise<number> {
  const body = await (await fetch(url)).text();
  let total = 0;
  for (const m of body.matchAll(/^apache_http_requests_total\{[^}]*\} (\d+)/gm)) total += Number(m[1]);
  return total;
}

// The first file open happens on the first poll; wait until the file is followed.
while (agent.snapshot().sources[0]?.state !== 'open') await new Promise((r) => setTimeout(r, 10));
const latencies: number[] = [];
// Baseline in the same run: the cost of one /metrics round trip (the floor of what polling can show).
const b0 = performance.now();
for (let i = 0; i < 20; i++) await requestCount();
const scrapeMs = (performance.now() - b0) / 20;
for (let i = 0; i < APPENDS; i++) {
  const before = await requestCount();
  const t0 = performance.now();
  await appendFile(file, `${accessLine(i)}\n`);
  while ((await requestCount()) === before) {
    if (performance.now() - t0 > 5000) throw new Error(`append ${i} not visible after 5 s`);
  }
  latencies.push(performance.now() - t0);
  await new Promise((r) => setTimeout(r, 5 + (i % 20)));
}
await agent.stop();
await rm(dir, { recursive: true, force: true });
latencies.sort((a, b) => a - b);
const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1)];
console.log(`appends: ${APPENDS}; one /metrics round trip (baseline): ${scrapeMs.toFixed(1)} ms`);
console.log(
  `append → visible in /metrics: p50 ${q(0.5).toFixed(1)} ms, p90 ${q(0.9).toFixed(1)} ms, p99 ${q(0.99).toFixed(1)} ms, max ${latencies[latencies.length - 1].toFixed(1)} ms (target p99 ≤ 250 ms)`,
);
console.log(`ratio p99 ÷ scrape round trip: ${(q(0.99) / scrapeMs).toFixed(1)}`);
