// Which file a handle or a path is: (dev, ino) plus a fingerprint of its first bytes, so a reused inode number or a
// file rewritten in place is not mistaken for the one we were reading.

import { readSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';

export interface FileIdentity {
  dev: number;
  ino: number;
  /** The first min(size, fingerprintBytes) bytes; shorter while the file is still smaller than that. */
  fingerprint: Buffer;
}

export function sameInode(a: { dev: number; ino: number }, b: { dev: number; ino: number }): boolean {
  return a.dev === b.dev && a.ino === b.ino;
}

export function identityKey(id: { dev: number; ino: number }): string {
  return `${id.dev}:${id.ino}`;
}

/**
 * True when `head` (the file's first bytes now) agrees with the remembered fingerprint over the bytes both have.
 * An empty fingerprint agrees with anything: only the size check can tell then.
 */
export function fingerprintMatches(remembered: Buffer, head: Buffer): boolean {
  const n = Math.min(remembered.length, head.length);
  if (head.length === 0) return remembered.length === 0;
  return remembered.compare(head, 0, n, 0, n) === 0;
}

/** readFingerprint with a blocking read: a live tick's check of a page-cached file, without a thread-pool round trip. */
export function readFingerprintSync(fd: number, fingerprintBytes: number, size: number): Buffer {
  const n = Math.min(size, fingerprintBytes);
  if (n <= 0) return Buffer.alloc(0);
  const buf = Buffer.alloc(n);
  const bytesRead = readSync(fd, buf, 0, n, 0);
  return bytesRead === n ? buf : buf.subarray(0, bytesRead);
}

/** Reads the first min(size, fingerprintBytes) bytes through an open handle. */
export async function readFingerprint(fh: FileHandle, fingerprintBytes: number, size: number): Promise<Buffer> {
  const n = Math.min(size, fingerprintBytes);
  if (n <= 0) return Buffer.alloc(0);
  const buf = Buffer.alloc(n);
  const { bytesRead } = await fh.read(buf, 0, n, 0);
  return bytesRead === n ? buf : buf.subarray(0, bytesRead);
}
