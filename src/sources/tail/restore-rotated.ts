// Restore: finding again the files a follower must still read — rotated files named in the positions file (found by
// (dev, ino) + fingerprint), the copy a copytruncate left while we were down, and logrotate generations that were
// created and rotated away while we were down or between two looks.

import { realpath, stat } from 'node:fs/promises';
import { fingerprintMatches, sameInode } from './file-identity.ts';
import { findCopySibling, findSiblingByIdentity } from './find-sibling.ts';
import { closeFollowedFile, describeFile, type OpenFile, openFollowedFile } from './followed-file.ts';
import type { FollowerState } from './follower-state.ts';
import type { ResumePoint } from './tail-types.ts';

/**
 * `path.K-1` … `path.1`, newest last: with logrotate numbering, the generations newer than the one found at `path.K`.
 * A followed symlink is resolved first: the generations sit next to its target (where findSiblingByIdentity looks).
 */
async function newerGenerations(followed: string, foundAt: string): Promise<{ file: string; point: ResumePoint }[]> {
  const path = await realpath(followed).catch(() => followed);
  const k = foundAt.startsWith(path) ? /^\.(\d+)$/.exec(foundAt.slice(path.length)) : null;
  if (!k) return [];
  const newer: { file: string; point: ResumePoint }[] = [];
  for (let n = Number(k[1]) - 1; n >= 1; n--) {
    const file = `${path}.${n}`;
    const st = await stat(file).catch(() => undefined);
    if (st?.isFile())
      newer.push({ file, point: { id: { dev: st.dev, ino: st.ino, fingerprint: Buffer.alloc(0) }, offset: 0 } });
  }
  return newer;
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
 * Rotated files from the positions file: found again by (dev, ino) + fingerprint, drained from their offset. With
 * `withNewerGenerations`, a file found as `path.K` is followed by `path.K-1` … `path.1` read from 0: generations that
 * were created and rotated away while we were down (logrotate numbering).
 */
export async function restoreRotated(
  state: FollowerState,
  points: ResumePoint[],
  withNewerGenerations = false,
): Promise<void> {
  const { path, ctx } = state;
  for (const point of points) {
    const found = await findSiblingByIdentity(path, point.id);
    if (found && withNewerGenerations) {
      const newer = await newerGenerations(path, found.path);
      if (newer.length > 0) {
        await restoreRotated(state, [point, ...newer.map((g) => g.point)], false);
        continue;
      }
    }
    const candidate = found?.path ?? path;
    try {
      const of = await openFollowedFile(candidate, point.offset, openOptions(state), point.id);
      if (!of || !fingerprintMatches(point.id.fingerprint, of.id.fingerprint)) {
        if (of) await closeFollowedFile(of);
        ctx.onEvent({ type: 'error', path, error: `rotated file (inode ${point.id.ino}) not found: lines lost` });
        continue;
      }
      if (state.draining.some((d) => sameInode(d.id, of.id))) {
        await closeFollowedFile(of);
        continue;
      }
      if (of.lastSize < point.offset) of.splitter.reset(0);
      state.draining.push(of);
      ctx.onEvent({ type: 'rotated', path, from: describeFile(of) });
    } catch {
      ctx.onEvent({ type: 'error', path, error: `rotated file (inode ${point.id.ino}) not readable: lines lost` });
    }
  }
}

/**
 * A rotation seen live: when the file we read is now `path.K` with K > 1, `path.K-1` … `path.1` were created and
 * rotated away between two looks (a burst, or a slow tick): they are read from 0 after it, oldest first.
 */
export async function followSkippedGenerations(state: FollowerState, retired: OpenFile): Promise<void> {
  const found = await findSiblingByIdentity(state.path, retired.id);
  if (!found) return;
  for (const { file, point } of await newerGenerations(state.path, found.path)) {
    if (isKnown(state, point.id)) continue;
    const of = await openFollowedFile(file, 0, openOptions(state), point.id).catch(() => undefined);
    if (!of) continue;
    state.draining.push(of);
    state.counters.rotations++;
    state.ctx.onEvent({ type: 'rotated', path: state.path, from: describeFile(of) });
  }
}

/** The positions' file was truncated or rewritten in place while we were down: finish from the copy, if one exists. */
export async function restoreFromCopy(state: FollowerState, point: ResumePoint): Promise<void> {
  const { path, ctx, counters } = state;
  counters.truncations++;
  const copy = await findCopySibling(path, point.id, point.id.fingerprint, point.offset);
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
