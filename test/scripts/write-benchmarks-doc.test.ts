import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderBenchmarksDoc } from '../../scripts/write-benchmarks-doc.ts';

const FIXTURE = join(import.meta.dirname, '../fixtures/bench/results.json');
const results = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Parameters<typeof renderBenchmarksDoc>[0];

describe('renderBenchmarksDoc', () => {
  it('shows the peers table with both tools, the ratio, catch-up, the machine and the date', () => {
    const doc = renderBenchmarksDoc(results);
    expect(doc).toContain('| 2,000 lines/s | 1.10 | 1.13 | 0.97 | 2.20 | 2.27 | 81 | 19 |');
    expect(doc).toContain('| idle | — | — | — | 0.17 | 0.12 | 76 | 16 |');
    expect(doc).toContain(
      "Catch-up of 1,000,000 lines: wsgiwatch 200,000 lines/s (peak RSS 96 MiB), mtail 21,632 lines/s (22 MiB): 9.2× mtail's speed.",
    );
    expect(doc).toContain(
      'Measured 2026-12-07 (build and machine: 2 × AMD EPYC, 23 GiB, shared with other jobs; build abc1234',
    );
    expect(doc).toContain('It exited with status 1');
  });

  it('is a function of the results alone: regenerating from the same output gives the same file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'benchmarks-doc-'));
    try {
      const write = (out: string) =>
        spawnSync(process.execPath, ['--import', 'tsx', 'scripts/write-benchmarks-doc.ts', FIXTURE, out], {
          encoding: 'utf8',
        });
      expect(write(join(dir, 'a.md')).status).toBe(0);
      expect(write(join(dir, 'b.md')).status).toBe(0);
      const a = readFileSync(join(dir, 'a.md'), 'utf8');
      expect(readFileSync(join(dir, 'b.md'), 'utf8')).toBe(a);
      expect(a).toBe(renderBenchmarksDoc(results));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('docs/benchmarks.md is the page of the committed docs/benchmarks.json', () => {
    const root = join(import.meta.dirname, '../..');
    const committed = JSON.parse(readFileSync(join(root, 'docs/benchmarks.json'), 'utf8'));
    expect(readFileSync(join(root, 'docs/benchmarks.md'), 'utf8')).toBe(renderBenchmarksDoc(committed));
  });
});
