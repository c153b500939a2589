// Integration: the real logrotate (Debian's stanza: create, compress, delaycompress) rotates a log under a 20k lines/s
// writer that reopens the path after a few late lines, as Apache's graceful restart does. Every line read once.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTailer } from '../../../src/sources/tail/create-tailer.ts';
import { createLineTally } from '../../support/tail/line-tally.ts';
import type { WriterConfig } from '../../support/tail/writer-scenario.ts';

const LOGROTATE = '/usr/sbin/logrotate';
const LINES = 60_000;

describe.skipIf(!existsSync(LOGROTATE))('tailer under the real logrotate (create + compress + delaycompress)', () => {
  it('reads every line once across two rotations, including lines written to the renamed file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tail-logrotate-'));
    try {
      const log = join(dir, 'access.log');
      writeFileSync(log, '');
      const conf = join(dir, 'logrotate.conf');
      writeFileSync(
        conf,
        `${log} {\n\tmissingok\n\trotate 14\n\tcompress\n\tdelaycompress\n\tnotifempty\n\tcreate 640 root root\n}\n`,
      );
      const tally = createLineTally(LINES);
      const tailer = createTailer({
        sources: [{ path: log, log: 'access' }],
        fromBeginning: true,
        pollIntervalMs: 100,
        onLines: (lines) => {
          for (const line of lines) tally.add(line.text);
        },
      });
      await tailer.start();
      const config: WriterConfig = {
        dir,
        scenario: 'external',
        firstSeq: 0,
        lines: LINES,
        linesPerSecond: 20_000,
        rotations: 0,
        lateLines: 1000,
        maxChunkBytes: 300,
        seed: 5,
      };
      const writer = spawn(
        process.execPath,
        [join(import.meta.dirname, '../../support/tail/rotating-writer.ts'), JSON.stringify(config)],
        {
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      const done = new Promise<number | null>((resolve) => writer.on('exit', resolve));
      const rotate = () => spawnSync(LOGROTATE, ['-f', '-s', join(dir, 'state'), conf], { encoding: 'utf8' });
      await new Promise((r) => setTimeout(r, 1000));
      const first = rotate();
      await new Promise((r) => setTimeout(r, 1000));
      const second = rotate();
      expect(first.status, first.stderr).toBe(0);
      expect(second.status, second.stderr).toBe(0);
      expect(await done).toBe(0);
      const deadline = Date.now() + 5000;
      while (tally.unique < LINES && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      const stats = tailer.stats()[0];
      await tailer.stop();
      const files = readdirSync(dir).sort();
      console.log(
        `logrotate: files ${files.join(' ')}; read ${tally.received}, lost ${tally.lost(LINES)}, duplicated ${tally.duplicated}, garbled ${tally.garbled}; rotations ${stats.rotations}`,
      );
      expect(files).toContain('access.log.2.gz'); // the first generation was compressed while (or after) we drained it
      expect(stats.rotations).toBe(2);
      expect(tally.lost(LINES)).toBe(0);
      expect(tally.duplicated).toBe(0);
      expect(tally.garbled).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
