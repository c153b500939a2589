// Tailer throughput: read + split a generated 1,000,000-line combined log from offset 0, against a bare baseline
// (plain FileHandle reads + split on '\n') measured in the same run. Prints lines/s, CPU seconds and the ratio.
// Run: npx tsx bench/tail-throughput.ts [lines]

import { createWriteStream } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTailer } from '../src/sources/tail/create-tailer.ts';
import { makeCombinedLine } from '../test/support/tail/combined-line.ts';

const LINES = Number(process.argv[2] ?? 1_000_000);
const ROUNDS = 3;

async function generate(file: string): Promise<number> {
  const out = createWriteStream(file);
  let bytes = 0;
  for (let seq = 0; seq < LINES; seq += 1000) {
    let block = '';
    for (let i = seq; i < Math.min(LINES, seq + 1000); i++) block += `${makeCombinedLine(i)}\n`;
    bytes += Buffer.byteLength(block);
    if (!out.write(block)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
  return bytes;
}

/** The bare loop: 1 MiB reads, decode, split on '\n' with the unfinished tail carried as a string. */
async function bare(file: string): Promise<number> {
  const fh = await open(file, 'r');
  const buf = Buffer.allocUnsafe(1 << 20);
  let pos = 0;
  let carry = '';
  let lines = 0;
  let chars = 0;
  for (;;) {
    const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
    if (bytesRead === 0) break;
    pos += bytesRead;
    const parts = (carry + buf.toString('utf8', 0, bytesRead)).split('\n');
    carry = parts.pop() ?? '';
    lines += parts.length;
    for (const p of parts) chars += p.length;
  }
  await fh.close();
  if (chars < 0) console.log(chars);
  return lines;
}

async function ours(file: string): Promise<number> {
  let lines = 0;
  let chars = 0;
  const tailer = createTailer({
    sources: [{ path: file, log: 'access' }],
    fromBeginning: true,
    watch: false,
    onLines: (batch) => {
      lines += batch.length;
      for (const l of batch) chars += l.text.length;
    },
  });
  while (lines < LINES) await tailer.pollOnce();
  await tailer.stop();
  if (chars < 0) console.log(chars);
  return lines;
}

async function measure(run: () => Promise<number>): Promise<{ wallS: number; cpuS: number; lines: number }> {
  const cpu = process.cpuUsage();
  const t = performance.now();
  const lines = await run();
  const wallS = (performance.now() - t) / 1000;
  const used = process.cpuUsage(cpu);
  return { wallS, cpuS: (used.user + used.system) / 1e6, lines };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const dir = await mkdtemp(join(tmpdir(), 'tail-throughput-'));
try {
  const file = join(dir, 'access.log');
  const bytes = await generate(file);
  console.log(`generated ${LINES} lines, ${(bytes / 1e6).toFixed(0)} MB in ${file}`);
  const results = { bare: [] as { wallS: number; cpuS: number }[], ours: [] as { wallS: number; cpuS: number }[] };
  await measure(() => bare(file)); // warm the page cache and the JIT
  for (let round = 0; round < ROUNDS; round++) {
    const b = await measure(() => bare(file));
    const o = await measure(() => ours(file));
    if (b.lines !== LINES || o.lines !== LINES) throw new Error(`line count: bare ${b.lines}, ours ${o.lines}`);
    results.bare.push(b);
    results.ours.push(o);
  }
  const row = (name: string, runs: { wallS: number; cpuS: number }[]) => {
    const wall = median(runs.map((r) => r.wallS));
    const cpu = median(runs.map((r) => r.cpuS));
    return { name, wall, cpu, rate: LINES / wall };
  };
  const b = row('bare read + split', results.bare);
  const o = row('createTailer (fromBeginning, pollOnce)', results.ours);
  console.log(`\n| reader | wall s (median of ${ROUNDS}) | CPU s | lines/s |`);
  console.log('|---|---|---|---|');
  for (const r of [b, o])
    console.log(
      `| ${r.name} | ${r.wall.toFixed(2)} | ${r.cpu.toFixed(2)} | ${Math.round(r.rate).toLocaleString('en-US')} |`,
    );
  console.log(`\nratio ours/bare (lines/s): ${(o.rate / b.rate).toFixed(2)}`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
