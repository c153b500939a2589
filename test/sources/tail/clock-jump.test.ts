// Issue #7 faults, clock jumps: the wall clock set back or forward by an hour (NTP step, a VM resumed, an operator)
// must not stall or rush the tailer's intervals — positions sync, glob scans for new rotatelogs names, the drain of a
// rotated file. The tailer times them on the monotonic clock; Date is stepped here with fake timers while
// performance.now() advances only as the test says.

import { appendFileSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LogLine } from '../../../src/sources/log-line.ts';
import { createTailer, type Tailer } from '../../../src/sources/tail/create-tailer.ts';

const HOUR = 3_600_000;
let dir: string;
let tailer: Tailer | undefined;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wsgiwatch-clock-'));
  vi.useFakeTimers({ toFake: ['Date', 'performance'] });
});
afterEach(async () => {
  vi.useRealTimers();
  await tailer?.stop();
  tailer = undefined;
  rmSync(dir, { recursive: true, force: true });
});

function offsetIn(positionsFile: string): number | undefined {
  try {
    return JSON.parse(readFileSync(positionsFile, 'utf8')).files[0]?.offset;
  } catch {
    return undefined;
  }
}

/**
 * Positions are written in the background (fsync + rename): poll until `done`, giving the thread pool a millisecond
 * each turn (a real timer: only Date and performance are faked). 200 setImmediate turns were once too few for an fsync
 * with the rest of the suite running (CI rehearsal, 2026-12-02).
 */
async function settle(t: Tailer, done: () => boolean): Promise<void> {
  for (let i = 0; i < 3000 && !done(); i++) {
    await t.pollOnce();
    await new Promise((r) => setTimeout(r, 1));
  }
}

describe('tailer under wall-clock jumps', () => {
  it.each([
    ['set back an hour', -HOUR],
    ['set forward an hour', HOUR],
  ])('clock %s: positions still sync after one interval, not before', async (_name, jump) => {
    const log = join(dir, 'access.log');
    const positionsFile = join(dir, 'positions.json');
    writeFileSync(log, '');
    const lines: LogLine[] = [];
    tailer = createTailer({
      sources: [{ path: log, log: 'access' }],
      positionsFile,
      positionsSyncMs: 1000,
      watch: false,
      onLines: (b) => lines.push(...b),
    });
    await settle(tailer, () => offsetIn(positionsFile) === 0); // the first sync (a new file) has landed
    appendFileSync(log, 'a\nb\n');
    vi.setSystemTime(Date.now() + jump);
    await tailer.pollOnce();
    await tailer.pollOnce();
    expect(lines.map((l) => l.text)).toEqual(['a', 'b']);
    // Less than one interval on the monotonic clock: no sync yet, whatever Date says.
    expect(offsetIn(positionsFile)).toBe(0);
    vi.advanceTimersByTime(1000);
    await settle(tailer, () => offsetIn(positionsFile) === 4);
    expect(offsetIn(positionsFile)).toBe(4);
  });

  it('clock set back an hour: a rotated file is drained and closed after drainMs, and reading goes on', async () => {
    const log = join(dir, 'access.log');
    writeFileSync(log, 'old1\n');
    const lines: LogLine[] = [];
    const events: string[] = [];
    tailer = createTailer({
      sources: [{ path: log, log: 'access' }],
      fromBeginning: true,
      watch: false,
      onLines: (b) => lines.push(...b),
      onEvent: (e) => events.push(e.type),
    });
    await tailer.pollOnce();
    renameSync(log, `${log}.1`);
    writeFileSync(log, 'new1\n');
    vi.setSystemTime(Date.now() - HOUR);
    await tailer.pollOnce();
    appendFileSync(`${log}.1`, 'old2\n'); // a late write to the renamed file, read while draining
    vi.advanceTimersByTime(10_000);
    for (let i = 0; i < 3; i++) await tailer.pollOnce();
    appendFileSync(log, 'new2\n');
    await tailer.pollOnce();
    expect(lines.map((l) => l.text).sort()).toEqual(['new1', 'new2', 'old1', 'old2']);
    expect(events).toContain('rotated');
    // The drained file is closed: only the live file is still reported.
    expect(tailer.stats().map((s) => s.path)).toEqual([log]);
  });

  it('clock set back an hour: a glob picks up a new rotatelogs file within one poll interval', async () => {
    const first = join(dir, 'access.2026-11-24-01');
    writeFileSync(first, '');
    const lines: LogLine[] = [];
    tailer = createTailer({
      sources: [{ path: join(dir, 'access.*'), log: 'access' }],
      pollIntervalMs: 250,
      watch: false,
      onLines: (b) => lines.push(...b),
    });
    await tailer.pollOnce();
    vi.setSystemTime(Date.now() - HOUR);
    writeFileSync(join(dir, 'access.2026-11-24-02'), 'fresh\n');
    vi.advanceTimersByTime(250);
    await tailer.pollOnce();
    await tailer.pollOnce();
    expect(lines.map((l) => l.text)).toEqual(['fresh']);
  });
});
