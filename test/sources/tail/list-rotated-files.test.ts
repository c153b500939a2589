import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isRotatedName, listRotatedFiles } from '../../../src/sources/tail/list-rotated-files.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rotated-files-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('listRotatedFiles', () => {
  it('numbered generations from the highest N, after dateext ones by date', async () => {
    for (const name of ['access.log', 'access.log.1', 'access.log.2.gz', 'access.log-20261206.gz', 'other.log.1'])
      writeFileSync(join(dir, name), '');
    expect(await listRotatedFiles(join(dir, 'access.log'))).toEqual(
      ['access.log-20261206.gz', 'access.log.2.gz', 'access.log.1'].map((n) => join(dir, n)),
    );
  });

  it("kubelet's 0.log.YYYYMMDD-HHMMSS generations by time, found next to the target of a /var/log/containers link", async () => {
    const pod = join(dir, 'pods', 'shop_web-0_0d8c', 'apache');
    mkdirSync(pod, { recursive: true });
    mkdirSync(join(dir, 'containers'));
    for (const name of ['0.log', '0.log.20261207-111500', '0.log.20261207-101500.gz', '0.log.20261207-111500.tmp'])
      writeFileSync(join(pod, name), '');
    const link = join(dir, 'containers', 'web-0_shop_apache-4f2a.log');
    symlinkSync(join(pod, '0.log'), link);
    const expected = ['0.log.20261207-101500.gz', '0.log.20261207-111500'].map((n) => join(pod, n));
    expect(await listRotatedFiles(join(pod, '0.log'))).toEqual(expected);
    expect(await listRotatedFiles(link)).toEqual(expected);
  });
});

describe('isRotatedName', () => {
  it('knows numbered, dateext and kubelet names, and not the live ones', () => {
    for (const name of [
      'access.log.1',
      'access.log.3.gz',
      'access.log-20261207',
      '0.log.20261207-101500',
      '0.log.20261207-101500.gz',
    ])
      expect([name, isRotatedName(`/var/log/${name}`)]).toEqual([name, true]);
    for (const name of ['access.log', '0.log', 'web-0_shop_apache-4f2a.log'])
      expect([name, isRotatedName(`/var/log/${name}`)]).toEqual([name, false]);
  });
});
