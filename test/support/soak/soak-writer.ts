// Soak writer: appends sequence-numbered access and error lines through O_APPEND descriptors (as Apache does), cut at
// random byte boundaries, and rotates the files like Debian's logrotate: alternately `create` (rename, new file, the
// writer keeps writing to the old descriptor for a moment as a graceful restart does) and `copytruncate`, with
// delaycompress (`.1` plain, `.2.gz` … gzip) and 5 generations kept.
// argv: dir ratePerSecond rotateEverySeconds durationSeconds

import {
  closeSync,
  copyFileSync,
  createReadStream,
  createWriteStream,
  existsSync,
  ftruncateSync,
  openSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';

const [dir, rateArg, rotateArg, durationArg] = process.argv.slice(2);
const rate = Number(rateArg);
const rotateEvery = Number(rotateArg) * 1000;
const duration = Number(durationArg) * 1000;
const names = { access: join(dir, 'access.log'), error: join(dir, 'error.log') };
const fds = { access: openSync(names.access, 'a'), error: openSync(names.error, 'a') };
let seq = 0;
let rotations = 0;
const MAX_PIECE = 6000;
const pending = { access: Buffer.alloc(0), error: Buffer.alloc(0) };

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
function accessLine(n: number, d: Date): string {
  const t = `${String(d.getUTCDate()).padStart(2, '0')}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${d.toISOString().slice(11, 19)} +0000`;
  const status = n % 97 === 0 ? 500 : 200;
  return `10.0.${(n >> 8) & 255}.${n & 255} - - [${t}] "GET /downloads/seq/${n}.bin HTTP/1.1" ${status} ${1000 + (n % 5000000)} "-" "soak/1.0 é" ${500 + (n % 3_000_000)}\n`;
}
function errorLine(n: number, d: Date): string {
  const t = d.toUTCString().replace(/^(\w+), (\d+) (\w+) (\d+) ([\d:]+) GMT$/, '$1 $3 $2 $5.000000 $4');
  return `[${t}] [wsgi:error] [pid 1234:tid 5678] [client 127.0.0.1:${40000 + (n % 20000)}] soak seq=${n} message\n`;
}

/**
 * Appends what is buffered in random-sized pieces cut at any byte (inside a line, inside a UTF-8 sequence), keeping back
 * at most one piece so the reader meets unfinished lines all the time — but never a backlog: what the clock says is due
 * is on disk by the end of the tick.
 */
function flush(kind: 'access' | 'error', force: boolean): void {
  const bytes = pending[kind];
  const end = bytes.length - (force ? 0 : Math.floor(Math.random() * Math.min(bytes.length, MAX_PIECE)));
  let at = 0;
  while (at < end) {
    const n = Math.min(end - at, 1 + Math.floor(Math.random() * MAX_PIECE));
    writeSync(fds[kind], bytes, at, n);
    at += n;
  }
  pending[kind] = bytes.subarray(end);
}

async function compress(from: string, to: string): Promise<void> {
  await pipeline(createReadStream(from), createGzip(), createWriteStream(to));
  rmSync(from);
}

/** logrotate's shift: the oldest dropped, `.N.gz` → `.N+1.gz`, `.1` → `.2` (compressed after the rotation). */
function shiftGenerations(kind: 'access' | 'error'): string | undefined {
  const base = names[kind];
  rmSync(`${base}.5.gz`, { force: true });
  for (let i = 4; i >= 2; i--) if (existsSync(`${base}.${i}.gz`)) renameSync(`${base}.${i}.gz`, `${base}.${i + 1}.gz`);
  if (!existsSync(`${base}.1`)) return undefined;
  renameSync(`${base}.1`, `${base}.2`);
  return `${base}.2`;
}

// logrotate compresses after rotating, while Apache goes on writing: the writer keeps its pace meanwhile.
let compressing: Promise<void> = Promise.resolve();

async function rotate(): Promise<void> {
  rotations++;
  const create = rotations % 2 === 1;
  await compressing;
  const toCompress: string[] = [];
  for (const kind of ['access', 'error'] as const) {
    flush(kind, true);
    const shifted = shiftGenerations(kind);
    if (shifted !== undefined) toCompress.push(shifted);
    if (create) {
      renameSync(names[kind], `${names[kind]}.1`);
      writeFileSync(names[kind], '');
    } else {
      copyFileSync(names[kind], `${names[kind]}.1`);
      ftruncateSync(fds[kind], 0);
    }
  }
  // delaycompress: the previous .1 (now .2) is compressed only now, one cycle later.
  compressing = Promise.all(toCompress.map((f) => compress(f, `${f}.gz`))).then(() => undefined);
  if (create) {
    // Graceful restart: old children finish their requests on the old descriptors for ~50 ms, then reopen.
    const until = Date.now() + 50;
    while (Date.now() < until) {
      emit(200);
      flush('access', true);
      flush('error', true);
      await new Promise((r) => setTimeout(r, 5));
    }
    for (const kind of ['access', 'error'] as const) {
      closeSync(fds[kind]);
      fds[kind] = openSync(names[kind], 'a');
    }
  }
}

function emit(n: number): void {
  const d = new Date();
  let a = '';
  let e = '';
  for (let i = 0; i < n; i++) {
    seq++;
    if (seq % 10 === 0) e += errorLine(seq, d);
    else a += accessLine(seq, d);
  }
  pending.access = Buffer.concat([pending.access, Buffer.from(a)]);
  pending.error = Buffer.concat([pending.error, Buffer.from(e)]);
}

const t0 = Date.now();
let nextRotation = t0 + rotateEvery;
let written = 0;
// The longest gap between two appends: a starved writer shows here (and in the rate), not as a quiet backlog.
let lastTick = t0;
let maxGapMs = 0;
while (Date.now() - t0 < duration) {
  const now = Date.now();
  const due = Math.floor(((now - t0) / 1000) * rate);
  if (due > written) {
    emit(due - written);
    written = due;
    flush('access', false);
    flush('error', false);
  }
  maxGapMs = Math.max(maxGapMs, now - lastTick);
  lastTick = now;
  if (now >= nextRotation) {
    await rotate();
    nextRotation += rotateEvery;
  }
  await new Promise((r) => setTimeout(r, 10));
}
flush('access', true);
flush('error', true);
await compressing;
const elapsedS = (Date.now() - t0) / 1000;
writeFileSync(join(dir, 'writer.json'), JSON.stringify({ lines: seq, rotations, elapsedS, maxGapMs }));
