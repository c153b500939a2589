// ACCEPTANCE (issue #2 item 3): a tailer child with a positions file is stopped with SIGTERM and, later, SIGKILLed
// mid-stream while the writer keeps writing and rotating (logrotate `create` + graceful); after each restart no line
// is missed, SIGTERM duplicates nothing, SIGKILL re-reads at most one positionsSyncMs interval's worth.

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCombinedLine } from '../../support/tail/combined-line.ts';
import type { WriterConfig } from '../../support/tail/writer-scenario.ts';

const BENCH = join(import.meta.dirname, '../../support/tail');
const RATE = 20_000;
const LINES = 80_000; // 4 s
const POSITIONS_SYNC_MS = 500;
const POLL_MS = 100;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function startChild(dir: string, name: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      join(BENCH, 'tail-child.ts'),
      JSON.stringify({
        path: join(dir, 'access.log'),
        positionsFile: join(dir, 'positions.json'),
        out: join(dir, `out-${name}.txt`),
        positionsSyncMs: POSITIONS_SYNC_MS,
        pollIntervalMs: POLL_MS,
      }),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let events = '';
  child.stderr?.on('data', (d) => {
    events += d;
  });
  child.on('exit', () => writeFileSync(join(dir, `events-${name}.txt`), events));
  return new Promise((resolve, reject) => {
    child.stdout?.once('data', () => resolve(child));
    child.once('error', reject);
    setTimeout(() => reject(new Error(`tail child ${name} did not start`)), 15_000);
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

function seqsOf(file: string): { seqs: number[]; garbled: number } {
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { seqs: [], garbled: 0 };
  }
  const seqs: number[] = [];
  let garbled = 0;
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const seq = checkCombinedLine(line);
    if (seq === undefined) garbled++;
    else seqs.push(seq);
  }
  return { seqs, garbled };
}

function overlap(a: number[], b: number[]): number {
  const set = new Set(a);
  return b.filter((s) => set.has(s)).length;
}

describe('tailer restart (positions file, SIGTERM and SIGKILL, rotations while down)', () => {
  it('misses no line; SIGTERM duplicates none; SIGKILL duplicates at most one sync interval', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tail-restart-'));
    const children: ChildProcess[] = [];
    try {
      const config: WriterConfig = {
        dir,
        scenario: 'rename',
        firstSeq: 0,
        lines: LINES,
        linesPerSecond: RATE,
        rotations: 3, // at ~1 s (tailer down), ~2 s (up), ~3 s (down)
        lateLines: 1000,
        maxChunkBytes: 300,
        seed: 99,
      };
      writeFileSync(join(dir, 'access.log'), '');
      const a = await startChild(dir, 'a');
      children.push(a);
      const writer = spawn(process.execPath, [join(BENCH, 'rotating-writer.ts'), JSON.stringify(config)], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      children.push(writer);
      const writerDone = exited(writer);
      const t0 = Date.now();
      const at = (ms: number) => sleep(Math.max(0, ms - (Date.now() - t0)));

      await at(600);
      a.kill('SIGTERM');
      expect(await exited(a)).toBe(0);
      await at(1300);
      const b = await startChild(dir, 'b');
      children.push(b);
      // A child can take a second to start on a loaded machine: b runs ≥ 1 s so it has written positions on its own.
      await at(Math.max(2400, Date.now() - t0 + 1000));
      b.kill('SIGKILL');
      await exited(b);
      const killedAt = Date.now();
      const lastPositionsWrite = (
        JSON.parse(readFileSync(join(dir, 'positions.json'), 'utf8')) as { savedAtMs: number }
      ).savedAtMs;
      await at(Math.max(3300, killedAt - t0 + 900));
      const c = await startChild(dir, 'c');
      children.push(c);
      expect(await writerDone).toBe(0);
      // Let c catch up (bounded), then stop it.
      const deadline = Date.now() + 8000;
      while (Date.now() < deadline) {
        const got = new Set([
          ...seqsOf(join(dir, 'out-a.txt')).seqs,
          ...seqsOf(join(dir, 'out-b.txt')).seqs,
          ...seqsOf(join(dir, 'out-c.txt')).seqs,
        ]);
        if (got.size >= LINES) break;
        await sleep(100);
      }
      c.kill('SIGTERM');
      expect(await exited(c)).toBe(0);

      const ra = seqsOf(join(dir, 'out-a.txt'));
      const rb = seqsOf(join(dir, 'out-b.txt'));
      const rc = seqsOf(join(dir, 'out-c.txt'));
      const all = new Set([...ra.seqs, ...rb.seqs, ...rc.seqs]);
      const missed = LINES - all.size;
      const dupAfterTerm = overlap(ra.seqs, rb.seqs) + overlap(ra.seqs, rc.seqs);
      const dupAfterKill = overlap(rb.seqs, rc.seqs);
      const dupWithin = [ra, rb, rc].reduce((n, r) => n + r.seqs.length - new Set(r.seqs).size, 0);
      // SIGKILL: c resumes at b's last positions write, so it re-reads exactly what b delivered after that write.
      const bAfterLastWrite = readFileSync(join(dir, 'out-b.txt.batches'), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split(' ').map(Number))
        .filter(([ms]) => ms >= lastPositionsWrite)
        .reduce((n, [, count]) => n + count, 0);
      const sinceWriteMs = killedAt - lastPositionsWrite;
      console.log(
        `restart: written ${LINES}; read a ${ra.seqs.length}, b ${rb.seqs.length}, c ${rc.seqs.length}; missed ${missed}; duplicates after SIGTERM ${dupAfterTerm}, after SIGKILL ${dupAfterKill} (b delivered ${bAfterLastWrite} lines in the ${Math.round(sinceWriteMs)} ms between its last positions write and the kill; positionsSyncMs ${POSITIONS_SYNC_MS}); garbled ${ra.garbled + rb.garbled + rc.garbled}`,
      );
      expect(ra.seqs.length).toBeGreaterThan(0);
      expect(rb.seqs.length).toBeGreaterThan(0);
      expect(missed).toBe(0);
      expect(ra.garbled + rb.garbled + rc.garbled).toBe(0);
      expect(dupWithin).toBe(0);
      expect(dupAfterTerm).toBe(0);
      // The bound: at most what was delivered in one positionsSyncMs interval (+ scheduling slack on a loaded machine).
      expect(dupAfterKill).toBeLessThanOrEqual(bAfterLastWrite);
      expect(sinceWriteMs).toBeLessThan(POSITIONS_SYNC_MS + 1500);
    } finally {
      for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      if (process.env.KEEP_TAIL_TEST_DIR) console.log(`kept ${dir}`);
      else rmSync(dir, { recursive: true, force: true });
    }
  });
});
