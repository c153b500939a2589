// Finding where a file went in its directory: a rotated file by (dev, ino) + fingerprint (logrotate `create` renames
// access.log to access.log.1), the copy a copytruncate made (same first bytes, larger than what we had read), or the
// gzipped copy of a rotated file (same first bytes once decompressed).

import { open, readdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { type FileIdentity, fingerprintMatches, sameInode } from './file-identity.ts';
import { openLogFile } from './open-log-file.ts';

async function readHead(path: string, bytes: number): Promise<Buffer | undefined> {
  try {
    const fh = await open(path, 'r');
    try {
      const buf = Buffer.alloc(bytes);
      const { bytesRead } = await fh.read(buf, 0, bytes, 0);
      return buf.subarray(0, bytesRead);
    } finally {
      await fh.close();
    }
  } catch {
    return undefined;
  }
}

/**
 * Sibling names, those that start with the followed file's name first (access.log.1 before other.log). A followed
 * symlink is resolved first: kubelet rotates /var/log/pods/…/0.log to 0.log.<time> next to the target, not next to the
 * /var/log/containers link.
 */
async function siblings(followed: string, compressed = false, relatedOnly = false): Promise<string[]> {
  const path = await realpath(followed).catch(() => followed);
  const dir = dirname(path);
  const base = basename(path);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const related = names.filter((n) => n !== base && n.startsWith(base)).sort();
  const others = relatedOnly ? [] : names.filter((n) => n !== base && !n.startsWith(base)).sort();
  return [...related, ...others].filter((n) => n.endsWith('.gz') === compressed).map((n) => join(dir, n));
}

/** The sibling of `path` that is the file `id` (same dev, ino and first bytes), with its size. */
export async function findSiblingByIdentity(
  path: string,
  id: FileIdentity,
): Promise<{ path: string; size: number } | undefined> {
  for (const candidate of await siblings(path)) {
    const st = await stat(candidate).catch(() => undefined);
    if (!st?.isFile() || !sameInode(st, id)) continue;
    const head = await readHead(candidate, Math.max(1, id.fingerprint.length));
    if (head && fingerprintMatches(id.fingerprint, head)) return { path: candidate, size: st.size };
  }
  return undefined;
}

/**
 * The copy a copytruncate left: another inode whose first bytes equal `fingerprint` and which is larger than
 * `minSize` or as large (what we had read from the original). Needs a non-empty fingerprint.
 */
export async function findCopySibling(
  path: string,
  original: { dev: number; ino: number },
  fingerprint: Buffer,
  minSize: number,
): Promise<{ path: string; size: number } | undefined> {
  if (fingerprint.length === 0) return undefined;
  for (const candidate of await siblings(path)) {
    const st = await stat(candidate).catch(() => undefined);
    if (!st?.isFile() || sameInode(st, original) || st.size < minSize) continue;
    const head = await readHead(candidate, fingerprint.length);
    if (head && head.length === fingerprint.length && head.equals(fingerprint)) {
      return { path: candidate, size: st.size };
    }
  }
  return undefined;
}

/** The first `bytes` decompressed bytes of a `.gz` (fewer when it holds fewer); undefined when it cannot be read. */
async function readGzipHead(path: string, bytes: number): Promise<Buffer | undefined> {
  const stream = openLogFile(path);
  const parts: Buffer[] = [];
  let have = 0;
  try {
    for await (const chunk of stream.chunks) {
      parts.push(chunk);
      have += chunk.length;
      if (have >= bytes) break;
    }
    return Buffer.concat(parts).subarray(0, bytes);
  } catch {
    return undefined;
  } finally {
    stream.close();
  }
}

/**
 * The `.gz` sibling of `path` that holds the file `id` compressed: the rotated file was gzipped (a new inode, the old
 * one deleted) while we were not looking — kubelet gzips the previous generation at its next rotation, logrotate
 * `compress` without `delaycompress` at once. Needs a non-empty fingerprint.
 */
export async function findCompressedSibling(path: string, id: FileIdentity): Promise<string | undefined> {
  if (id.fingerprint.length === 0) return undefined;
  // Compressed in place keeps the name (`name.gz`): only names that start with the followed file's are read.
  for (const candidate of await siblings(path, true, true)) {
    const head = await readGzipHead(candidate, id.fingerprint.length);
    if (head !== undefined && head.length === id.fingerprint.length && head.equals(id.fingerprint)) return candidate;
  }
  return undefined;
}
