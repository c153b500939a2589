// Issue #5 acceptance 4: CPU of the dashboard's rendering at the default refresh (1 s) and at 4 fps, with 50 locations
// and snapshots changing as if 10,000 lines/s flowed. Baseline: the same loop (snapshots built and read) without ink.
// Run: npx tsx bench/dashboard-render.ts [seconds]

import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import { render } from 'ink';
import { createElement } from 'react';
import { DashboardApp } from '../src/dashboard/render-dashboard.tsx';
import type { SnapshotSource } from '../src/dashboard/snapshot-source.ts';
import type { LocationSnapshot, Snapshot } from '../src/report/snapshot.ts';

const SECONDS = Number(process.argv[2] ?? 15);
const LOCATIONS = 50;
const LINES_PER_SECOND = 10_000;

/** A source whose snapshot advances by the lines that would have flowed since the last read. */
function movingSource(): SnapshotSource {
  const t0 = Date.now();
  return {
    label: 'bench',
    async read(): Promise<Snapshot> {
      const elapsed = (Date.now() - t0) / 1000;
      const lines = Math.floor(elapsed * LINES_PER_SECOND);
      const locations: LocationSnapshot[] = Array.from({ length: LOCATIONS }, (_, i) => {
        const ratio = 0.3 + ((i * 7 + lines) % 100) / 60;
        return {
          vhost: 'shop.example',
          location: `/loc-${String(i).padStart(2, '0')}/downloads`,
          rateKiBps: 1000,
          burstKiB: 0,
          samples: 200,
          achievedKiBps: { p10: ratio * 900, p50: ratio * 1000, p90: ratio * 1100 },
          medianRatio: ratio,
          verdict: ratio < 0.8 ? 'throttled' : ratio > 1.25 ? 'ineffective' : 'conforming',
          explanation: 'bench',
          ratioHistory: Array.from({ length: 30 }, (_, k) => 0.3 + ((i + k + lines) % 50) / 30),
          requestsTotal: Math.floor(lines / LOCATIONS),
          requestsPerSecond: LINES_PER_SECOND / LOCATIONS,
          errorRatio: (i % 5) / 100,
          p95DurationSeconds: 0.1 + i / 100,
        };
      });
      return {
        generatedAtSeconds: Date.now() / 1000,
        host: 'bench',
        uptimeSeconds: elapsed,
        versions: { apache: '2.4.71', modWsgi: '6.0.5', python: '3.11', mpm: 'event' },
        totals: {
          linesPerSecond: LINES_PER_SECOND,
          requestsPerSecond: LINES_PER_SECOND,
          worstLagBytes: 0,
          parseFailures: 0,
        },
        sources: [],
        locations,
        wsgi: { byCode: { WSGI0210: Math.floor(lines / 5000) }, byKind: {}, recent: [] },
        findings: [],
        agentLog: [],
      };
    },
  };
}

class FakeStdout extends Writable {
  columns = 120;
  rows = 40;
  isTTY = true;
  bytes = 0;
  override _write(chunk: Buffer | string, _enc: string, cb: () => void): void {
    this.bytes += chunk.length;
    cb();
  }
}

class FakeStdin extends EventEmitter {
  isTTY = true;
  setRawMode() {}
  setEncoding() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
  read() {
    return null;
  }
}

const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;

async function measure(refreshMs: number, withInk: boolean): Promise<{ cpu: number; bytes: number }> {
  const source = movingSource();
  const stdout = new FakeStdout();
  const start = process.cpuUsage();
  const t0 = performance.now();
  if (withInk) {
    const instance = render(createElement(DashboardApp, { source, refreshMs }), {
      stdout: stdout as unknown as NodeJS.WriteStream,
      stdin: new FakeStdin() as unknown as NodeJS.ReadStream,
      maxFps: 4,
      patchConsole: false,
      exitOnCtrlC: false,
    });
    await new Promise((r) => setTimeout(r, SECONDS * 1000));
    instance.unmount();
  } else {
    const timer = setInterval(() => void source.read(), refreshMs);
    await new Promise((r) => setTimeout(r, SECONDS * 1000));
    clearInterval(timer);
  }
  const wall = performance.now() - t0;
  return { cpu: (cpuMs(process.cpuUsage(start)) / wall) * 100, bytes: stdout.bytes };
}

console.log(`dashboard render: ${LOCATIONS} locations, ${LINES_PER_SECOND} lines/s equivalent, ${SECONDS} s per run`);
for (const refreshMs of [1000, 250]) {
  const base = await measure(refreshMs, false);
  const ink = await measure(refreshMs, true);
  console.log(
    `refresh ${refreshMs} ms: with ink ${ink.cpu.toFixed(2)} % of one core (${(ink.bytes / SECONDS / 1024).toFixed(1)} KiB/s to the terminal), baseline without rendering ${base.cpu.toFixed(2)} %, rendering ≈ ${(ink.cpu - base.cpu).toFixed(2)} % (ratio ${(ink.cpu / Math.max(base.cpu, 0.01)).toFixed(1)}×)`,
  );
}
process.exit(0);
