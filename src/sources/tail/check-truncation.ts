// Before each read of the current file: a smaller size, or different first bytes on the same inode, means it was
// truncated (copytruncate) or rewritten in place. The unread rest is recovered from the copy when there is one, else
// counted as lost; reading restarts at 0.

import { open } from 'node:fs/promises';
import { fingerprintMatches, readFingerprint, readFingerprintSync } from './file-identity.ts';
import { findCopySibling } from './find-sibling.ts';
import type { OpenFile } from './followed-file.ts';
import { averageLineBytes, type FollowerState } from './follower-state.ts';
import { readFileLines } from './read-file-lines.ts';

/** Time constant of the growth-rate average: intervals without growth pull it down within a few seconds. */
const GROWTH_RATE_TAU_MS = 1000;

/** copytruncate or in-place rewrite: recover the unread rest from the copy if one exists, then restart at 0. */
async function recoverTruncation(state: FollowerState, of: OpenFile, newSize: number): Promise<void> {
  const { path, ctx, counters } = state;
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
        recoveredBytes = await readFileLines(fh, of.splitter, state.sink, Number.POSITIVE_INFINITY, copy.size);
        recovered = true;
      } finally {
        await fh.close();
      }
    } catch (error) {
      state.reportError(error);
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
    lostLines = Math.max(1, Math.round((lostBytes + unseenBytes) / averageLineBytes(counters)));
    counters.bytesLost += lostBytes;
    counters.linesLost += lostLines;
  }
  of.id.fingerprint = Buffer.alloc(0);
  ctx.onEvent({ type: 'truncated', path, recoveredBytes, lostBytes, lostLines });
}

/**
 * Checks the current file before a read and updates what its last look saw (size, growth rate). `pathStat`: the path's
 * stat of this tick when it is this file (saves an fstat).
 */
export async function checkTruncation(
  state: FollowerState,
  of: OpenFile,
  pathStat?: { size: number; mtimeMs: number },
): Promise<void> {
  const { ctx } = state;
  const st = pathStat ?? (await of.fh.stat());
  const readTo = of.splitter.offset();
  let truncated = st.size < readTo;
  if (!truncated && (st.size !== of.lastSize || st.mtimeMs !== of.lastMtimeMs)) {
    if (of.id.fingerprint.length > 0 || st.size > 0) {
      // The path's stat came from a live tick's blocking stat: its check stays on the same footing.
      const head = pathStat
        ? readFingerprintSync(of.fh.fd, ctx.fingerprintBytes, st.size)
        : await readFingerprint(of.fh, ctx.fingerprintBytes, st.size);
      if (!fingerprintMatches(of.id.fingerprint, head) || head.length < Math.min(of.id.fingerprint.length, readTo)) {
        truncated = true;
      } else if (head.length > of.id.fingerprint.length) of.id.fingerprint = head;
    }
  }
  const at = ctx.now();
  if (truncated) {
    await recoverTruncation(state, of, st.size);
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
