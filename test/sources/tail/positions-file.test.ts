import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type PositionEntry,
  parsePositions,
  readPositionsFile,
  writePositionsFile,
} from '../../../src/sources/tail/positions-file.ts';

const entry: PositionEntry = {
  source: '/var/log/apache2/access.log',
  path: '/var/log/apache2/access.log',
  dev: 2049,
  ino: 2156028,
  fingerprint: Buffer.from('10.0.0.1 - - [24/Nov/2026').toString('base64'),
  offset: 171,
};

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'positions-test-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('parsePositions', () => {
  it('reads what formatPositions writes', async () => {
    const file = join(dir, 'positions.json');
    await writePositionsFile(file, [entry, { ...entry, ino: 2155211, offset: 0, rotated: true }]);
    expect(await readPositionsFile(file)).toEqual({
      ok: true,
      entries: [entry, { ...entry, ino: 2155211, offset: 0, rotated: true }],
    });
  });

  it('says corrupt for torn or NUL-filled files, never throws', () => {
    expect(parsePositions('{"version":1,"files":[{"sour')).toMatchObject({ ok: false, reason: 'corrupt' });
    expect(parsePositions('\u0000\u0000\u0000')).toMatchObject({ ok: false, reason: 'corrupt' });
    expect(parsePositions('[]')).toMatchObject({ ok: false, reason: 'corrupt' });
    expect(parsePositions('{"version":1,"files":[{"path":"x"}]}')).toMatchObject({ ok: false, reason: 'corrupt' });
    expect(
      parsePositions('{"version":1,"files":[{"source":"a","path":"a","dev":1,"ino":2,"fingerprint":"","offset":-5}]}'),
    ).toMatchObject({
      ok: false,
      reason: 'corrupt',
    });
  });

  it('says unknown-version for another version', () => {
    expect(parsePositions('{"version":0,"files":[]}')).toMatchObject({ ok: false, reason: 'unknown-version' });
    expect(parsePositions('{"files":[]}')).toMatchObject({ ok: false, reason: 'unknown-version' });
  });

  it('says missing when there is no file yet', async () => {
    expect(await readPositionsFile(join(dir, 'nope.json'))).toMatchObject({ ok: false, reason: 'missing' });
  });
});

describe('writePositionsFile', () => {
  it('replaces the file atomically and leaves no temp file behind', async () => {
    const file = join(dir, 'positions.json');
    writeFileSync(file, 'old');
    await writePositionsFile(file, [entry]);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ version: 1, files: [entry] });
    expect(readdirSync(dir)).toEqual(['positions.json']);
  });

  it('creates the directories it goes in (the default .wsgiwatch/positions.json on a fresh checkout)', async () => {
    const file = join(dir, 'state', 'wsgiwatch', 'positions.json');
    await writePositionsFile(file, [entry]);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ version: 1, files: [entry] });
    expect(readdirSync(join(dir, 'state', 'wsgiwatch'))).toEqual(['positions.json']);
  });

  it('throws the I/O error (the tailer reports it and retries) and keeps the previous file', async () => {
    const sub = join(dir, 'sub');
    mkdirSync(sub);
    const file = join(sub, 'positions.json');
    await writePositionsFile(file, [entry]);
    // A directory where the temp file should go: open() fails with EISDIR even for root.
    mkdirSync(`${file}.tmp-${process.pid}`);
    await expect(writePositionsFile(file, [])).rejects.toThrow(/EISDIR/);
    expect(JSON.parse(readFileSync(file, 'utf8')).files).toEqual([entry]);
  });
});
