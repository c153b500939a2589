import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { detachString } from '../../src/pipeline/detach-string.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Heap used after keeping a 30-character piece of each of 500 distinct 64 KiB strings. */
function heapKeeping(copy: (s: string) => string): { mib: number; kept: string[] } {
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept: string[] = [];
  for (let i = 0; i < 500; i++) kept.push(copy(`${i}:`.padEnd(65_536, 'y').slice(10, 40)));
  gc();
  return { mib: (process.memoryUsage().heapUsed - before) / 2 ** 20, kept };
}

describe('detachString', () => {
  it('returns an equal string', () => {
    for (const s of ['', 'a', 'GET', '/downloads/item-1.bin', 'é✓\uD800', 'x'.repeat(100)])
      expect(detachString(s)).toBe(s);
    const parent = `${'a'.repeat(1000)}/path/that/is/long/enough/to/slice`;
    expect(detachString(parent.slice(1000))).toBe('/path/that/is/long/enough/to/slice');
  });

  it('does not keep the string it was sliced from alive', () => {
    // a plain slice keeps every 64 KiB parent (~32 MiB); the copies keep ~30 bytes each
    const sliced = heapKeeping((s) => s);
    const detached = heapKeeping(detachString);
    expect(sliced.mib).toBeGreaterThan(20);
    expect(detached.mib).toBeLessThan(2);
    expect(detached.kept).toEqual(sliced.kept);
  });
});
