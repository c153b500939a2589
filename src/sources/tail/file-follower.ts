// Follows one path by name and by inode (`tail -F`): reads the current file through a kept FileHandle, drains rotated
// files through their old handles until quiet, checks for copytruncate / in-place replacement BEFORE reading, and
// remembers where each file was read up to.

import { type FileHandle, open, realpath, stat } from 'node:fs/promises';
import type { LogKind, LogLine } from '../log-line.ts';
import type { TailEvent, TailFileStats } from './create-tailer.ts';
import { type FileIdentity, fingerprintMatches, readFingerprint, sameInode } from './file-identity.ts';
import { findCopySibling, findSiblingByIdentity } from './find-sibling.ts';
import { createLineSplitter, type LineSplitter } from './line-splitter.ts';
import type { PositionEntry } from './positions-file.ts';

export interface FollowerContext {
  log: LogKind;
  maxLineBytes: number;
  drainMs: number;
  fingerprintBytes: number;
  fromBeginning: boolean;
  /** Two equal buffers shared by all followers of one tailer (followers tick one after another): one is read into while the other's lines are processed. */
  readBuffers: readonly [Buffer, Buffer];
  /** Bytes read per file per tick before the next file gets its turn (every read already yields to the event loop). */
  maxBytesPerTick: number;
  now: () => number;
  onLines: (lines: LogLine[]) => void;
  onEvent: (event: TailEvent) => void;
}

/** Where a file was read up to, from the positions file (or a glob file closed while quiet). */
export interface ResumePoint {
  id: FileIdentity;
  offset: number;
}

export interface FollowerStart {
  /** 'initial': seen when the tailer starts (end of file unless fromBeginning); 'new': appeared later (from 0). */
  mode: 'initial' | 'new';
  resume?: ResumePoint;
  /** Rotated files that were still being drained when the tailer stopped. */
  rotated?: ResumePoint[];
}

export interface TickResult {
  bytes: number;
  /** True when a file still had data after this tick's budget. */
  more: boolean;
}

export interface FileFollower {
  readonly path: string;
  tick(): Promise<TickResult>;
  stats(): TailFileStats;
  positions(source: string): PositionEntry[];
  /** Reads `[offset, end)` of another file as if it came before this one (backfill of rotated files). */
  feedStream(chunks: AsyncIterable<Buffer>): Promise<void>;
  /** Closes the current handle but remembers the position; the next tick reopens only if the file changed. */
  closeIdle(): Promise<void>;
  /** Milliseconds since the current file last grew (or was opened). */
  idleMs(): number;
  /** The path no longer exists and nothing is left to drain. */
  isGone(): boolean;
  /** Files this follower holds (current, draining, closed while quiet: `held`) or finished, with their offsets. */
  knownFiles(): { point: ResumePoint; held: boolean }[];
  close(): Promise<void>;
}

interface OpenFile {
  fh: FileHandle;
  id: FileIdentity;
  /** The file's real path when opened (a symlink's target). */
  file: string;
  splitter: LineSplitter;
  lastSize: number;
  lastMtimeMs: number;
  /** Last growth, or the rotation's detection for a draining file: the drain timer counts from the later. */
  quietSince: number;
  /** Growth rate (bytes/ms, decaying average) and the size/time it was last measured at. */
  growthBytesPerMs: number;
  rateSize: number;
  rateAt: number;
  /** When the last read reached the end of the file: bytes written after it are unseen until the next tick. */
  lookedAt: number;
}

/**
 * Lines go to the consumer in batches of at most this many bytes, whatever the read size: a batch's lines are alive
 * together, and 128 KiB batches kept the pipeline bench's RSS at 120 MiB where 1 MiB ones took it to 166.
 */
const BATCH_BYTES = 128 * 1024;
const DEFAULT_AVERAGE_LINE_BYTES = 200;
/** Time constant of the growth-rate average: intervals without growth pull it down within a few seconds. */
const GROWTH_RATE_TAU_MS = 1000;

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

function isMissing(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/**
 * Offset just after the last `\n` in the file's final 64 KiB: a file first seen mid-line starts at that line. `midLine`:
 * no line start was found (one line longer than 64 KiB), so the bytes up to the next `\n` are a line's tail.
 */
async function lineAlignedEnd(fh: FileHandle, size: number): Promise<{ offset: number; midLine: boolean }> {
  if (size === 0) return { offset: 0, midLine: false };
  const n = Math.min(size, 65536);
  const buf = Buffer.allocUnsafe(n);
  const { bytesRead } = await fh.read(buf, 0, n, size - n);
  const nl = buf.subarray(0, bytesRead).lastIndexOf(0x0a);
  if (nl >= 0) return { offset: size - n + nl + 1, midLine: false };
  return n === size ? { offset: 0, midLine: false } : { offset: size, midLine: true };
}

function describe(of: OpenFile): string {
  return `${of.file} (inode ${of.id.ino})`;
}

export function createFileFollower(path: string, ctx: FollowerContext, start: FollowerStart): FileFollower {
  let current: OpenFile | undefined;
  const draining: OpenFile[] = [];
  let firstOpen = start.mode === 'initial';
  let resume = start.resume;
  let pendingRotated = start.rotated ?? [];
  /** Set by closeIdle: reopen only when the file at `path` changed. */
  let idle: { id: FileIdentity; readTo: number; size: number; mtimeMs: number } | undefined;
  let state: TailFileStats['state'] = 'waiting';
  let errorMessage: string | undefined;
  let announcedWaiting = false;
  let lastOpenedAt = ctx.now();
  let gone = false;
  /** Rotated files read to the end and closed: a glob that matches them under a new name must not read them again. */
  const finished: ResumePoint[] = [];
  const counters = {
    linesRead: 0,
    bytesRead: 0,
    rotations: 0,
    truncations: 0,
    linesLost: 0,
    bytesLost: 0,
    linesTruncated: 0,
    readErrors: 0,
  };

  function averageLineBytes(): number {
    return counters.linesRead > 0 ? counters.bytesRead / counters.linesRead : DEFAULT_AVERAGE_LINE_BYTES;
  }

  function reportError(error: unknown): void {
    counters.readErrors++;
    const message = (error as Error).message ?? String(error);
    state = 'error';
    if (message !== errorMessage) {
      errorMessage = message;
      ctx.onEvent({ type: 'error', path, error: message });
    }
  }

  function reportWaiting(): void {
    state = 'waiting';
    errorMessage = undefined;
    if (!announcedWaiting) {
      announcedWaiting = true;
      ctx.onEvent({ type: 'waiting', path });
    }
  }

  function countLost(bytes: number): void {
    if (bytes <= 0) return;
    counters.bytesLost += bytes;
    counters.linesLost += Math.max(1, Math.round(bytes / averageLineBytes()));
  }

  /** Reads splitter-continuing bytes from `fh` at the splitter's offset up to EOF (or `until`), within the budget. */
  async function readFrom(fh: FileHandle, splitter: LineSplitter, budget: number, until = Number.POSITIVE_INFINITY) {
    let [buf, spare] = ctx.readBuffers;
    let position = splitter.offset();
    let want = Math.min(buf.length, until - position);
    if (want <= 0 || budget <= 0) return 0;
    let total = 0;
    let pending: Promise<{ bytesRead: number }> | undefined = fh.read(buf, 0, want, position);
    try {
      while (pending !== undefined) {
        const { bytesRead }: { bytesRead: number } = await pending;
        pending = undefined;
        if (bytesRead === 0) break;
        total += bytesRead;
        const next: number = position + bytesRead;
        const nextWant = Math.min(spare.length, until - next);
        // Read ahead into the spare buffer while this read's lines are processed: without it the main thread sat idle
        // for each thread-pool round trip (~9% of the pipeline bench). A short read means EOF for now: stop there.
        if (bytesRead === want && total < budget && nextWant > 0) pending = fh.read(spare, 0, nextWant, next);
        counters.bytesRead += bytesRead;
        for (let from = 0; from < bytesRead; from += BATCH_BYTES) {
          const lines: LogLine[] = [];
          splitter.push(
            buf,
            from,
            Math.min(bytesRead, from + BATCH_BYTES),
            (text, offset, truncated, piece, pieceStart) => {
              if (truncated) {
                counters.linesTruncated++;
                lines.push({ log: ctx.log, path, text, offset, truncated, piece, pieceStart });
              } else lines.push({ log: ctx.log, path, text, offset, piece, pieceStart });
            },
          );
          if (lines.length > 0) {
            counters.linesRead += lines.length;
            ctx.onLines(lines);
          }
        }
        [buf, spare] = [spare, buf];
        position = next;
        want = nextWant;
      }
    } finally {
      // A read still in flight (processing threw) must finish before the handle can be closed or the buffer reused.
      if (pending !== undefined) await pending.catch(() => undefined);
    }
    return total;
  }

  function retire(of: OpenFile): void {
    of.quietSince = ctx.now();
    draining.push(of);
    counters.rotations++;
    ctx.onEvent({ type: 'rotated', path, from: describe(of) });
  }

  async function closeFile(of: OpenFile): Promise<void> {
    await of.fh.close().catch(() => {});
  }

  async function openAt(file: string, offset: number, id?: FileIdentity): Promise<OpenFile | undefined> {
    const fh = await open(file, 'r');
    try {
      const st = await fh.stat();
      if (id && !sameInode(st, id)) {
        await fh.close();
        return undefined;
      }
      const fingerprint = await readFingerprint(fh, ctx.fingerprintBytes, st.size);
      const real = await realpath(file).catch(() => file);
      return {
        fh,
        id: { dev: st.dev, ino: st.ino, fingerprint },
        file: real,
        splitter: createLineSplitter({ maxLineBytes: ctx.maxLineBytes, startOffset: offset }),
        lastSize: st.size,
        lastMtimeMs: st.mtimeMs,
        quietSince: ctx.now(),
        growthBytesPerMs: 0,
        rateSize: st.size,
        rateAt: ctx.now(),
        lookedAt: ctx.now(),
      };
    } catch (error) {
      await fh.close().catch(() => {});
      throw error;
    }
  }

  /**
   * Rotated files from the positions file: found again by (dev, ino) + fingerprint, drained from their offset. With
   * `newerGenerations`, a file found as `path.K` is followed by `path.K-1` … `path.1` read from 0: generations that
   * were created and rotated away while we were down (logrotate numbering).
   */
  async function restoreRotated(points: ResumePoint[], newerGenerations = false): Promise<void> {
    for (const point of points) {
      const found = await findSiblingByIdentity(path, point.id);
      if (found && newerGenerations) {
        const k = /^\.(\d+)$/.exec(found.path.slice(path.length));
        if (k) {
          const restored = [point];
          for (let n = Number(k[1]) - 1; n >= 1; n--) {
            const st = await stat(`${path}.${n}`).catch(() => undefined);
            if (st?.isFile())
              restored.push({ id: { dev: st.dev, ino: st.ino, fingerprint: Buffer.alloc(0) }, offset: 0 });
          }
          if (restored.length > 1) {
            await restoreRotated(restored, false);
            continue;
          }
        }
      }
      const candidate = found?.path ?? path;
      try {
        const of = await openAt(candidate, point.offset, point.id);
        if (!of || !fingerprintMatches(point.id.fingerprint, of.id.fingerprint)) {
          if (of) await closeFile(of);
          ctx.onEvent({ type: 'error', path, error: `rotated file (inode ${point.id.ino}) not found: lines lost` });
          continue;
        }
        if (draining.some((d) => sameInode(d.id, of.id))) {
          await closeFile(of);
          continue;
        }
        if (of.lastSize < point.offset) of.splitter.reset(0);
        draining.push(of);
        ctx.onEvent({ type: 'rotated', path, from: describe(of) });
      } catch {
        ctx.onEvent({ type: 'error', path, error: `rotated file (inode ${point.id.ino}) not readable: lines lost` });
      }
    }
  }

  async function restoreFromCopy(point: ResumePoint): Promise<void> {
    counters.truncations++;
    const copy = await findCopySibling(path, point.id, point.id.fingerprint, point.offset);
    const of = copy ? await openAt(copy.path, point.offset).catch(() => undefined) : undefined;
    if (of) {
      draining.push(of);
      ctx.onEvent({ type: 'truncated', path, recoveredBytes: of.lastSize - point.offset, lostBytes: 0, lostLines: 0 });
    } else {
      counters.linesLost++;
      ctx.onEvent({ type: 'truncated', path, recoveredBytes: 0, lostBytes: 0, lostLines: 1 });
    }
  }

  async function openCurrent(): Promise<boolean> {
    let of: OpenFile;
    try {
      of = (await openAt(path, 0))!;
    } catch (error) {
      if (isMissing(error)) reportWaiting();
      else reportError(error);
      return false;
    }
    // Renamed away and back (or a glob name for a file we are draining): take the draining handle back.
    const back = draining.findIndex(
      (d) => sameInode(d.id, of.id) && fingerprintMatches(d.id.fingerprint, of.id.fingerprint),
    );
    if (back >= 0) {
      await closeFile(of);
      current = draining.splice(back, 1)[0];
      current.quietSince = ctx.now();
    } else {
      let offset = 0;
      let midLine = false;
      if (resume) {
        const same = sameInode(resume.id, of.id);
        if (same && fingerprintMatches(resume.id.fingerprint, of.id.fingerprint) && resume.offset <= of.lastSize) {
          offset = resume.offset;
        } else if (same) {
          // Truncated or rewritten in place while we were down (copytruncate): finish from the copy, then this from 0.
          await restoreFromCopy(resume);
        } else {
          // Rotated while we were down: finish the old file first (found again next to this one), then this from 0.
          await restoreRotated([resume], true);
        }
      } else if (firstOpen && !ctx.fromBeginning) {
        ({ offset, midLine } = await lineAlignedEnd(of.fh, of.lastSize));
      }
      of.splitter.reset(offset);
      if (midLine) of.splitter.skipLine();
      current = of;
      ctx.onEvent({ type: 'opened', path, file: of.file, offset });
    }
    resume = undefined;
    idle = undefined;
    state = 'open';
    errorMessage = undefined;
    announcedWaiting = false;
    lastOpenedAt = ctx.now();
    return true;
  }

  /** copytruncate or in-place rewrite: recover the unread rest from the copy if one exists, then restart at 0. */
  async function recoverTruncation(of: OpenFile, newSize: number): Promise<void> {
    counters.truncations++;
    const readTo = of.splitter.offset();
    let recoveredBytes = 0;
    let lostBytes = 0;
    const copy = await findCopySibling(path, of.id, of.id.fingerprint, readTo);
    let recovered = false;
    if (copy) {
      try {
        const fh = await open(copy.path, 'r');
        try {
          recoveredBytes = await readFrom(fh, of.splitter, Number.POSITIVE_INFINITY, copy.size);
          recovered = true;
        } finally {
          await fh.close();
        }
      } catch (error) {
        reportError(error);
      }
    }
    // A line cut by the truncate continues at offset 0 of the new content.
    if (recovered) of.splitter.reset(0, true);
    let lostLines = 0;
    if (!recovered) {
      // Gone for good: what the file had beyond our offset at the last look, plus a partial line (lostBytes, measured).
      lostBytes = Math.max(0, of.lastSize - readTo) + of.splitter.reset(0);
      // What was written between our last look and the truncate was never seen: estimate it as growth rate × time
      // since that look, less what the file already holds again (written after the truncate). At least one line.
      const unseenBytes = Math.max(0, of.growthBytesPerMs * (ctx.now() - of.lookedAt) - newSize);
      lostLines = Math.max(1, Math.round((lostBytes + unseenBytes) / averageLineBytes()));
      counters.bytesLost += lostBytes;
      counters.linesLost += lostLines;
    }
    of.id.fingerprint = Buffer.alloc(0);
    ctx.onEvent({ type: 'truncated', path, recoveredBytes, lostBytes, lostLines });
  }

  /** Check before read: a smaller file or different first bytes on the same inode means it was truncated/rewritten. */
  async function checkCurrent(of: OpenFile): Promise<void> {
    const st = await of.fh.stat();
    const readTo = of.splitter.offset();
    let truncated = st.size < readTo;
    if (!truncated && (st.size !== of.lastSize || st.mtimeMs !== of.lastMtimeMs)) {
      if (of.id.fingerprint.length > 0 || st.size > 0) {
        const head = await readFingerprint(of.fh, ctx.fingerprintBytes, st.size);
        if (!fingerprintMatches(of.id.fingerprint, head) || head.length < Math.min(of.id.fingerprint.length, readTo)) {
          truncated = true;
        } else if (head.length > of.id.fingerprint.length) of.id.fingerprint = head;
      }
    }
    const at = ctx.now();
    if (truncated) {
      await recoverTruncation(of, st.size);
      of.id.fingerprint = await readFingerprint(of.fh, ctx.fingerprintBytes, st.size);
      of.rateSize = st.size;
      of.rateAt = at;
    } else if (at > of.rateAt) {
      // Time-weighted decaying average: a 5 ms interval moves it a little, a quiet second most of the way to 0.
      const weight = Math.exp(-(at - of.rateAt) / GROWTH_RATE_TAU_MS);
      const rate = Math.max(0, st.size - of.rateSize) / (at - of.rateAt);
      of.growthBytesPerMs = weight * of.growthBytesPerMs + (1 - weight) * rate;
      of.rateSize = st.size;
      of.rateAt = at;
    }
    if (st.size > of.lastSize || truncated) of.quietSince = ctx.now();
    of.lastSize = st.size;
    of.lastMtimeMs = st.mtimeMs;
  }

  async function drain(result: TickResult): Promise<void> {
    for (const of of [...draining]) {
      let n = 0;
      try {
        n = await readFrom(of.fh, of.splitter, ctx.maxBytesPerTick);
      } catch (error) {
        reportError(error);
      }
      result.bytes += n;
      if (n > 0) of.quietSince = ctx.now();
      if (n >= ctx.maxBytesPerTick) result.more = true;
      else if (ctx.now() - of.quietSince >= ctx.drainMs) {
        // A line never finished in the rotated file is lost (the writer moved on without its newline).
        countLost(of.splitter.pendingBytes());
        draining.splice(draining.indexOf(of), 1);
        await closeFile(of);
        finished.push({ id: of.id, offset: of.splitter.offset() });
        if (finished.length > 16) finished.shift();
        ctx.onEvent({ type: 'drained', path, file: of.file });
      }
    }
  }

  async function tick(): Promise<TickResult> {
    const result: TickResult = { bytes: 0, more: false };
    if (pendingRotated.length > 0) {
      const points = pendingRotated;
      pendingRotated = [];
      await restoreRotated(points);
    }
    await drain(result);
    const drainingBefore = draining.length;

    let st: Awaited<ReturnType<typeof stat>>;
    try {
      st = await stat(path);
    } catch (error) {
      firstOpen = false;
      if (isMissing(error)) {
        if (current) {
          retire(current);
          current = undefined;
          await drain(result);
        }
        if (idle) idle = undefined;
        gone = draining.length === 0;
        reportWaiting();
      } else reportError(error);
      return result;
    }
    gone = false;
    if (current && !sameInode(st, current.id)) {
      retire(current);
      current = undefined;
    }
    if (!current && idle) {
      // Closed while quiet: reopen only when the file changed.
      if (sameInode(st, idle.id) && st.size === idle.size && st.mtimeMs === idle.mtimeMs) return result;
      resume = { id: idle.id, offset: idle.readTo };
    }
    if (!current) {
      const opened = await openCurrent();
      firstOpen = false;
      if (!opened || !current) {
        await drain(result);
        return result;
      }
    }
    // File order: what the rotated files still hold comes before the new file's first lines.
    if (draining.length > drainingBefore) await drain(result);
    const of: OpenFile = current;
    try {
      await checkCurrent(of);
      const n = await readFrom(of.fh, of.splitter, ctx.maxBytesPerTick);
      of.lookedAt = ctx.now();
      result.bytes += n;
      if (n > 0) of.quietSince = ctx.now();
      if (n >= ctx.maxBytesPerTick) result.more = true;
      if (state === 'error') {
        state = 'open';
        errorMessage = undefined;
      }
    } catch (error) {
      reportError(error);
    }
    return result;
  }

  function entry(source: string, of: OpenFile, rotated: boolean): PositionEntry {
    return {
      source,
      path,
      dev: of.id.dev,
      ino: of.id.ino,
      fingerprint: of.id.fingerprint.toString('base64'),
      offset: of.splitter.committedOffset(),
      ...(rotated ? { rotated: true } : {}),
    };
  }

  return {
    path,
    tick,
    stats() {
      return {
        path,
        log: ctx.log,
        ...(current ? { file: current.file } : {}),
        state,
        ...(errorMessage !== undefined ? { error: errorMessage } : {}),
        offsetBytes: current ? current.splitter.offset() : (idle?.readTo ?? 0),
        sizeBytes: current ? current.lastSize : (idle?.size ?? 0),
        ...counters,
      };
    },
    positions(source) {
      const entries: PositionEntry[] = [];
      if (current) entries.push(entry(source, current, false));
      else if (idle) {
        entries.push({
          source,
          path,
          dev: idle.id.dev,
          ino: idle.id.ino,
          fingerprint: idle.id.fingerprint.toString('base64'),
          offset: idle.readTo,
        });
      } else if (resume) {
        // Not opened yet (missing since we started): keep what the positions file said.
        entries.push({
          source,
          path,
          dev: resume.id.dev,
          ino: resume.id.ino,
          fingerprint: resume.id.fingerprint.toString('base64'),
          offset: resume.offset,
        });
      }
      for (const of of draining) entries.push(entry(source, of, true));
      for (const point of pendingRotated) {
        entries.push({
          source,
          path,
          dev: point.id.dev,
          ino: point.id.ino,
          fingerprint: point.id.fingerprint.toString('base64'),
          offset: point.offset,
          rotated: true,
        });
      }
      return entries;
    },
    async feedStream(chunks) {
      const splitter = createLineSplitter({ maxLineBytes: ctx.maxLineBytes });
      for await (const chunk of chunks) {
        const lines: LogLine[] = [];
        splitter.push(chunk, 0, chunk.length, (text, offset, truncated) => {
          if (truncated) {
            counters.linesTruncated++;
            lines.push({ log: ctx.log, path, text, offset, truncated });
          } else lines.push({ log: ctx.log, path, text, offset });
        });
        counters.bytesRead += chunk.length;
        if (lines.length > 0) {
          counters.linesRead += lines.length;
          ctx.onLines(lines);
        }
      }
      countLost(splitter.pendingBytes());
    },
    async closeIdle() {
      if (!current || draining.length > 0) return;
      const of = current;
      current = undefined;
      idle = { id: of.id, readTo: of.splitter.committedOffset(), size: of.lastSize, mtimeMs: of.lastMtimeMs };
      await closeFile(of);
    },
    idleMs() {
      return ctx.now() - (current ? current.quietSince : lastOpenedAt);
    },
    isGone: () => gone && draining.length === 0,
    knownFiles() {
      const files = finished.map((point) => ({ point, held: false }));
      if (current) files.push({ point: { id: current.id, offset: current.splitter.offset() }, held: true });
      if (idle) files.push({ point: { id: idle.id, offset: idle.readTo }, held: true });
      for (const of of draining) files.push({ point: { id: of.id, offset: of.splitter.offset() }, held: true });
      return files;
    },
    async close() {
      for (const of of draining.splice(0)) await closeFile(of);
      if (current) {
        const of = current;
        // Keep the position for positions() after close.
        idle = { id: of.id, readTo: of.splitter.committedOffset(), size: of.lastSize, mtimeMs: of.lastMtimeMs };
        current = undefined;
        await closeFile(of);
      }
    },
  };
}
