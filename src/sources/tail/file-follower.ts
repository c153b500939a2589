// Follows one path by name and by inode (`tail -F`): reads the current file through a kept FileHandle, drains rotated
// files through their old handles until quiet, checks for copytruncate / in-place replacement BEFORE reading, and
// remembers where each file was read up to. Restore (restore-rotated.ts), the truncation check (check-truncation.ts),
// the read loop (read-file-lines.ts) and positions (follower-positions.ts) work on the state kept here.

import { type Stats, statSync } from 'node:fs';
import { checkTruncation } from './check-truncation.ts';
import { fingerprintMatches, sameInode } from './file-identity.ts';
import { closeFollowedFile, describeFile, lineAlignedEnd, type OpenFile, openFollowedFile } from './followed-file.ts';
import { followerKnownFiles, followerPositions } from './follower-positions.ts';
import { countLost, type FollowerContext, type FollowerState, feedChunks } from './follower-state.ts';
import type { PositionEntry } from './positions-file.ts';
import { readFileLines, readNewLinesSync } from './read-file-lines.ts';
import { followSkippedGenerations, restoreFromCopy, restoreRotated } from './restore-rotated.ts';
import { type ResumePoint, type TailCounters, type TailFileStats, zeroTailCounters } from './tail-types.ts';

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

/**
 * Up to this many new bytes, a tick reads them (and stats and checks the file) with blocking calls: what a live tail
 * finds in one poll interval at up to ≈ 20,000 lines a second (a page-cached MiB in ≈ 0.2 ms). Each thread-pool call
 * costs a wake-up of the event loop, and on a loaded machine a wait for a core; a catch-up's large reads stay
 * asynchronous, one read ahead.
 */
const SYNC_READ_BYTES = 1024 * 1024;

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

// biome-ignore lint/complexity/noExcessiveLinesPerFunction: one file handle, offset, identity and counters shared by open, read, rotate and truncate; the read loop, restore and truncation check are their own files.
export function createFileFollower(path: string, ctx: FollowerContext, start: FollowerStart): FileFollower {
  let firstOpen = start.mode === 'initial';
  let status: TailFileStats['state'] = 'waiting';
  let errorMessage: string | undefined;
  let announcedWaiting = false;
  let lastOpenedAt = ctx.now();
  let gone = false;
  const counters: TailCounters = zeroTailCounters();
  const state: FollowerState = {
    path,
    ctx,
    sink: { log: ctx.log, path, buffers: ctx.readBuffers, onLines: ctx.onLines, counters },
    counters,
    draining: [],
    resume: start.resume,
    pendingRotated: start.rotated ?? [],
    finished: [],
    reportError(error) {
      counters.readErrors++;
      const message = (error as Error).message ?? String(error);
      status = 'error';
      if (message !== errorMessage) {
        errorMessage = message;
        ctx.onEvent({ type: 'error', path, error: message });
      }
    },
  };
  const { draining } = state;
  const openOptions = { maxLineBytes: ctx.maxLineBytes, fingerprintBytes: ctx.fingerprintBytes, now: ctx.now };

  function reportWaiting(): void {
    status = 'waiting';
    errorMessage = undefined;
    if (!announcedWaiting) {
      announcedWaiting = true;
      ctx.onEvent({ type: 'waiting', path });
    }
  }

  function retire(of: OpenFile): void {
    of.quietSince = ctx.now();
    draining.push(of);
    counters.rotations++;
    ctx.onEvent({ type: 'rotated', path, from: describeFile(of) });
  }

  /** Opens the file now at `path`: where the positions said, at its end (first sight), or from 0. */
  async function openCurrent(): Promise<boolean> {
    let of: OpenFile;
    try {
      of = (await openFollowedFile(path, 0, openOptions))!;
    } catch (error) {
      if (isMissing(error)) reportWaiting();
      else state.reportError(error);
      return false;
    }
    // Renamed away and back (or a glob name for a file we are draining): take the draining handle back.
    const back = draining.findIndex(
      (d) => sameInode(d.id, of.id) && fingerprintMatches(d.id.fingerprint, of.id.fingerprint),
    );
    if (back >= 0) {
      await closeFollowedFile(of);
      state.current = draining.splice(back, 1)[0];
      state.current.quietSince = ctx.now();
    } else {
      let offset = 0;
      let midLine = false;
      const resume = state.resume;
      if (resume) {
        const same = sameInode(resume.id, of.id);
        if (same && fingerprintMatches(resume.id.fingerprint, of.id.fingerprint) && resume.offset <= of.lastSize) {
          offset = resume.offset;
        } else if (same) {
          // Truncated or rewritten in place while we were down (copytruncate): finish from the copy, then this from 0.
          await restoreFromCopy(state, resume);
        } else {
          // Rotated while we were down: finish the old file first (found again next to this one), then this from 0.
          await restoreRotated(state, [resume], true);
        }
      } else if (firstOpen && !ctx.fromBeginning) {
        ({ offset, midLine } = await lineAlignedEnd(of.fh, of.lastSize));
      }
      of.splitter.reset(offset);
      if (midLine) of.splitter.skipLine();
      state.current = of;
      ctx.onEvent({ type: 'opened', path, file: of.file, offset });
    }
    state.resume = undefined;
    state.idle = undefined;
    status = 'open';
    errorMessage = undefined;
    announcedWaiting = false;
    lastOpenedAt = ctx.now();
    return true;
  }

  async function drain(result: TickResult): Promise<void> {
    for (const of of [...draining]) {
      let n = 0;
      try {
        n = await readFileLines(of.fh, of.splitter, state.sink, ctx.maxBytesPerTick);
      } catch (error) {
        state.reportError(error);
      }
      result.bytes += n;
      if (n > 0) of.quietSince = ctx.now();
      if (n >= ctx.maxBytesPerTick) result.more = true;
      else if (ctx.now() - of.quietSince >= ctx.drainMs) {
        // A line never finished in the rotated file is lost (the writer moved on without its newline).
        countLost(counters, of.splitter.pendingBytes());
        draining.splice(draining.indexOf(of), 1);
        await closeFollowedFile(of);
        state.finished.push({ id: of.id, offset: of.splitter.offset() });
        if (state.finished.length > 16) state.finished.shift();
        ctx.onEvent({ type: 'drained', path, file: of.file });
      }
    }
  }

  /** Moves the current file to the draining ones (it was renamed or deleted), with generations it skipped. */
  async function retireCurrent(): Promise<void> {
    const of = state.current as OpenFile;
    retire(of);
    state.current = undefined;
    await followSkippedGenerations(state, of);
  }

  async function tick(): Promise<TickResult> {
    const result: TickResult = { bytes: 0, more: false };
    if (state.pendingRotated.length > 0) {
      const points = state.pendingRotated;
      state.pendingRotated = [];
      await restoreRotated(state, points);
    }
    await drain(result);
    const drainingBefore = draining.length;

    let st: Stats;
    try {
      // Blocking: a local stat takes microseconds, a thread-pool round trip costs a wake-up.
      st = statSync(path);
    } catch (error) {
      firstOpen = false;
      if (isMissing(error)) {
        if (state.current) {
          await retireCurrent();
          await drain(result);
        }
        state.idle = undefined;
        gone = draining.length === 0;
        reportWaiting();
      } else state.reportError(error);
      return result;
    }
    gone = false;
    if (state.current && !sameInode(st, state.current.id)) await retireCurrent();
    const idle = state.idle;
    if (!state.current && idle) {
      // Closed while quiet: reopen only when the file changed.
      if (sameInode(st, idle.id) && st.size === idle.size && st.mtimeMs === idle.mtimeMs) return result;
      state.resume = { id: idle.id, offset: idle.readTo };
    }
    // A file opened in this tick is checked through its handle: `st` predates the open.
    let pathStat: typeof st | undefined = st;
    if (!state.current) {
      pathStat = undefined;
      const opened = await openCurrent();
      firstOpen = false;
      if (!opened || !state.current) {
        await drain(result);
        return result;
      }
    }
    // File order: what the rotated files still hold comes before the new file's first lines.
    if (draining.length > drainingBefore) await drain(result);
    const of: OpenFile = state.current;
    try {
      await checkTruncation(state, of, pathStat);
      // Nothing new since the read that reached the end (the common idle tick): no read at all.
      const unread = of.lastSize - of.splitter.offset();
      const n =
        unread <= 0
          ? 0
          : pathStat && unread <= SYNC_READ_BYTES
            ? readNewLinesSync(of.fh.fd, of.splitter, state.sink, of.lastSize)
            : await readFileLines(of.fh, of.splitter, state.sink, ctx.maxBytesPerTick);
      of.lookedAt = ctx.now();
      result.bytes += n;
      if (n > 0) of.quietSince = ctx.now();
      if (n >= ctx.maxBytesPerTick) result.more = true;
      if (status === 'error') {
        status = 'open';
        errorMessage = undefined;
      }
    } catch (error) {
      state.reportError(error);
    }
    return result;
  }

  /** Closes the current file, keeping where it was read up to (positions after close, reopen when it changes). */
  async function parkCurrent(): Promise<void> {
    const of = state.current as OpenFile;
    state.idle = { id: of.id, readTo: of.splitter.committedOffset(), size: of.lastSize, mtimeMs: of.lastMtimeMs };
    state.current = undefined;
    await closeFollowedFile(of);
  }

  return {
    path,
    tick,
    stats() {
      const { current, idle } = state;
      return {
        path,
        log: ctx.log,
        ...(current ? { file: current.file } : {}),
        state: status,
        ...(errorMessage !== undefined ? { error: errorMessage } : {}),
        offsetBytes: current ? current.splitter.offset() : (idle?.readTo ?? 0),
        sizeBytes: current ? current.lastSize : (idle?.size ?? 0),
        ...counters,
      };
    },
    positions: (source) => followerPositions(state, source),
    feedStream: (chunks) => feedChunks(state, chunks),
    async closeIdle() {
      if (!state.current || draining.length > 0) return;
      await parkCurrent();
    },
    idleMs() {
      return ctx.now() - (state.current ? state.current.quietSince : lastOpenedAt);
    },
    isGone: () => gone && draining.length === 0,
    knownFiles: () => followerKnownFiles(state),
    async close() {
      for (const of of draining.splice(0)) await closeFollowedFile(of);
      if (state.current) await parkCurrent();
    },
  };
}
