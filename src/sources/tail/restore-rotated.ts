// Restore: finding again the files a follower must still read — rotated files named in the positions file (found by
// (dev, ino) + fingerprint, or gzipped since: by their decompressed first bytes), the copy a copytruncate left while we
// were down, and generations that were created and rotated away while we were down or between two looks.

import { stat } from 'node:fs/promises';
import { fingerprintMatches, sameInode } from './file-identity.ts';
import { findCompressedSibling, findCopySibling, findSiblingByIdentity } from './find-sibling.ts';
import { closeFollowedFile, describeFile, type OpenFile, openFollowedFile } from './followed-file.ts';
import { type FollowerState, feedChunks } from './follower-state.ts';
import { listRotatedFiles } from './list-rotated-files.ts';
import { openLogFile } from './open-log-file.ts';
import type { ResumePoint } from './tail-types.ts';

/**
 * The generations newer than the one found at `foundAt`, oldest first (list-rotated-files.ts' order: `path.K-1` …
 * `path.1` after `path.K`; later dates after a dated name): created and rotated away while we were not looking.
 */
async function newerGenerations(followed: string, foundAt: string): Promise<string[]> {
  const all = await listRotatedFiles(followed);
  const at = all.indexOf(foundAt);
  return at < 0 ? [] : all.slice(at + 1);
}

function isKnown(state: FollowerState, id: { dev: number; ino: number }): boolean {
  return (
    (state.current !== undefined && sameInode(state.current.id, id)) ||
    state.draining.some((d) => sameInode(d.id, id)) ||
    state.finished.some((f) => sameInode(f.id, id))
  );
}

function openOptions(state: FollowerState) {
  return { maxLineBytes: state.ctx.maxLineBytes, fingerprintBytes: state.ctx.fingerprintBytes, now: state.ctx.now };
}

/**
 * Rotated files from the positions file: found again by (dev, ino) + fingerprint and drained from their offset, or,
 * gzipped since, read from their offset out of the `.gz`. With `withNewerGenerations`, the generations rotated after
 * it (logrotate's `path.K-1` … `path.1`, kubelet's later `0.log.<time>`) follow, read from 0: they were created and
 * rotated away while we were down.
 */
export async function restoreRotated(
  state: FollowerState,
  points: ResumePoint[],
  withNewerGenerations = false,
): Promise<void> {
  for (const point of points) {
    const found = await findSiblingByIdentity(state.path, point.id);
    if (found === undefined && (await restoreCompressed(state, point, withNewerGenerations))) continue;
    await restoreOne(state, point, found?.path ?? state.path);
    if (withNewerGenerations && found !== undefined) await restoreNewerGenerations(state, found.path);
  }
}

/** The point's file gzipped since (its inode gone, or reused): read from its offset out of the `.gz`, then the newer. */
async function restoreCompressed(
  state: FollowerState,
  point: ResumePoint,
  withNewerGenerations: boolean,
): Promise<boolean> {
  const compressed = await findCompressedSibling(state.path, point.id);
  if (compressed === undefined) return false;
  await feedCompressed(state, compressed, point.offset);
  if (withNewerGenerations) await restoreNewerGenerations(state, compressed);
  return true;
}

async function restoreNewerGenerations(state: FollowerState, foundAt: string): Promise<void> {
  for (const file of await newerGenerations(state.path, foundAt)) {
    if (file.endsWith('.gz')) await feedCompressed(state, file, 0);
    else await restoreGeneration(state, file);
  }
}

/** Drains `candidate` from the point's offset, when it is still the file the point names. */
async function restoreOne(state: FollowerState, point: ResumePoint, candidate: string): Promise<void> {
  const { path, ctx } = state;
  try {
    const of = await openFollowedFile(candidate, point.offset, openOptions(state), point.id);
    if (!of || !fingerprintMatches(point.id.fingerprint, of.id.fingerprint)) {
      if (of) await closeFollowedFile(of);
      ctx.onEvent({ type: 'error', path, error: `rotated file (inode ${point.id.ino}) not found: lines lost` });
      return;
    }
    if (state.draining.some((d) => sameInode(d.id, of.id))) {
      await closeFollowedFile(of);
      return;
    }
    if (of.lastSize < point.offset) of.splitter.reset(0);
    state.draining.push(of);
    ctx.onEvent({ type: 'rotated', path, from: describeFile(of) });
  } catch {
    ctx.onEvent({ type: 'error', path, error: `rotated file (inode ${point.id.ino}) not readable: lines lost` });
  }
}

/** A whole generation rotated away while we were not looking: drained from 0 after those before it. */
async function restoreGeneration(state: FollowerState, file: string): Promise<boolean> {
  const st = await stat(file).catch(() => undefined);
  if (!st?.isFile() || isKnown(state, st)) return false;
  const id = { dev: st.dev, ino: st.ino, fingerprint: Buffer.alloc(0) };
  const of = await openFollowedFile(file, 0, openOptions(state), id).catch(() => undefined);
  if (!of) return false;
  state.draining.push(of);
  state.ctx.onEvent({ type: 'rotated', path: state.path, from: describeFile(of) });
  return true;
}

/**
 * A rotated file that was gzipped before we read it to its end: its decompressed bytes from `offset`, handed on now (a
 * `.gz` cannot be drained through a handle), so ahead of any file still queued to drain.
 */
async function feedCompressed(state: FollowerState, file: string, offset: number): Promise<void> {
  const { path, ctx, counters } = state;
  const stream = openLogFile(file);
  try {
    ctx.onEvent({ type: 'rotated', path, from: `${file} (gzipped since)` });
    await feedChunks(state, stream.chunks, offset);
    ctx.onEvent({ type: 'drained', path, file });
  } catch (error) {
    counters.linesLost++;
    ctx.onEvent({ type: 'error', path, error: `${file}: ${(error as Error).message}: lines lost` });
  } finally {
    stream.close();
  }
}

/**
 * A rotation seen live: when the file we read is now `path.K` with K > 1, `path.K-1` … `path.1` were created and
 * rotated away between two looks (a burst, or a slow tick): they are read from 0 after it, oldest first.
 */
export async function followSkippedGenerations(state: FollowerState, retired: OpenFile): Promise<void> {
  const found = await findSiblingByIdentity(state.path, retired.id);
  if (!found) return;
  for (const file of await newerGenerations(state.path, found.path)) {
    // A `.gz` newer than the file still draining cannot be read in order; logrotate's delaycompress keeps `.1` plain.
    if (!file.endsWith('.gz') && (await restoreGeneration(state, file))) state.counters.rotations++;
  }
}

/** The positions' file was truncated or rewritten in place while we were down: finish from the copy, if one exists. */
export async function restoreFromCopy(state: FollowerState, point: ResumePoint): Promise<void> {
  const { path, ctx, counters } = state;
  const copy = await findCopySibling(path, point.id, point.id.fingerprint, point.offset);
  // No copy, but a `.gz` with its first bytes: the file was rotated and gzipped while we were down, and the new file
  // got its freed inode number (kubelet: 0.log.<time> gzipped at the next rotation, a new 0.log created after).
  if (copy === undefined && (await restoreCompressed(state, point, true))) return;
  counters.truncations++;
  const of = copy
    ? await openFollowedFile(copy.path, point.offset, openOptions(state)).catch(() => undefined)
    : undefined;
  if (of) {
    state.draining.push(of);
    ctx.onEvent({ type: 'truncated', path, recoveredBytes: of.lastSize - point.offset, lostBytes: 0, lostLines: 0 });
  } else {
    counters.linesLost++;
    ctx.onEvent({ type: 'truncated', path, recoveredBytes: 0, lostBytes: 0, lostLines: 1 });
  }
}
