// One open file of a follower: its handle, identity, splitter (where it was read up to) and what its last look saw.

import { type FileHandle, open, realpath } from 'node:fs/promises';
import { type FileIdentity, readFingerprint, sameInode } from './file-identity.ts';
import { createLineSplitter, type LineSplitter } from './line-splitter.ts';

export interface OpenFile {
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

/** Opens `file` to be read from `offset`; with `id`, only if it is still that inode (else undefined). */
export async function openFollowedFile(
  file: string,
  offset: number,
  options: { maxLineBytes: number; fingerprintBytes: number; now: () => number },
  id?: FileIdentity,
): Promise<OpenFile | undefined> {
  const fh = await open(file, 'r');
  try {
    const st = await fh.stat();
    if (id && !sameInode(st, id)) {
      await fh.close();
      return undefined;
    }
    const fingerprint = await readFingerprint(fh, options.fingerprintBytes, st.size);
    const real = await realpath(file).catch(() => file);
    const now = options.now();
    return {
      fh,
      id: { dev: st.dev, ino: st.ino, fingerprint },
      file: real,
      splitter: createLineSplitter({ maxLineBytes: options.maxLineBytes, startOffset: offset }),
      lastSize: st.size,
      lastMtimeMs: st.mtimeMs,
      quietSince: now,
      growthBytesPerMs: 0,
      rateSize: st.size,
      rateAt: now,
      lookedAt: now,
    };
  } catch (error) {
    await fh.close().catch(() => {});
    throw error;
  }
}

export async function closeFollowedFile(of: OpenFile): Promise<void> {
  await of.fh.close().catch(() => {});
}

export function describeFile(of: OpenFile): string {
  return `${of.file} (inode ${of.id.ino})`;
}

/**
 * Offset just after the last `\n` in the file's final 64 KiB: a file first seen mid-line starts at that line. `midLine`:
 * no line start was found (one line longer than 64 KiB), so the bytes up to the next `\n` are a line's tail.
 */
export async function lineAlignedEnd(fh: FileHandle, size: number): Promise<{ offset: number; midLine: boolean }> {
  if (size === 0) return { offset: 0, midLine: false };
  const n = Math.min(size, 65536);
  const buf = Buffer.allocUnsafe(n);
  const { bytesRead } = await fh.read(buf, 0, n, size - n);
  const nl = buf.subarray(0, bytesRead).lastIndexOf(0x0a);
  if (nl >= 0) return { offset: size - n + nl + 1, midLine: false };
  return n === size ? { offset: 0, midLine: false } : { offset: size, midLine: true };
}
