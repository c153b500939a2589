// Our tailer vs the npm `tail` package (2.2.6, fs.watch, follow: true) on the same rotation scenarios with the same
// writer child (combined lines, random partial writes, 2 rotations with late writes to the old file): lines lost,
// duplicated, garbled, and the reader's CPU seconds (process.cpuUsage of this process; the writer is a child).
// Run: npx tsx bench/tail-compare.ts [lines-per-scenario]

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Tail } from 'tail';
import { createTailer } from '../src/sources/tail/create-tailer.ts';
import { createLineTally, type LineTally } from '../test/support/tail/line-tally.ts';
import { followedPath, type RotationScenario, type WriterConfig } from '../test/support/tail/writer-scenario.ts';

const LINES = Number(process.argv[2] ?? 200_000);
const WRITER = join(import.meta.dirname, '../test/support/tail/rotating-writer.ts');

interface Scenario {
  name: string;
  writer: RotationScenario;
  linesPerSecond: number;
  maxChunkBytes: number;
  rotations: number;
}

const SCENARIOS: Scenario[] = [
  { name: 'rename+create', writer: 'rename', linesPerSecond: 50_000, maxChunkBytes: 300, rotations: 2 },
  { name: 'copytruncate (.1 copy)', writer: 'copytruncate', linesPerSecond: 50_000, maxChunkBytes: 300, rotations: 2 },
  { name: 'delete+recreate', writer: 'delete', linesPerSecond: 50_000, maxChunkBytes: 300, rotations: 2 },
  { name: 'rotatelogs new name', writer: 'rotatelogs', linesPerSecond: 50_000, maxChunkBytes: 300, rotations: 2 },
  { name: 'symlink swap', writer: 'symlink', linesPerSecond: 50_000, maxChunkBytes: 300, rotations: 2 },
  // As fast as the writer can, in pieces of 1..40 bytes: every 3-byte € is eventually cut by a write boundary.
  { name: 'UTF-8 burst', writer: 'none', linesPerSecond: 10_000_000, maxChunkBytes: 40, rotations: 0 },
];

interface Reader {
  name: string;
  start(path: string, onLine: (text: string) => void): Promise<() => Promise<void>>;
}

const READERS: Reader[] = [
  {
    name: 'wsgiwatch createTailer',
    async start(path, onLine) {
      const tailer = createTailer({
        sources: [{ path, log: 'access' }],
        fromBeginning: true,
        onLines: (lines) => {
          for (const line of lines) onLine(line.text);
        },
      });
      await tailer.start();
      return () => tailer.stop();
    },
  },
  {
    name: 'npm tail 2.2.6 (fs.watch)',
    async start(path, onLine) {
      // `tail` cannot follow a glob: for rotatelogs it follows the first period's file, as a user would configure it.
      const file = path.includes('*') ? path.replace('*', '0000') : path;
      const tail = new Tail(file, { follow: true, fromBeginning: true, flushAtEOF: false });
      tail.on('line', onLine);
      tail.on('error', () => {});
      return async () => tail.unwatch();
    },
  },
];

function prepare(dir: string, scenario: RotationScenario): void {
  // `tail` throws on a missing file, so every scenario's first file exists before the readers start.
  if (scenario === 'rotatelogs') writeFileSync(join(dir, 'access.0000.log'), '');
  else if (scenario === 'symlink') {
    writeFileSync(join(dir, 'access.gen0.log'), '');
    symlinkSync(join(dir, 'access.gen0.log'), join(dir, 'access.log'));
  } else writeFileSync(join(dir, 'access.log'), '');
}

function runWriter(config: WriterConfig): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRITER, JSON.stringify(config)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out).written) : reject(new Error(`writer ${code}`))));
  });
}

async function settle(tally: LineTally, written: number): Promise<void> {
  // Until every line arrived, or nothing new came for 3 s (a reader that lost lines), at most 15 s.
  const deadline = Date.now() + 15_000;
  let last = tally.received;
  let quietSince = Date.now();
  while (tally.unique < written && Date.now() < deadline && Date.now() - quietSince < 3000) {
    await new Promise((r) => setTimeout(r, 50));
    if (tally.received !== last) {
      last = tally.received;
      quietSince = Date.now();
    }
  }
}

interface Row {
  scenario: string;
  reader: string;
  written: number;
  lost: number;
  duplicated: number;
  garbled: number;
  cpuS: number;
}

const rows: Row[] = [];
for (const scenario of SCENARIOS) {
  for (const reader of READERS) {
    const dir = mkdtempSync(join(tmpdir(), 'tail-compare-'));
    try {
      prepare(dir, scenario.writer);
      const tally = createLineTally(LINES);
      const cpu = process.cpuUsage();
      const stop = await reader.start(followedPath(scenario.writer, dir), (text) => tally.add(text));
      const written = await runWriter({
        dir,
        scenario: scenario.writer,
        firstSeq: 0,
        lines: LINES,
        linesPerSecond: scenario.linesPerSecond,
        rotations: scenario.rotations,
        lateLines: 2000,
        maxChunkBytes: scenario.maxChunkBytes,
        seed: 4242,
      });
      await settle(tally, written);
      await stop();
      const used = process.cpuUsage(cpu);
      const row: Row = {
        scenario: scenario.name,
        reader: reader.name,
        written,
        lost: tally.lost(written),
        duplicated: tally.duplicated,
        garbled: tally.garbled,
        cpuS: (used.user + used.system) / 1e6,
      };
      rows.push(row);
      console.error(JSON.stringify(row));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

console.log(`\n${LINES.toLocaleString('en-US')} lines per scenario; garbled lines also count as lost.\n`);
console.log('| scenario | reader | lost | duplicated | garbled | reader CPU s |');
console.log('|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(
    `| ${r.scenario} | ${r.reader} | ${r.lost.toLocaleString('en-US')} | ${r.duplicated.toLocaleString('en-US')} | ${r.garbled.toLocaleString('en-US')} | ${r.cpuS.toFixed(2)} |`,
  );
}
const cpu = (name: string) => rows.filter((r) => r.reader === name).reduce((n, r) => n + r.cpuS, 0);
console.log(`\nCPU ratio npm tail / ours (all scenarios): ${(cpu(READERS[1].name) / cpu(READERS[0].name)).toFixed(2)}`);
