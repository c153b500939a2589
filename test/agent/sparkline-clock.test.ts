// Reads are pure: the sparkline history is sampled on the agent's own clock, so an agent read every second and one
// never read draw the same sparkline (stepped fake timers for the agent's clock; the tailer reads on real ones).

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Agent, createAgent } from '../../src/agent/create-agent.ts';
import { createLogger } from '../../src/log.ts';

const FORMAT = '%h %l %u %t "%r" %>s %O %D';
// 1 MiB at 100 KiB/s is allowed 10.2 s: ratios from 1.0 down to 0.5.
const access = (i: number) =>
  `127.0.0.1 - - [23/Nov/2026:20:40:0${i % 10} +0000] "GET /dl/f HTTP/1.1" 200 ${1048576 + 278} ${10_250_000 + i * 1_000_000}\n`;

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'wsgiwatch-sparkline-'));
  await writeFile(path.join(dir, 'access.log'), Array.from({ length: 10 }, (_, i) => access(i)).join(''));
});
afterAll(async () => {
  vi.useRealTimers();
  await rm(dir, { recursive: true, force: true });
});

describe('the sparkline history', () => {
  it('is the same whether the agent is read every second or never', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    let clock = 1_795_000_000_000;
    const make = (): Agent =>
      createAgent({
        logger: createLogger({ level: 'silent', quiet: true }),
        accessLogs: [{ path: path.join(dir, 'access.log'), format: FORMAT }],
        locations: [{ prefix: '/dl', rateLimitKiB: 100 }],
        fromBeginning: true,
        listenAddress: false,
        pollIntervalMs: 20,
        now: () => clock,
      });
    const read = make();
    const never = make();
    await read.start();
    await never.start();
    try {
      const t0 = Date.now();
      const lines = (a: Agent) => a.snapshot().sources[0]?.linesRead ?? 0;
      while ((lines(read) < 10 || lines(never) < 10) && Date.now() - t0 < 10_000)
        await new Promise((r) => setTimeout(r, 20));
      for (let s = 0; s < 65; s++) {
        clock += 1000;
        vi.advanceTimersByTime(1000);
        read.snapshot();
      }
      const history = (a: Agent) => a.snapshot().locations.find((l) => l.location === '/dl')?.ratioHistory;
      expect(history(read)).toHaveLength(7); // at 0 s, then every 10 s of the agent's clock
      expect(history(read)).toEqual(history(never));
    } finally {
      await read.stop();
      await never.stop();
      vi.useRealTimers();
    }
  });
});
