import {
  appendFileSync,
  chmodSync,
  closeSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  truncateSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import type { LogLine } from '../../../src/sources/log-line.ts';
import { createTailer, type TailerOptions } from '../../../src/sources/tail/create-tailer.ts';
import type { TailEvent } from '../../../src/sources/tail/tail-types.ts';
import { readableRuntime } from '../../support/lab/readable-runtime.ts';

let dir: string;
/** Every harness's tailer, stopped after each test so no FileHandle is left to the garbage collector. */
const started: { stop(): Promise<void> }[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tailer-test-'));
});
afterEach(async () => {
  for (const tailer of started.splice(0)) await tailer.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A tailer driven by pollOnce() and a hand-stepped clock. */
function harness(path: string, extra: Partial<TailerOptions> = {}) {
  const lines: LogLine[] = [];
  const events: TailEvent[] = [];
  const clock = { t: 1_000_000 };
  const tailer = createTailer({
    sources: [{ path, log: 'access' }],
    onLines: (batch) => lines.push(...batch),
    onEvent: (e) => events.push(e),
    now: () => clock.t,
    watch: false,
    ...extra,
  });
  started.push(tailer);
  return {
    tailer,
    lines,
    events,
    texts: () => lines.map((l) => l.text),
    advance: (ms: number) => {
      clock.t += ms;
    },
    poll: () => tailer.pollOnce(),
  };
}

describe('createTailer: start position', () => {
  it('starts a file seen for the first time at its end, at the start of an unfinished last line', async () => {
    const log = join(dir, 'access.log');
    writeFileSync(log, 'old 1\nold 2\nhalf');
    const h = harness(log);
    await h.poll();
    appendFileSync(log, ' done\nnew 1\n');
    await h.poll();
    expect(h.texts()).toEqual(['half done', 'new 1']);
    expect(h.events[0]).toMatchObject({ type: 'opened', offset: 12 });
  });

  it('start() resolves with the files positioned: a line written right after it is read, the old ones are not', async () => {
    const log = join(dir, 'access.log');
    writeFileSync(log, 'old 1\nold 2\n');
    const h = harness(log);
    await h.tailer.start();
    expect(h.events[0]).toMatchObject({ type: 'opened', offset: 12 });
    appendFileSync(log, 'new 1\n');
    await h.poll();
    expect(h.texts()).toEqual(['new 1']);
  });

  it("a file first seen inside a line longer than 64 KiB skips that line's tail instead of emitting it", async () => {
    const log = join(dir, 'access.log');
    writeFileSync(log, `old 1\n${'x'.repeat(70_000)}`);
    const h = harness(log);
    await h.poll();
    appendFileSync(log, 'tail of the long line\nnew 1\n');
    await h.poll();
    expect(h.texts()).toEqual(['new 1']);
    expect(h.lines[0].offset).toBe(6 + 70_000 + 22);
  });

  it('reads from 0 with fromBeginning', async () => {
    const log = join(dir, 'access.log');
    writeFileSync(log, 'old 1\nold 2\n');
    const h = harness(log, { fromBeginning: true });
    await h.poll();
    expect(h.texts()).toEqual(['old 1', 'old 2']);
    expect(h.lines.map((l) => l.offset)).toEqual([0, 6]);
  });

  it('waits for a missing file and reads it from 0 once created', async () => {
    const log = join(dir, 'access.log');
    const h = harness(log);
    await h.poll();
    expect(h.events).toEqual([{ type: 'waiting', path: log }]);
    expect(h.tailer.stats()[0].state).toBe('waiting');
    writeFileSync(log, 'first\n');
    await h.poll();
    expect(h.texts()).toEqual(['first']);
    expect(h.tailer.stats()[0]).toMatchObject({ state: 'open', linesRead: 1, bytesRead: 6 });
  });
});

describe('createTailer: lines', () => {
  it('holds a partial line until its newline and strips \\r', async () => {
    const log = join(dir, 'access.log');
    writeFileSync(log, '');
    const h = harness(log);
    await h.poll();
    appendFileSync(log, 'GET /a');
    await h.poll();
    expect(h.lines).toEqual([]);
    appendFileSync(log, 'bc\r\nGET /');
    await h.poll();
    appendFileSync(log, '€\n');
    await h.poll();
    expect(h.texts()).toEqual(['GET /abc', 'GET /€']);
    expect(h.lines.map((l) => l.offset)).toEqual([0, 10]);
  });

  it('cuts over-long lines at maxLineBytes, flags and counts them', async () => {
    const log = join(dir, 'access.log');
    writeFileSync(log, '');
    const h = harness(log, { maxLineBytes: 10 });
    await h.poll();
    appendFileSync(log, `${'x'.repeat(25)}`);
    await h.poll();
    appendFileSync(log, `${'y'.repeat(25)}\nshort\n`);
    await h.poll();
    expect(h.lines).toEqual([
      { log: 'access', path: log, text: 'x'.repeat(10), offset: 0, truncated: true },
      { log: 'access', path: log, text: 'short', offset: 51 },
    ]);
    expect(h.tailer.stats()[0].linesTruncated).toBe(1);
  });
});

describe('createTailer: rotation', () => {
  it('rename+create: keeps reading late writes to the old file until drainMs after detection', async () => {
    const log = join(dir, 'access.log');
    writeFileSync(log, '');
    const h = harness(log, { drainMs: 2000 });
    await h.poll();
    const oldFd = openSync(log, 'a');
    writeSync(oldFd, 'a1\na2\n');
    await h.poll();
    renameSync(log, `${log}.1`);
    writeFileSync(log, 'b1\n');
    writeSync(oldFd, 'a3\n');
    await h.poll();
    h.advance(1500);
    writeSync(oldFd, 'a4\n'); // a graceful restart's old child finishing a slow request
    await h.poll();
    h.advance(1999);
    writeSync(oldFd, 'a5\n');
    await h.poll();
    closeSync(oldFd);
    h.advance(2000);
    await h.poll();
    expect(h.texts()).toEqual(['a1', 'a2', 'a3', 'b1', 'a4', 'a5']);
    expect(h.events.map((e) => e.type)).toEqual(['opened', 'rotated', 'opened', 'drained']);
    expect(h.tailer.stats()[0]).toMatchObject({ rotations: 1, linesLost: 0 });
  });

  it('delete+recreate: drains the deleted file through its handle, then reads the new one from 0', async () => {
    const log = join(dir, 'access.log');
    writeFileSync(log, '');
    const h = harness(log);
    await h.poll();
    const oldFd = openSync(log, 'a');
    writeSync(oldFd, 'a1\n');
    unlinkSync(log);
    writeSync(oldFd, 'a2\n');
    await h.poll();
    expect(h.events.at(-1)).toEqual({ type: 'waiting', path: log });
    writeFileSync(log, 'b1\n');
    await h.poll();
    closeSync(oldFd);
    expect(h.texts()).toEqual(['a1', 'a2', 'b1']);
  });

  it('symlink swap: follows the link to the new target', async () => {
    const a = join(dir, 'access.1.log');
    const b = join(dir, 'access.2.log');
    const link = join(dir, 'access.log');
    writeFileSync(a, '');
    symlinkSync(a, link);
    const h = harness(link);
    await h.poll();
    appendFileSync(a, 'a1\n');
    await h.poll();
    writeFileSync(b, 'b1\n');
    symlinkSync(b, `${link}.tmp`);
    renameSync(`${link}.tmp`, link);
    appendFileSync(a, 'a2\n');
    await h.poll();
    expect(h.texts()).toEqual(['a1', 'a2', 'b1']);
    expect(h.tailer.stats()[0]).toMatchObject({ file: b, rotations: 1 });
  });

  it('copytruncate with a .1 copy: recovers the unread lines from the copy, loses none', async () => {
    const log = join(dir, 'access.log');
    writeFileSync(log, '');
    const h = harness(log);
    await h.poll();
    const fd = openSync(log, 'a');
    writeSync(fd, '10.0.0.1 line 1\n10.0.0.1 line 2\n');
    await h.poll();
    writeSync(fd, '10.0.0.1 line 3\n10.0.0.1 li');
    copyFileSync(log, `${log}.1`);
    truncateSync(log, 0);
    writeSync(fd, 'ne 4\n10.0.0.1 line 5\n');
    await h.poll();
    closeSync(fd);
    expect(h.texts()).toEqual([
      '10.0.0.1 line 1',
      '10.0.0.1 line 2',
      '10.0.0.1 line 3',
      '10.0.0.1 line 4',
      '10.0.0.1 line 5',
    ]);
    const truncated = h.events.find((e) => e.type === 'truncated');
    expect(truncated).toEqual({ type: 'truncated', path: log, recoveredBytes: 27, lostBytes: 0, lostLines: 0 });
    expect(h.tailer.stats()[0]).toMatchObject({ truncations: 1, linesLost: 0, bytesLost: 0 });
  });

  it('copytruncate without a copy: reports what it knows was lost', async () => {
    const log = join(dir, 'access.log');
    writeFileSync(log, '');
    const h = harness(log);
    await h.poll();
    const fd = openSync(log, 'a');
    writeSync(fd, '10.0.0.1 line 1\n10.0.0.1 li');
    await h.poll();
    writeSync(fd, 'ne 2\n10.0.0.1 line 3\n');
    truncateSync(log, 0);
    writeSync(fd, '10.0.0.1 line 4\n');
    await h.poll();
    closeSync(fd);
    expect(h.texts()).toEqual(['10.0.0.1 line 1', '10.0.0.1 line 4']);
    const stats = h.tailer.stats()[0];
    expect(stats.truncations).toBe(1);
    expect(stats.linesLost).toBeGreaterThanOrEqual(1);
    expect(stats.bytesLost).toBe(11);
  });

  it('copytruncate without a copy: estimates the lines written after the last read from the growth rate', async () => {
    const log = join(dir, 'access.log');
    writeFileSync(log, '');
    const h = harness(log);
    await h.poll();
    const fd = openSync(log, 'a');
    const line = (n: number) => `10.0.0.1 - - "GET /${String(n).padStart(4, '0')} HTTP/1.1" 200 1\n`; // 40 bytes
    // A steady 10 lines per 100 ms for 5 s: the rate settles near 4 bytes/ms.
    let n = 0;
    for (let step = 0; step < 50; step++) {
      for (let i = 0; i < 10; i++) writeSync(fd, line(n++));
      h.advance(100);
      await h.poll();
    }
    // 200 ms more at that rate (20 lines) that the tailer never sees, then the truncate and 5 lines after it.
    for (let i = 0; i < 20; i++) writeSync(fd, line(n++));
    truncateSync(log, 0);
    for (let i = 0; i < 5; i++) writeSync(fd, line(n++));
    h.advance(200);
    await h.poll();
    closeSync(fd);
    const stats = h.tailer.stats()[0];
    expect(h.lines.length).toBe(505);
    expect(stats.bytesLost).toBe(0); // nothing unread was ever seen
    // (200 ms × ~4 bytes/ms − 200 bytes already rewritten) / 40 bytes ≈ 15 lines: the 20 lost, less the 5 that took
    // the time after the truncate.
    expect(stats.linesLost).toBeGreaterThanOrEqual(12);
    expect(stats.linesLost).toBeLessThanOrEqual(20);
  });

  it('a file rewritten in place (same inode, regrown past our offset) is detected by its fingerprint', async () => {
    const log = join(dir, 'access.log');
    writeFileSync(log, '10.0.0.1 first generation\n');
    const h = harness(log, { fromBeginning: true });
    await h.poll();
    writeFileSync(log, '10.0.0.2 second generation, longer than the first\n10.0.0.2 more\n');
    await h.poll();
    expect(h.texts()).toEqual([
      '10.0.0.1 first generation',
      '10.0.0.2 second generation, longer than the first',
      '10.0.0.2 more',
    ]);
    expect(h.tailer.stats()[0].truncations).toBe(1);
  });

  it('glob: picks up new rotatelogs names from 0 and closes the old ones when quiet', async () => {
    const one = join(dir, 'access.20261124-010000.log');
    writeFileSync(one, 'before start\n');
    const h = harness(join(dir, 'access.*.log'), { drainMs: 1000 });
    await h.poll();
    appendFileSync(one, 'p1 a\n');
    await h.poll();
    const two = join(dir, 'access.20261124-010005.log');
    writeFileSync(two, 'p2 a\n');
    h.advance(300);
    await h.poll();
    appendFileSync(one, 'p1 late\n');
    h.advance(300);
    await h.poll();
    expect(h.texts()).toEqual(['p1 a', 'p2 a', 'p1 late']);
    expect(h.lines.map((l) => l.path)).toEqual([one, two, one]);
    h.advance(1000);
    await h.poll();
    expect(h.tailer.stats().map((s) => [s.path, s.file])).toEqual([
      [one, undefined],
      [two, two],
    ]);
    appendFileSync(one, 'p1 later still\n');
    await h.poll();
    expect(h.texts().at(-1)).toBe('p1 later still');
  });
});

describe('createTailer: errors', () => {
  it('reports a path it cannot read, counts the failures and recovers when it becomes a file', async () => {
    const log = join(dir, 'access.log');
    mkdirSync(log); // reading a directory fails with EISDIR (root ignores permission bits, so no EACCES here)
    const h = harness(log);
    await h.poll();
    await h.poll();
    const stats = h.tailer.stats()[0];
    expect(stats.state).toBe('error');
    expect(stats.error).toMatch(/EISDIR/);
    expect(stats.readErrors).toBe(2);
    expect(h.events.filter((e) => e.type === 'error')).toHaveLength(1);
    rmSync(log, { recursive: true });
    writeFileSync(log, 'ok\n');
    await h.poll();
    expect(h.texts()).toEqual(['ok']);
    expect(h.tailer.stats()[0].state).toBe('open');
  });
});

describe('createTailer: positions', () => {
  it('resumes exactly where it stopped, including a file rotated while it was down', async () => {
    const log = join(dir, 'access.log');
    const positionsFile = join(dir, 'positions.json');
    writeFileSync(log, '10.0.0.1 before\n');
    const first = harness(log, { positionsFile });
    await first.poll();
    appendFileSync(log, '10.0.0.1 seen 1\n10.0.0.1 unfin');
    await first.poll();
    await first.tailer.stop();
    expect(first.texts()).toEqual(['10.0.0.1 seen 1']);
    // While down: the line is finished, more lines, then a rename rotation and new lines.
    appendFileSync(log, 'ished\n10.0.0.1 down 1\n');
    renameSync(log, `${log}.1`);
    writeFileSync(log, '10.0.0.2 new 1\n');
    const second = harness(log, { positionsFile });
    await second.poll();
    second.advance(5000);
    await second.poll();
    expect(second.texts()).toEqual(['10.0.0.1 unfinished', '10.0.0.1 down 1', '10.0.0.2 new 1']);
  });

  it('falls back to new files on a corrupt positions file and says so', async () => {
    const log = join(dir, 'access.log');
    const positionsFile = join(dir, 'positions.json');
    writeFileSync(positionsFile, '{"version":1,"files":[{"sou');
    writeFileSync(log, 'old\n');
    const h = harness(log, { positionsFile });
    await h.poll();
    appendFileSync(log, 'new\n');
    await h.poll();
    expect(h.texts()).toEqual(['new']);
    expect(h.events[0]).toMatchObject({ type: 'positions-reset', file: positionsFile });
  });
});

describe('createTailer: more restarts', () => {
  it('copytruncate while down: finishes from the .1 copy, then the truncated file from 0', async () => {
    const log = join(dir, 'access.log');
    const positionsFile = join(dir, 'positions.json');
    writeFileSync(log, '10.0.0.1 a1\n');
    const first = harness(log, { positionsFile, fromBeginning: true });
    await first.poll();
    await first.tailer.stop();
    appendFileSync(log, '10.0.0.1 a2\n');
    copyFileSync(log, `${log}.1`);
    truncateSync(log, 0);
    appendFileSync(log, '10.0.0.2 b1\n');
    const second = harness(log, { positionsFile });
    await second.poll();
    expect(second.texts()).toEqual(['10.0.0.1 a2', '10.0.0.2 b1']);
    expect(second.tailer.stats()[0]).toMatchObject({ truncations: 1, linesLost: 0 });
  });

  for (const followed of ['the file', 'a symlink to it'] as const) {
    it(`rotated twice while down, following ${followed}: the old file from its offset, then the generation in between, then the new file`, async () => {
      mkdirSync(join(dir, 'real'));
      const log = join(dir, 'real', 'access.log');
      // Numbered generations sit next to the link's target, not next to the link.
      const path = followed === 'the file' ? log : join(dir, 'access.log');
      if (path !== log) symlinkSync(log, path);
      const positionsFile = join(dir, 'positions.json');
      writeFileSync(log, '10.0.0.1 a1\n');
      const first = harness(path, { positionsFile, fromBeginning: true });
      await first.poll();
      await first.tailer.stop();
      appendFileSync(log, '10.0.0.1 a2\n');
      renameSync(log, `${log}.1`);
      writeFileSync(log, '10.0.0.2 b1\n');
      renameSync(`${log}.1`, `${log}.2`);
      renameSync(log, `${log}.1`);
      writeFileSync(log, '10.0.0.3 c1\n');
      const second = harness(path, { positionsFile });
      await second.poll();
      expect(second.texts()).toEqual(['10.0.0.1 a2', '10.0.0.2 b1', '10.0.0.3 c1']);
    });
  }

  it('reports a positions file it cannot write, keeps reading, and writes it once it can', async () => {
    const log = join(dir, 'access.log');
    const positionsFile = join(dir, 'positions.json');
    // A directory where the temp file goes: open() fails with EISDIR, even for root (a missing directory is created).
    const blocker = `${positionsFile}.tmp-${process.pid}`;
    mkdirSync(blocker);
    writeFileSync(log, '');
    const h = harness(log, { positionsFile, positionsSyncMs: 1000 });
    await h.poll();
    appendFileSync(log, 'x1\n');
    h.advance(1000);
    await h.poll();
    await h.poll(); // the write runs in the background; the next tick starts after it
    expect(h.texts()).toEqual(['x1']);
    expect(h.events.filter((e) => e.type === 'positions-error')).toHaveLength(1);
    rmSync(blocker, { recursive: true });
    await h.tailer.stop();
    expect(JSON.parse(readFileSync(positionsFile, 'utf8')).files[0]).toMatchObject({ path: log, offset: 3 });
  });

  it('says so and starts files as new on an unknown positions version', async () => {
    const log = join(dir, 'access.log');
    const positionsFile = join(dir, 'positions.json');
    writeFileSync(positionsFile, '{"version":99,"files":[]}');
    writeFileSync(log, 'old\n');
    const h = harness(log, { positionsFile });
    await h.poll();
    expect(h.events[0]).toEqual({
      type: 'positions-reset',
      file: positionsFile,
      reason: 'unknown-version: version 99, expected 1; files start as new',
    });
    expect(h.lines).toEqual([]);
  });
});

describe('createTailer: backfill and globs', () => {
  it('backfill reads .N.gz and .1 oldest first, then the live file from 0', async () => {
    const log = join(dir, 'access.log');
    writeFileSync(`${log}.3.gz`, gzipSync('g3 a\ng3 €\n'));
    writeFileSync(`${log}.2.gz`, gzipSync('g2 a\n'));
    writeFileSync(`${log}.1`, 'g1 a\n');
    writeFileSync(log, 'live a\n');
    const h = harness(log, { backfill: true });
    await h.poll();
    expect(h.texts()).toEqual(['g3 a', 'g3 €', 'g2 a', 'g1 a', 'live a']);
    expect(h.lines.every((l) => l.path === log)).toBe(true);
  });

  it('backfill reports a rotated file it cannot read (or gunzip) and goes on with the next', async () => {
    const log = join(dir, 'access.log');
    mkdirSync(`${log}.3.gz`); // EISDIR when read, even as root
    writeFileSync(`${log}.2.gz`, 'not gzip\n');
    writeFileSync(`${log}.1`, 'g1 a\n');
    writeFileSync(log, 'live a\n');
    const h = harness(log, { backfill: true });
    await h.poll();
    expect(h.texts()).toEqual(['g1 a', 'live a']);
    const errors = h.events.filter((e) => e.type === 'error').map((e) => (e as { error: string }).error);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toContain('access.log.3.gz');
    expect(errors[1]).toContain('access.log.2.gz');
  });

  it('a glob matching a rotated name does not read the rotated file twice', async () => {
    const log = join(dir, 'access.log');
    writeFileSync(log, '');
    const h = harness(join(dir, 'access.log*'), { drainMs: 500 });
    await h.poll();
    appendFileSync(log, 'a1\n');
    await h.poll();
    renameSync(log, `${log}.1`);
    writeFileSync(log, 'b1\n');
    appendFileSync(`${log}.1`, 'a2\n');
    h.advance(300);
    await h.poll();
    h.advance(300);
    await h.poll();
    h.advance(600);
    await h.poll();
    appendFileSync(`${log}.1`, 'a3\n');
    h.advance(300);
    await h.poll();
    await h.poll();
    expect(h.texts()).toEqual(['a1', 'a2', 'b1', 'a3']);
  });
});

describe('createTailer: glob restarts', () => {
  it('a glob matching the rotated name after a restart resumes that file instead of reading it again', async () => {
    const log = join(dir, 'access.log');
    const positionsFile = join(dir, 'positions.json');
    writeFileSync(log, '10.0.0.1 a1\n');
    const first = harness(join(dir, 'access.log*'), { positionsFile, fromBeginning: true });
    await first.poll();
    await first.tailer.stop();
    appendFileSync(log, '10.0.0.1 a2\n');
    renameSync(log, `${log}.1`);
    writeFileSync(log, '10.0.0.2 b1\n');
    const second = harness(join(dir, 'access.log*'), { positionsFile, drainMs: 100 });
    for (let i = 0; i < 4; i++) {
      await second.poll();
      second.advance(300);
    }
    expect(second.texts().sort()).toEqual(['10.0.0.1 a2', '10.0.0.2 b1']);
  });
});

describe.skipIf(process.getuid?.() === 0)('createTailer: permissions (not as root: root reads anything)', () => {
  it('reports EACCES, retries every poll, recovers when readable', async () => {
    const log = join(dir, 'access.log');
    writeFileSync(log, 'secret\n');
    chmodSync(log, 0o000);
    const h = harness(log, { fromBeginning: true });
    await h.poll();
    await h.poll();
    expect(h.tailer.stats()[0]).toMatchObject({ state: 'error', readErrors: 2 });
    expect(h.events).toEqual([{ type: 'error', path: log, error: expect.stringMatching(/EACCES/) }]);
    chmodSync(log, 0o644);
    await h.poll();
    expect(h.texts()).toEqual(['secret']);
  });
});

// As root (this machine's CI), permission bits do not stop reads: run the tailer child as `nobody` instead.
describe.skipIf(process.getuid?.() !== 0)('createTailer: EACCES, in a child running as nobody', () => {
  it('reports EACCES, keeps retrying, reads the file once it is readable', async () => {
    const { spawn } = await import('node:child_process');
    chmodSync(dir, 0o777);
    const log = join(dir, 'access.log');
    writeFileSync(log, '10.0.0.1 secret\n');
    chmodSync(log, 0o600);
    const out = join(dir, 'out.txt');
    // From a copy when the checkout is out of nobody's reach (a clone under a 0700 home).
    const runtime = readableRuntime(['package.json', 'src', 'test/support/tail', 'node_modules']);
    if (runtime.copiedBecause) console.log(runtime.copiedBecause);
    onTestFinished(() => runtime.cleanup());
    const child = spawn(
      runtime.node,
      [
        join(runtime.root, 'test/support/tail/tail-child.ts'),
        JSON.stringify({
          path: log,
          positionsFile: join(dir, 'positions.json'),
          out,
          positionsSyncMs: 1000,
          pollIntervalMs: 50,
        }),
      ],
      { uid: 65534, gid: 65534, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      let events = '';
      child.stderr.on('data', (d) => {
        events += d;
      });
      const until = async (done: () => boolean) => {
        const deadline = Date.now() + 10_000;
        while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      };
      await until(() => events.includes('EACCES'));
      expect(events).toContain('"type":"error"');
      expect(events).toContain('EACCES');
      chmodSync(log, 0o644);
      await until(() => {
        try {
          return readFileSync(out, 'utf8').includes('secret');
        } catch {
          return false;
        }
      });
      expect(readFileSync(out, 'utf8')).toBe('10.0.0.1 secret\n');
    } finally {
      child.kill('SIGKILL');
    }
  });
});

describe('createTailer: kubelet rotation (0.log → 0.log.YYYYMMDD-HHMMSS)', () => {
  /** /var/log/pods/<ns>_<pod>_<uid>/<container>/0.log and its /var/log/containers symlink, under `dir`. */
  function podLog() {
    const podDir = join(dir, 'pods', 'shop_web-0_0d8c', 'apache');
    mkdirSync(podDir, { recursive: true });
    mkdirSync(join(dir, 'containers'));
    const log = join(podDir, '0.log');
    writeFileSync(log, '10.0.0.1 a1\n');
    const link = join(dir, 'containers', 'web-0_shop_apache-4f2a.log');
    symlinkSync(log, link);
    return { log, link, positionsFile: join(dir, 'positions.json') };
  }

  /** What kubelet does: the runtime's file renamed with the rotation time, a new 0.log opened in its place. */
  function kubeletRotate(log: string, stamp: string, next: string) {
    renameSync(log, `${log}.${stamp}`);
    writeFileSync(log, next);
  }

  for (const followed of ['0.log itself', 'the /var/log/containers symlink'] as const) {
    it(`rotated while the agent was down, following ${followed}: drains 0.log.<time> from its offset, then the new 0.log`, async () => {
      const { log, link, positionsFile } = podLog();
      const path = followed === '0.log itself' ? log : link;
      const first = harness(path, { positionsFile, fromBeginning: true });
      await first.poll();
      await first.tailer.stop();
      expect(first.texts()).toEqual(['10.0.0.1 a1']);
      appendFileSync(log, '10.0.0.1 a2\n');
      kubeletRotate(log, '20261207-101500', '10.0.0.2 b1\n');
      const second = harness(path, { positionsFile });
      await second.poll();
      second.advance(5000);
      await second.poll();
      expect(second.texts()).toEqual(['10.0.0.1 a2', '10.0.0.2 b1']);
      expect(second.events.filter((e) => e.type === 'error')).toEqual([]);
    });
  }

  // kubelet gzips the previous generation (a new inode) and deletes it, then renames 0.log; the runtime's new 0.log may
  // get the freed inode number, so the restart sees "same inode, other first bytes".
  for (const reuse of ['may reuse', 'cannot reuse'] as const) {
    it(`rotated twice while down (the new 0.log ${reuse} the gzipped file's inode): the rest of 0.log.<t1>.gz from its offset, then 0.log.<t2>, then 0.log`, async () => {
      const { log, link, positionsFile } = podLog();
      const first = harness(link, { positionsFile, fromBeginning: true });
      await first.poll();
      await first.tailer.stop();
      appendFileSync(log, '10.0.0.1 a2\n');
      kubeletRotate(log, '20261207-101500', '10.0.0.2 b1\n');
      const t1 = `${log}.20261207-101500`;
      writeFileSync(`${t1}.gz`, gzipSync(readFileSync(t1)));
      if (reuse === 'may reuse') unlinkSync(t1);
      kubeletRotate(log, '20261207-111500', '10.0.0.3 c1\n');
      if (reuse === 'cannot reuse') unlinkSync(t1);
      const second = harness(link, { positionsFile });
      await second.poll();
      second.advance(5000);
      await second.poll();
      expect(second.texts()).toEqual(['10.0.0.1 a2', '10.0.0.2 b1', '10.0.0.3 c1']);
      expect(second.events.filter((e) => e.type === 'error' || e.type === 'truncated')).toEqual([]);
      expect(second.tailer.stats()[0]).toMatchObject({ truncations: 0, linesLost: 0 });
    });
  }

  it('rotated while running, following the symlink: late lines of 0.log.<time> are read before it is closed', async () => {
    const { log, link } = podLog();
    const h = harness(link, { fromBeginning: true });
    await h.poll();
    kubeletRotate(log, '20261207-101500', '10.0.0.2 b1\n');
    appendFileSync(`${log}.20261207-101500`, '10.0.0.1 late\n');
    await h.poll();
    h.advance(5000);
    await h.poll();
    expect(h.texts().sort()).toEqual(['10.0.0.1 a1', '10.0.0.1 late', '10.0.0.2 b1']);
    expect(h.tailer.stats()[0]).toMatchObject({ rotations: 1, linesLost: 0 });
  });
});
