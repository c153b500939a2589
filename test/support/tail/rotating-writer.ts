// A writer child process: appends combined log lines at a steady rate in random partial writes (lines cut at random
// byte boundaries, so readers always meet unfinished lines) and rotates the log mid-stream the way the scenario says.
// Usage: node test/support/tail/rotating-writer.ts '<WriterConfig JSON>'; prints {"written":N} when done.

import {
  closeSync,
  copyFileSync,
  existsSync,
  fstatSync,
  ftruncateSync,
  openSync,
  renameSync,
  statSync,
  symlinkSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { makeCombinedLine } from './combined-line.ts';
import type { WriterConfig } from './writer-scenario.ts';

const config = JSON.parse(process.argv[2]) as WriterConfig;
const { dir, scenario } = config;
const log = join(dir, 'access.log');

let rng = config.seed >>> 0 || 1;
function random(): number {
  // xorshift32: deterministic chunking per seed
  rng ^= rng << 13;
  rng ^= rng >>> 17;
  rng ^= rng << 5;
  return (rng >>> 0) / 4294967296;
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
function sleep(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

let generation = 0;
function targetName(gen: number): string {
  return scenario === 'rotatelogs'
    ? join(dir, `access.${String(gen).padStart(4, '0')}.log`)
    : join(dir, `access.gen${gen}.log`);
}

function openCurrent(): number {
  if (scenario === 'rotatelogs') return openSync(targetName(generation), 'a');
  if (scenario === 'symlink') {
    const target = targetName(generation);
    const fd = openSync(target, 'a');
    if (!existsSync(log)) symlinkSync(target, log);
    return fd;
  }
  return openSync(log, 'a');
}

/** Writes `bytes` in random pieces of 1..maxChunkBytes. */
function writeChunks(fd: number, bytes: Buffer): void {
  let at = 0;
  while (at < bytes.length) {
    const n = Math.min(bytes.length - at, 1 + Math.floor(random() * config.maxChunkBytes));
    writeSync(fd, bytes, at, n);
    at += n;
  }
}

function shiftNumbered(): void {
  // logrotate's numbering, `rotate 9` without compress: .8 → .9, …, .1 → .2 (the oldest is dropped)
  for (let n = 8; n >= 1; n--) if (existsSync(`${log}.${n}`)) renameSync(`${log}.${n}`, `${log}.${n + 1}`);
}

let fd = openCurrent();
let oldFd: number | undefined;
let lateLeft = 0;
let seq = config.firstSeq;
const end = config.firstSeq + config.lines;
const rotateAt: number[] = [];
for (let i = 1; i <= config.rotations; i++)
  rotateAt.push(config.firstSeq + Math.floor((config.lines * i) / (config.rotations + 1)));
/** Bytes of the current line not written yet (the writer stops mid-line between rounds). */
let rest = Buffer.alloc(0);
const started = performance.now();

function rotate(): void {
  generation++;
  switch (scenario) {
    case 'rename':
      shiftNumbered();
      renameSync(log, `${log}.1`);
      oldFd = fd;
      fd = openCurrent();
      lateLeft = config.lateLines;
      break;
    case 'delete':
      unlinkSync(log);
      oldFd = fd;
      fd = openCurrent();
      lateLeft = config.lateLines;
      break;
    case 'symlink': {
      oldFd = fd;
      const target = targetName(generation);
      fd = openSync(target, 'a');
      symlinkSync(target, `${log}.tmp`);
      renameSync(`${log}.tmp`, log);
      lateLeft = config.lateLines;
      break;
    }
    case 'rotatelogs':
      closeSync(fd);
      fd = openCurrent();
      break;
    case 'copytruncate':
      shiftNumbered();
      copyFileSync(log, `${log}.1`);
      ftruncateSync(fd, 0);
      break;
    case 'copytruncate-nocopy':
      ftruncateSync(fd, 0);
      break;
    case 'external':
    case 'none':
      break;
  }
}

/** 'external': access.log now names another inode (or none) than the one we write: rotated by someone else. */
function renamedAway(): boolean {
  try {
    const st = statSync(log);
    const own = fstatSync(fd);
    return st.ino !== own.ino || st.dev !== own.dev;
  } catch {
    return true;
  }
}

while (seq < end || rest.length > 0) {
  if (scenario === 'external' && oldFd === undefined && renamedAway() && existsSync(log)) {
    oldFd = fd;
    fd = openSync(log, 'a');
    lateLeft = config.lateLines;
    if (lateLeft === 0) {
      closeSync(oldFd);
      oldFd = undefined;
    }
  }
  const due = Math.min(
    end,
    config.firstSeq + Math.floor(((performance.now() - started) / 1000) * config.linesPerSecond),
  );
  const parts: Buffer[] = [rest];
  let count = 0;
  while (seq < due) {
    parts.push(Buffer.from(`${makeCombinedLine(seq)}\n`));
    seq++;
    count++;
    if (rotateAt.length > 0 && seq >= rotateAt[0]) break;
  }
  const bytes = Buffer.concat(parts);
  const rotating = rotateAt.length > 0 && seq >= rotateAt[0];
  // Hold back a random piece of the last line, except where this scenario's rotation must see whole lines.
  const holdBack =
    seq >= end || oldFd !== undefined || (rotating && scenario !== 'copytruncate')
      ? 0
      : count > 0
        ? Math.floor(random() * (bytes.length - bytes.lastIndexOf(10, bytes.length - 2) - 1))
        : 0;
  const now = bytes.subarray(0, bytes.length - holdBack);
  rest = Buffer.from(bytes.subarray(bytes.length - holdBack));
  if (oldFd !== undefined && lateLeft > 0) {
    // A graceful restart: the old children's lines still go to the old file, whole lines.
    let late = 0;
    let cut = 0;
    while (late < lateLeft && cut < now.length) {
      cut = now.indexOf(10, cut) + 1;
      late++;
    }
    writeChunks(oldFd, now.subarray(0, cut));
    writeChunks(fd, now.subarray(cut));
    lateLeft -= late;
    if (lateLeft === 0) {
      closeSync(oldFd);
      oldFd = undefined;
    }
  } else writeChunks(fd, now);
  if (rotating) {
    rotateAt.shift();
    if (oldFd !== undefined) {
      closeSync(oldFd);
      oldFd = undefined;
    }
    rotate();
  }
  if (seq < end) sleep(1);
}
if (oldFd !== undefined) closeSync(oldFd);
closeSync(fd);
process.stdout.write(`${JSON.stringify({ written: seq - config.firstSeq, lastSeq: seq - 1 })}\n`);
