// Bench: where the pipeline's time per line goes, without the tailer or the event loop. The same 1,000,000 lines as
// bench/pipeline.ts, decoded in 64 KiB pieces and handed over in batches the size of one 128 KiB read, as the tailer
// does, then: one combined regex per line (the baseline of issue #2 item 5, minus the read); the parse the pipeline
// runs (`selectAt` of its five texts, on the piece); the whole of `processLines` (parse, location match, request and
// rate-limit aggregates, the request joiner); and `processLines` on the same lines without their piece (each parsed as
// its own sliced string, as before 2026-12-02). Best of ROUNDS each.

import { compileLogFormat } from '../src/parse/access/compile-log-format.ts';
import { HOT_FIELDS } from '../src/pipeline/create-pipeline.ts';
import type { LogLine } from '../src/sources/log-line.ts';
import { createBenchPipeline } from './bench-pipeline.ts';
import { accessLine, BENCH_FORMAT } from './generate-access-log.ts';

const LINES = Number(process.env.BENCH_LINES ?? 1_000_000);
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const BATCH = 680; // lines in one 128 KiB read of these ~190-byte lines
const PIECE_BYTES = 64 * 1024; // the tailer decodes an all-ASCII read in pieces of up to this (line-splitter.ts)

// Lines are slices of decoded pieces, each line carrying its piece, as the tailer hands them over.
const batches: LogLine[][] = [];
let batch: LogLine[] = [];
for (let i = 0, offset = 0; i < LINES; ) {
  const lines: string[] = [];
  for (let bytes = 0; i < LINES && bytes < PIECE_BYTES - 512; i += 1) {
    lines.push(accessLine(i));
    bytes += lines[lines.length - 1].length + 1;
  }
  const piece = Buffer.from(lines.join('\n'), 'latin1').toString('latin1');
  let at = 0;
  for (const line of lines) {
    batch.push({
      log: 'access',
      path: 'access.log',
      text: piece.slice(at, at + line.length),
      offset,
      piece,
      pieceStart: at,
    });
    offset += line.length + 1;
    at += line.length + 1;
    if (batch.length === BATCH) {
      batches.push(batch);
      batch = [];
    }
  }
}
if (batch.length > 0) batches.push(batch);
const slicedBatches = batches.map((b) =>
  b.map(({ log, path, text, offset }): LogLine => ({ log, path, text, offset })),
);

const format = compileLogFormat(BENCH_FORMAT);
const pipeline = createBenchPipeline('access.log', format);
const hot = format.selectAt(HOT_FIELDS);
const COMBINED =
  /^(\S+) (\S+) (\S+) \[([^\]]+)\] "([^"\\]*(?:\\.[^"\\]*)*)" (\d{3}) (\S+) "([^"\\]*(?:\\.[^"\\]*)*)" "([^"\\]*(?:\\.[^"\\]*)*)" (\d+)$/;

function nsPerLine(run: () => number): number {
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < ROUNDS; r += 1) {
    const t0 = process.hrtime.bigint();
    const n = run();
    const ns = Number(process.hrtime.bigint() - t0) / LINES;
    if (n !== LINES) throw new Error(`only ${n} of ${LINES} lines went through`);
    best = Math.min(best, ns);
  }
  return best;
}

function processAll(all: LogLine[][]): number {
  let n = 0;
  for (const b of all) {
    pipeline.processLines(b);
    n += b.length;
  }
  return n;
}

// Interleaved, so a load spike on the shared machine hits every figure alike.
let regex = Number.POSITIVE_INFINITY;
let parse = Number.POSITIVE_INFINITY;
let whole = Number.POSITIVE_INFINITY;
let wholeSliced = Number.POSITIVE_INFINITY;
for (let k = 0; k < 2; k += 1) {
  regex = Math.min(
    regex,
    nsPerLine(() => {
      let n = 0;
      for (const b of batches) for (const l of b) if (COMBINED.exec(l.text) !== null) n += 1;
      return n;
    }),
  );
  parse = Math.min(
    parse,
    nsPerLine(() => {
      let n = 0;
      for (const b of batches)
        for (const l of b) {
          const at = l.pieceStart as number;
          if (hot(l.piece as string, at, at + l.text.length).ok) n += 1;
        }
      return n;
    }),
  );
  whole = Math.min(
    whole,
    nsPerLine(() => processAll(batches)),
  );
  wholeSliced = Math.min(
    wholeSliced,
    nsPerLine(() => processAll(slicedBatches)),
  );
}
console.log(
  `lines: ${LINES.toLocaleString('en')} in memory (bench/pipeline.ts's), best of ${ROUNDS}×2, Node ${process.version}`,
);
console.log(`baseline, one combined regex exec:            ${regex.toFixed(0)} ns/line`);
console.log(
  `selectAt(HOT_FIELDS), the pipeline's parse:   ${parse.toFixed(0)} ns/line  (${(parse / regex).toFixed(2)}× the regex)`,
);
console.log(
  `processLines, parse + match + aggregate:      ${whole.toFixed(0)} ns/line  (${(whole / regex).toFixed(2)}× the regex; after the parse: ${(whole - parse).toFixed(0)} ns)`,
);
console.log(
  `processLines on the lines without pieces:     ${wholeSliced.toFixed(0)} ns/line  (${(wholeSliced / regex).toFixed(2)}× the regex; with pieces ${(wholeSliced / whole).toFixed(2)}× faster)`,
);
