// The batch driver's plan (one rotated-generation rule with the tailer) and its reading of whole files: exact offsets,
// the byte cap, a last line without `\n`, a broken .gz reported on its file.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/create-engine.ts';
import { planBatch, readPlannedFile } from '../../src/engine/read-batch.ts';
import { createLogger } from '../../src/log.ts';
import type { LogLine } from '../../src/sources/log-line.ts';
import { openLogFile } from '../../src/sources/tail/open-log-file.ts';
import { splitChunks } from '../../src/sources/tail/split-chunks.ts';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'wsgiwatch-read-batch-'));
  for (const name of ['access.log', 'access.log.1', 'access.log.2.gz', 'error.log', 'other.log']) {
    await writeFile(path.join(dir, name), name.endsWith('.gz') ? gzipSync('x\n') : 'x\n');
  }
  for (const name of ['dated.log', 'dated.log-20261122.gz', 'dated.log-20261123', 'dated.log-2026112']) {
    await writeFile(path.join(dir, name), name.endsWith('.gz') ? gzipSync('x\n') : 'x\n');
  }
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The config of logs named once each (no file named for both logs). */
const named = (logs: { path: string; log: 'access' | 'error' }[]) => ({
  logs,
  roleOf: (l: { log: 'access' | 'error' }) => l.log,
});
const names = (plan: { file: string; path: string }[]) =>
  plan.map((p) => [path.basename(p.file), path.basename(p.path)]);
const ACCESS_GENERATIONS = [
  ['access.log.2.gz', 'access.log'],
  ['access.log.1', 'access.log'],
  ['access.log', 'access.log'],
];
const testEngine = () =>
  createEngine({
    accessLogs: [],
    errorLogs: [],
    locations: [],
    verdictWindow: { maxSamples: 10, maxAgeSeconds: 60 },
    maxEvents: 10,
    logger: createLogger({ level: 'silent', quiet: true }),
    now: () => 0,
  });

describe('planBatch', () => {
  it('reads error logs first, then each log after its rotated generations, oldest first', async () => {
    const plan = await planBatch(
      named([
        { path: path.join(dir, 'access.log'), log: 'access' },
        { path: path.join(dir, 'error.log'), log: 'error' },
      ]),
    );
    expect(names(plan)).toEqual([['error.log', 'error.log'], ...ACCESS_GENERATIONS]);
  });

  it('knows logrotate dateext names, as the tailer backfill does', async () => {
    const plan = await planBatch(named([{ path: path.join(dir, 'dated.log'), log: 'access' }]));
    expect(names(plan)).toEqual([
      ['dated.log-20261122.gz', 'dated.log'],
      ['dated.log-20261123', 'dated.log'],
      ['dated.log', 'dated.log'],
    ]);
  });

  it('expands globs, reads a rotated name given on its own once, finds nothing for a missing file', async () => {
    const plan = await planBatch(
      named([
        { path: path.join(dir, 'access.log'), log: 'access' },
        { path: path.join(dir, 'access.log.1'), log: 'access' },
        { path: path.join(dir, 'oth*.log'), log: 'access' },
        { path: path.join(dir, 'missing.log'), log: 'access' },
      ]),
    );
    expect(names(plan)).toEqual([...ACCESS_GENERATIONS, ['other.log', 'other.log']]);
  });
});

describe('reading whole files through the tailer splitter', () => {
  const read = async (file: string, maxLineBytes = 65536) => {
    const got: LogLine[] = [];
    const stream = openLogFile(file);
    try {
      const r = await splitChunks(stream.chunks, {
        log: 'access',
        path: file,
        maxLineBytes,
        onLines: (b) => got.push(...b),
        lastLine: 'emit',
      });
      return { got, r };
    } finally {
      stream.close();
    }
  };

  it('gives exact byte offsets across reads with multi-byte characters, CRLF and a last line without newline', async () => {
    const lines = Array.from({ length: 40_000 }, (_, i) =>
      i % 7 === 0 ? `line ${i} caf\u00e9 \u2603` : `line ${i} plain ascii ${'x'.repeat(40)}`,
    );
    const body = `${lines.map((l, i) => (i % 11 === 0 ? `${l}\r` : l)).join('\n')}`;
    const file = path.join(dir, 'offsets.log');
    await writeFile(file, body);
    expect(Buffer.byteLength(body)).toBeGreaterThan(2 * 1024 * 1024); // several reads
    const { got, r } = await read(file);
    expect(r.lines).toBe(lines.length);
    const expected: [string, number][] = [];
    let offset = 0;
    for (let i = 0; i < lines.length; i++) {
      expected.push([lines[i], offset]);
      offset += Buffer.byteLength(lines[i]) + (i % 11 === 0 ? 2 : 1);
    }
    expect(got.map((l) => [l.text, l.offset])).toEqual(expected);
  });

  it('caps lines in bytes, not UTF-16 units, and never cuts a character in half', async () => {
    const file = path.join(dir, 'long.log');
    // 'é' is 2 bytes: 6 of them are 12 bytes, so a 10-byte cap keeps 5.
    await writeFile(file, `${'x'.repeat(100)}\n${'é'.repeat(6)}\nshort\n`);
    const { got } = await read(file, 10);
    expect(got.map((l) => [l.text, l.truncated ?? false, l.offset])).toEqual([
      ['x'.repeat(10), true, 0],
      ['é'.repeat(5), true, 101],
      ['short', false, 114],
    ]);
  });

  it('reads a plain file through the tailer, its unfinished last line included, under the live name', async () => {
    const file = path.join(dir, 'plain.log.1');
    await writeFile(file, `first\nsecond \u00e9\nlast without newline`);
    const engine = testEngine();
    const seen: LogLine[] = [];
    const processLines = engine.processLines;
    engine.processLines = (lines) => {
      seen.push(...lines);
      processLines(lines);
    };
    const [row] = await readPlannedFile(
      engine,
      { file, role: 'error', path: path.join(dir, 'plain.log') },
      { maxLineBytes: 65536, logWrapper: 'none' },
    );
    expect(row).toMatchObject({ path: file, state: 'open', linesRead: 3, sizeBytes: 36 });
    expect(seen.map((l) => [l.text, l.offset, path.basename(l.path)])).toEqual([
      ['first', 0, 'plain.log'],
      ['second \u00e9', 6, 'plain.log'],
      ['last without newline', 16, 'plain.log'],
    ]);
  });

  it('reports a broken .gz on its file and goes on', async () => {
    const file = path.join(dir, 'broken.log.gz');
    await writeFile(file, Buffer.concat([gzipSync('one\ntwo\n').subarray(0, 12), Buffer.from('garbage')]));
    const [row] = await readPlannedFile(
      testEngine(),
      { file, role: 'access', path: file },
      { maxLineBytes: 65536, logWrapper: 'auto' },
    );
    expect(row.state).toBe('error');
    expect(row.error).toMatch(/unexpected end|incorrect header|invalid/i);
  });
});
