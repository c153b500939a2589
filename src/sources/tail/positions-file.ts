// The tailer's positions file: where each followed file was read up to (offset of the last complete line), written
// atomically (temp file + fsync + rename, then the directory fsynced) so a crash leaves either the old or the new
// version, never a torn one.

import { closeSync, fsync, mkdirSync, openSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { promisify } from 'node:util';

export const POSITIONS_VERSION = 1;

const fsyncAsync = promisify(fsync);

export interface PositionEntry {
  /** The configured source (path or glob) the file belongs to. */
  source: string;
  /** The followed path (the configured path, or the matched file for a glob). */
  path: string;
  dev: number;
  ino: number;
  /** First bytes of the file, base64. */
  fingerprint: string;
  /** Offset just after the last complete line handed to onLines. */
  offset: number;
  /** True for a rotated file still being drained (its current name may differ from `path`). */
  rotated?: boolean;
}

export type PositionsRead =
  | { ok: true; entries: PositionEntry[] }
  | { ok: false; reason: 'missing' | 'corrupt' | 'unknown-version' | 'unreadable'; detail: string };

function isEntry(value: unknown): value is PositionEntry {
  if (typeof value !== 'object' || value === null) return false;
  const e = value as Record<string, unknown>;
  return (
    typeof e.source === 'string' &&
    typeof e.path === 'string' &&
    Number.isSafeInteger(e.dev) &&
    Number.isSafeInteger(e.ino) &&
    typeof e.fingerprint === 'string' &&
    Number.isSafeInteger(e.offset) &&
    (e.offset as number) >= 0 &&
    (e.rotated === undefined || typeof e.rotated === 'boolean')
  );
}

/** Parses the positions file text; never throws. */
export function parsePositions(text: string): PositionsRead {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: 'corrupt', detail: `not JSON: ${(error as Error).message}` };
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    return { ok: false, reason: 'corrupt', detail: 'not a JSON object' };
  }
  const { version, files } = doc as { version?: unknown; files?: unknown };
  if (version !== POSITIONS_VERSION) {
    return {
      ok: false,
      reason: 'unknown-version',
      detail: `version ${JSON.stringify(version)}, expected ${POSITIONS_VERSION}`,
    };
  }
  if (!Array.isArray(files) || !files.every(isEntry)) {
    return {
      ok: false,
      reason: 'corrupt',
      detail: 'files is not a list of {source, path, dev, ino, fingerprint, offset}',
    };
  }
  return { ok: true, entries: files };
}

/** `savedAtMs`: when the entries were taken (informational: how old the positions are after a crash). */
export function formatPositions(entries: PositionEntry[], savedAtMs?: number): string {
  return `${JSON.stringify({ version: POSITIONS_VERSION, ...(savedAtMs !== undefined ? { savedAtMs } : {}), files: entries }, null, 1)}\n`;
}

export async function readPositionsFile(file: string): Promise<PositionsRead> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, reason: 'missing', detail: 'no positions file yet' };
    return { ok: false, reason: 'unreadable', detail: (error as Error).message };
  }
  return parsePositions(text);
}

/** The default `.wsgiwatch/positions.json` lives in a directory nothing else creates: make it on the first write. */
function openCreatingDirectory(temp: string): number {
  try {
    return openSync(temp, 'w', 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    mkdirSync(dirname(temp), { recursive: true, mode: 0o755 });
    return openSync(temp, 'w', 0o644);
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone, or the directory went read-only: the caller reports the write's own error
  }
}

/**
 * Writes temp + fsync + rename; throws the I/O error (EROFS, ENOSPC, EACCES) for the caller to report and retry. The
 * page-cache steps (open, write, close, rename) block for microseconds; only the two fsyncs, which a busy disk can
 * stall, go to the thread pool. Each thread-pool call wakes the event loop once: eight a second while lines flow
 * cost a sidecar reading 200 lines/s about a quarter of its CPU.
 */
export async function writePositionsFile(file: string, entries: PositionEntry[], savedAtMs?: number): Promise<void> {
  const temp = `${file}.tmp-${process.pid}`;
  const fd = openCreatingDirectory(temp);
  try {
    writeFileSync(fd, formatPositions(entries, savedAtMs));
    await fsyncAsync(fd);
  } catch (error) {
    closeQuietly(fd);
    removeQuietly(temp);
    throw error;
  }
  closeSync(fd);
  try {
    renameSync(temp, file);
  } catch (error) {
    removeQuietly(temp);
    throw error;
  }
  await syncDirectory(dirname(file));
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // EBADF/EIO on close: nothing left to do with this descriptor
  }
}

/**
 * The rename is atomic, but only durable across a power loss once the directory entry is on disk (as Prometheus'
 * fileutil.Replace does). Best effort: some filesystems cannot fsync a directory, and the file itself is already synced.
 */
async function syncDirectory(dir: string): Promise<void> {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    await fsyncAsync(fd);
  } catch {
    // EINVAL / EISDIR / EACCES on filesystems or mounts that do not allow it: the write itself succeeded
  } finally {
    if (fd !== undefined) closeQuietly(fd);
  }
}
