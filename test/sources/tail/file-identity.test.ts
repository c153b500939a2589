import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fingerprintMatches, readFingerprint, sameInode } from '../../../src/sources/tail/file-identity.ts';

describe('fingerprintMatches', () => {
  const fp = Buffer.from('10.0.0.1 - - [24/Nov/2026:01:00:00 +0000] "GET /a');

  it('agrees when the head equals the fingerprint, or extends it', () => {
    expect(fingerprintMatches(fp, Buffer.from(fp))).toBe(true);
    expect(fingerprintMatches(fp.subarray(0, 10), fp)).toBe(true);
  });

  it('agrees over the shorter of the two while the file is still small', () => {
    expect(fingerprintMatches(fp, fp.subarray(0, 20))).toBe(true);
  });

  it('disagrees on any differing byte (a file rewritten in place)', () => {
    const other = Buffer.from(fp);
    other[9] = 0x32;
    expect(fingerprintMatches(fp, other)).toBe(false);
  });

  it('an empty fingerprint agrees with anything; an empty file only with an empty fingerprint', () => {
    expect(fingerprintMatches(Buffer.alloc(0), fp)).toBe(true);
    expect(fingerprintMatches(fp, Buffer.alloc(0))).toBe(false);
    expect(fingerprintMatches(Buffer.alloc(0), Buffer.alloc(0))).toBe(true);
  });
});

describe('readFingerprint / sameInode', () => {
  it('reads the first bytes through a handle, fewer while the file is shorter', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'identity-test-'));
    try {
      const file = join(dir, 'a.log');
      writeFileSync(file, 'abcdef');
      const fh = await open(file, 'r');
      expect((await readFingerprint(fh, 4, 6)).toString()).toBe('abcd');
      expect((await readFingerprint(fh, 64, 6)).toString()).toBe('abcdef');
      expect((await readFingerprint(fh, 64, 0)).length).toBe(0);
      const st = await fh.stat();
      expect(sameInode(st, { dev: st.dev, ino: st.ino })).toBe(true);
      expect(sameInode(st, { dev: st.dev, ino: st.ino + 1 })).toBe(false);
      await fh.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
