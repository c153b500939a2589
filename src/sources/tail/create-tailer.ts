// The tail stage: follows Apache log paths and globs losslessly across rotations and restarts and hands complete lines
// to a synchronous consumer, in file order.

import { stat } from 'node:fs/promises';
import { DEFAULTS } from '../../defaults.ts';
import type { LogKind, LogLine } from '../log-line.ts';
import { createWatchHints, type WatchHints } from './create-watch-hints.ts';
import { createFileFollower, type FileFollower } from './file-follower.ts';
import { identityKey, sameInode } from './file-identity.ts';
import type { FollowerContext } from './follower-state.ts';
import { compileGlobSource, type GlobSource, isGlob, listGlobMatches } from './glob-sources.ts';
import { type PositionEntry, readPositionsFile, writePositionsFile } from './positions-file.ts';
import { readBackfill } from './read-backfill.ts';
import {
  type ResumePoint,
  type TailEvent,
  type TailFileStats,
  type TailSource,
  zeroTailCounters,
} from './tail-types.ts';

export interface TailerOptions {
  sources: TailSource[];
  /** undefined = no persistence. */
  positionsFile?: string;
  /** Files seen for the first time start at 0 instead of their end. Default false. */
  fromBeginning?: boolean;
  /** Read rotated (`.N`, `.N.gz`) files first, oldest first, then the live file from 0. Default false. */
  backfill?: boolean;
  /** Longer lines are cut, flagged `truncated` and counted. Default 65536. */
  maxLineBytes?: number;
  /** Idle poll. Default 200. */
  pollIntervalMs?: number;
  /** How long a rotated file is still read after it went quiet (counted from the rotation's detection). Default 2000. */
  drainMs?: number;
  /** Default 1000. */
  positionsSyncMs?: number;
  /** Bytes at the start of a file that identify it together with (dev, ino). Default 64. */
  fingerprintBytes?: number;
  /** Use fs.watch on the directories as a wake-up hint (polling always runs). Default true. */
  watch?: boolean;
  /** Synchronous batch consumer, called in file order. */
  onLines: (lines: LogLine[]) => void;
  /** State changes only (never per line). */
  onEvent?: (event: TailEvent) => void;
  /** Injectable clock (ms) for intervals: monotonic by default, so a wall-clock jump neither stalls nor rushes them. */
  now?: () => number;
}

export interface Tailer {
  /** Resolves after the first tick: the files found are open and positioned. */
  start(): Promise<void>;
  /** Flushes positions and closes every file (no final read). */
  stop(): Promise<void>;
  /** One tick (check, read, drain, maybe sync positions, that write settled); for tests. */
  pollOnce(): Promise<void>;
  /** Failed positions-file writes so far (each retried at the next sync). */
  positionsWriteErrors(): number;
  stats(): TailFileStats[];
}

// 512 KiB reads, handed on in 128 KiB batches (read-file-lines.ts BATCH_BYTES, which bounds what a scavenge finds alive):
// a quarter of the thread-pool round trips of 128 KiB reads, which left the main thread idle up to 16 % of a profiled
// pipeline bench on a busy VM (< 4 % after).
const READ_BUFFER_BYTES = 1 << 19;
// Per file per tick (fairness between files; every read already yields to the event loop). Each tick starts with a
// stat and an unprefetched read: 2 MiB ticks left the main thread idle ~6% of the pipeline bench, 8 MiB ~3%.
const MAX_BYTES_PER_TICK = 8 << 20;
// Longest idle poll while the directory watch is trusted to wake us (a write, a rotation's rename): the poll is then
// only the safety net, and an idle sidecar wakes about once a second instead of ten times.
const MAX_IDLE_POLL_MS = 1000;
// Reads saved up while quiet (one per poll interval, up to this many): a quiet file's first writes are read as their
// watch events come, and only a steady flow waits, at one read per poll interval (a wake-up costs the same for one line
// as for thousands). A fixed interval after every read made the second of two writes 30 ms apart wait up to 100 ms.
const BURST_READS = 10;
// A read this large (≥ 3,000 lines/s at 100 ms) costs little per line: the next comes after half a poll interval, half
// the wait a line has before it is read, for ≈ 0.05 ms of CPU per 1,000 lines at 20,000 lines/s.
const BIG_READ_BYTES = 64 * 1024;

interface SourceState {
  source: TailSource;
  glob?: GlobSource;
  followers: Map<string, FileFollower>;
  context: FollowerContext;
  /** Entries the positions file had for this source when we started. */
  hadPositions: boolean;
  lastScanAt: number;
  globError?: string;
  announcedWaiting: boolean;
  /** Files of glob followers that went away, so the same inode under a new name resumes instead of restarting. */
  forgotten: ResumePoint[];
}

function waitingStats(path: string, log: LogKind, error?: string): TailFileStats {
  return {
    path,
    log,
    state: error ? 'error' : 'waiting',
    ...(error ? { error } : {}),
    offsetBytes: 0,
    sizeBytes: 0,
    ...zeroTailCounters(),
  };
}

function toResume(entry: PositionEntry): ResumePoint {
  return {
    id: { dev: entry.dev, ino: entry.ino, fingerprint: Buffer.from(entry.fingerprint, 'base64') },
    offset: entry.offset,
  };
}

// biome-ignore lint/complexity/noExcessiveLinesPerFunction: the tick loop, the glob scan, the positions sync and stop share one schedule and one set of followers; the follower, restore and positions parts are their own files.
export function createTailer(options: TailerOptions): Tailer {
  // performance.now(): monotonic. With Date.now a clock set back an hour stopped positions syncs, glob scans and drains
  // for that hour.
  const now = options.now ?? (() => performance.now());
  const pollIntervalMs = options.pollIntervalMs ?? DEFAULTS.tail.pollIntervalMs;
  const positionsSyncMs = options.positionsSyncMs ?? DEFAULTS.tail.positionsSyncMs;
  const userOnEvent = options.onEvent ?? (() => {});
  let positionsDirty = false;
  // A file opened, rotated, drained or truncated changes what a restart must resume: write positions after this tick.
  const onEvent = (event: TailEvent): void => {
    if (event.type !== 'waiting' && event.type !== 'error' && !event.type.startsWith('positions'))
      positionsDirty = true;
    userOnEvent(event);
  };
  const readBuffers = [Buffer.allocUnsafe(READ_BUFFER_BYTES), Buffer.allocUnsafe(READ_BUFFER_BYTES)] as const;
  const sources: SourceState[] = [];
  let initialized: Promise<void> | undefined;
  let chain: Promise<unknown> = Promise.resolve();
  let lastSyncAt = now();
  let positionsWrite: Promise<void> | undefined;
  let lastPositionsError: string | undefined;
  let running = false;
  let timer: NodeJS.Timeout | undefined;
  let idleWait = false;
  let idleDelayMs = pollIntervalMs;
  let wokenDuringTick = false;
  let readTokens = BURST_READS;
  let tokensAt = now();
  let hints: WatchHints | undefined;

  function contextFor(source: TailSource): FollowerContext {
    return {
      log: source.log,
      maxLineBytes: options.maxLineBytes ?? DEFAULTS.tail.maxLineBytes,
      drainMs: options.drainMs ?? 2000,
      fingerprintBytes: options.fingerprintBytes ?? 64,
      fromBeginning: options.fromBeginning ?? false,
      readBuffers,
      maxBytesPerTick: MAX_BYTES_PER_TICK,
      now,
      onLines: options.onLines,
      onEvent,
    };
  }

  function followerFor(state: SourceState, path: string, mode: 'initial' | 'new', entries: PositionEntry[]) {
    const mine = entries.filter((e) => e.path === path);
    const current = mine.find((e) => !e.rotated);
    return createFileFollower(path, state.context, {
      mode,
      ...(current ? { resume: toResume(current) } : {}),
      rotated: mine.filter((e) => e.rotated).map(toResume),
    });
  }

  async function init(): Promise<void> {
    let entries: PositionEntry[] = [];
    if (options.positionsFile) {
      const read = await readPositionsFile(options.positionsFile);
      if (read.ok) entries = read.entries;
      else if (read.reason !== 'missing') {
        onEvent({
          type: 'positions-reset',
          file: options.positionsFile,
          reason: `${read.reason}: ${read.detail}; files start as new`,
        });
      }
    }
    for (const source of options.sources) {
      const mine = entries.filter((e) => e.source === source.path);
      const state: SourceState = {
        source,
        followers: new Map(),
        context: contextFor(source),
        hadPositions: mine.length > 0,
        lastScanAt: Number.NEGATIVE_INFINITY,
        announcedWaiting: false,
        forgotten: [],
      };
      sources.push(state);
      if (isGlob(source.path)) {
        state.glob = compileGlobSource(source.path);
        const { paths } = await listGlobMatches(state.glob);
        // Files the positions know (under their old names) are resumed by the entry's follower, not read again from 0
        // under a new name (`access.log*` now matching access.log.1).
        const claimed = new Set<string>(mine.map((e) => identityKey(e)));
        const entryPaths = new Set(mine.map((e) => e.path));
        for (const path of new Set([...mine.map((e) => e.path), ...paths])) {
          // Two names for one inode (a rotatelogs -L hard link matched too): follow it once.
          const st = await stat(path).catch(() => undefined);
          if (!entryPaths.has(path) && st) {
            if (claimed.has(identityKey(st))) continue;
            claimed.add(identityKey(st));
          }
          // With positions for this glob, a file without an entry appeared while we were down: read it from 0.
          const mode = state.hadPositions && !mine.some((e) => e.path === path) ? 'new' : 'initial';
          state.followers.set(path, followerFor(state, path, mode, mine));
        }
        state.lastScanAt = now();
      } else {
        // Backfill reads the rotated files first, so the live file continues them from 0.
        const backfill = options.backfill === true && mine.length === 0;
        const follower = followerFor(state, source.path, backfill ? 'new' : 'initial', mine);
        state.followers.set(source.path, follower);
        if (backfill) await readBackfill(source.path, (chunks) => follower.feedStream(chunks), onEvent);
      }
    }
  }

  function ensureInit(): Promise<void> {
    initialized ??= init();
    return initialized;
  }

  async function scanGlob(state: SourceState): Promise<void> {
    const glob = state.glob!;
    const { paths, error } = await listGlobMatches(glob);
    state.lastScanAt = now();
    if (error && error.code !== 'ENOENT') {
      if (error.message !== state.globError) {
        state.globError = error.message;
        onEvent({ type: 'error', path: state.source.path, error: error.message });
      }
    } else state.globError = undefined;
    for (const path of paths) {
      if (state.followers.has(path)) continue;
      // A file we already know under another name (`access.log*` matching access.log.1 after a rename): resume it
      // where it was read to, never from 0 — and not while another follower still has it open.
      const st = await stat(path).catch(() => undefined);
      if (!st) continue;
      let known: ResumePoint | undefined;
      let held = false;
      for (const follower of state.followers.values()) {
        for (const file of follower.knownFiles()) {
          if (!sameInode(file.point.id, st)) continue;
          if (file.held) held = true;
          else known = file.point;
        }
      }
      if (held) continue;
      known ??= state.forgotten.find((p) => sameInode(p.id, st));
      state.followers.set(
        path,
        createFileFollower(path, state.context, { mode: 'new', ...(known ? { resume: known } : {}) }),
      );
    }
    if (paths.length === 0 && state.followers.size === 0 && !state.announcedWaiting) {
      state.announcedWaiting = true;
      onEvent({ type: 'waiting', path: state.source.path });
    }
    if (paths.length > 0) state.announcedWaiting = false;
  }

  async function tickAll(): Promise<{ bytes: number; more: boolean }> {
    await ensureInit();
    const total = { bytes: 0, more: false };
    for (const state of sources) {
      if (state.glob && now() - state.lastScanAt >= pollIntervalMs) await scanGlob(state);
      for (const follower of state.followers.values()) {
        const r = await follower.tick();
        total.bytes += r.bytes;
        total.more ||= r.more;
      }
      if (state.glob) await tidyGlob(state);
    }
    // In the background: an fsync stalled by a busy disk must not stop the reading (one write in flight at a time).
    if (options.positionsFile && !positionsWrite && (positionsDirty || now() - lastSyncAt >= positionsSyncMs)) {
      positionsWrite = syncPositions().finally(() => {
        positionsWrite = undefined;
      });
    }
    return total;
  }

  /** Glob files: forget the vanished ones, close the quiet ones that are not the newest (rotatelogs' old periods). */
  async function tidyGlob(state: SourceState): Promise<void> {
    const drainMs = state.context.drainMs;
    const newest = [...state.followers.keys()].sort().at(-1);
    for (const [path, follower] of state.followers) {
      if (follower.isGone()) {
        state.forgotten.push(...follower.knownFiles().map((f) => f.point));
        state.forgotten.splice(0, Math.max(0, state.forgotten.length - 64));
        await follower.close();
        state.followers.delete(path);
      } else if (path !== newest && follower.idleMs() >= drainMs) await follower.closeIdle();
    }
  }

  function positionEntries(): PositionEntry[] {
    const entries: PositionEntry[] = [];
    for (const state of sources) {
      for (const follower of state.followers.values()) entries.push(...follower.positions(state.source.path));
    }
    return entries;
  }

  let positionsWriteErrors = 0;
  /** The entries last written: an idle tailer's positions do not change, and the write (two fsyncs) is skipped. */
  let writtenEntries: string | undefined;
  async function syncPositions(): Promise<void> {
    if (!options.positionsFile) return;
    lastSyncAt = now();
    positionsDirty = false;
    const entries = positionEntries();
    const key = JSON.stringify(entries);
    if (key === writtenEntries) return;
    try {
      await writePositionsFile(options.positionsFile, entries, Date.now());
      writtenEntries = key;
      if (lastPositionsError !== undefined) onEvent({ type: 'positions-recovered', file: options.positionsFile });
      lastPositionsError = undefined;
    } catch (error) {
      positionsWriteErrors++;
      const message = (error as Error).message;
      if (message !== lastPositionsError) {
        lastPositionsError = message;
        onEvent({ type: 'positions-error', file: options.positionsFile, error: message });
      }
    }
  }

  /** Runs `task` after everything queued before it: ticks, stop and pollOnce never overlap. */
  function serialized<T>(task: () => Promise<T>): Promise<T> {
    const next = chain.then(task, task);
    chain = next.catch(() => {});
    return next;
  }

  function schedule(delayMs: number, idle: boolean): void {
    if (!running) return;
    idleWait = idle;
    if (delayMs === 0) {
      // setTimeout(0) waits ≥ 1 ms; a catch-up of many budget-sized ticks should not.
      timer = undefined;
      setImmediate(loop);
    } else timer = setTimeout(loop, delayMs);
  }

  async function loop(): Promise<void> {
    timer = undefined;
    idleWait = false;
    if (!running) return;
    let result = { bytes: 0, more: false };
    try {
      result = await serialized(tickAll);
    } catch (error) {
      onEvent({ type: 'error', path: '', error: `tail tick failed: ${(error as Error).message}` });
    }
    const woken = wokenDuringTick;
    wokenDuringTick = false;
    const tokens = result.bytes > 0 && !result.more ? spendReadToken() : 0;
    hints?.afterTick(result.more ? 1 : result.bytes, tokens >= 1);
    if (woken && !result.more && (result.bytes === 0 || tokens >= 1)) {
      schedule(0, false);
    } else if (result.more) {
      // A tick stops at its budget: again at once.
      idleDelayMs = pollIntervalMs;
      schedule(0, false);
    } else if (result.bytes > 0 && tokens >= 1 && hints?.armed()) {
      // Reads saved up: the next write's watch event reads it at once; the poll interval is the safety net.
      idleDelayMs = pollIntervalMs;
      schedule(pollIntervalMs, true);
    } else if (result.bytes > 0) {
      // Data keeps coming: the next read when the next token is due (≤ one poll interval), whatever the writer's pace;
      // the lines written meanwhile are read in one go, and the watch stays off meanwhile.
      idleDelayMs = pollIntervalMs;
      const interval = result.bytes >= BIG_READ_BYTES ? pollIntervalMs / 2 : pollIntervalMs;
      schedule(Math.max(1, Math.ceil((1 - tokens) * interval)), false);
    } else {
      // Nothing new: the watch (when armed and trusted) wakes us on the next write, so the safety-net poll backs off.
      if (!hints?.trusted()) idleDelayMs = pollIntervalMs;
      schedule(idleDelayMs, true);
      idleDelayMs = Math.min(idleDelayMs * 2, Math.max(pollIntervalMs, MAX_IDLE_POLL_MS));
    }
  }

  /** Takes the token of the read just done; returns the tokens left (< 1: the next read waits for one). */
  function spendReadToken(): number {
    const at = now();
    readTokens = Math.max(0, Math.min(BURST_READS, readTokens + (at - tokensAt) / pollIntervalMs) - 1);
    tokensAt = at;
    return readTokens;
  }

  function wake(): boolean {
    if (!running) return false;
    if (!idleWait || !timer) {
      // A change while a tick runs may come after its stat: the tick after it runs at once instead of after the
      // (backed-off) idle wait.
      if (timer === undefined) wokenDuringTick = true;
      return false;
    }
    clearTimeout(timer);
    schedule(0, false);
    return true;
  }

  return {
    async start() {
      await serialized(ensureInit);
      if (running) return;
      running = true;
      if (options.watch ?? true)
        hints = createWatchHints(
          options.sources.map((s) => s.path),
          wake,
        );
      // The first tick before resolving: files seen now are positioned (their end, unless fromBeginning) when start()
      // returns, so a line written after the agent says ready is never taken for old data and skipped.
      await loop();
    },
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      timer = undefined;
      hints?.close();
      hints = undefined;
      await serialized(async () => {
        if (!initialized) return;
        await initialized;
        await positionsWrite;
        await syncPositions();
        for (const state of sources) for (const follower of state.followers.values()) await follower.close();
      });
    },
    pollOnce: async () => {
      await serialized(tickAll);
      // Deterministic for tests: the tick's positions write (in the background when live) has settled too.
      await positionsWrite;
    },
    positionsWriteErrors: () => positionsWriteErrors,
    stats() {
      const out: TailFileStats[] = [];
      if (sources.length < options.sources.length) {
        // Not started yet: every configured source is waiting.
        return options.sources.map((s) => waitingStats(s.path, s.log));
      }
      for (const state of sources) {
        if (state.followers.size === 0) {
          out.push(waitingStats(state.source.path, state.source.log, state.globError));
        }
        for (const follower of state.followers.values()) out.push(follower.stats());
      }
      return out;
    },
  };
}
