// Tests that run code as an unprivileged user (`nobody`) need that user to reach the Node binary and the sources. A
// checkout under a 0700 directory (root cloning into /root) is out of its reach: then the parts it needs are linked
// (or, across filesystems, copied) into a world-readable temp directory, and the test runs them from there.

import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

export const NOBODY = 65534;
const ROOT = resolve(import.meta.dirname, '../../..');

export interface ReadableRuntime {
  /** The checkout, or its readable copy: the working directory for `node --import tsx src/…`. */
  root: string;
  /** The Node binary the user can execute. */
  node: string;
  /** Set when a copy was made: why, for the test log. */
  copiedBecause?: string;
  /** Removes the copy (nothing for the checkout itself). */
  cleanup(): void;
}

/** True when `uid` can read (and, for `execute`, run) `path`, every directory above it included. */
export function canAccessAs(path: string, uid = NOBODY, execute = false): boolean {
  return spawnSync('test', [execute ? '-x' : '-r', path], { uid, gid: uid, stdio: 'ignore' }).status === 0;
}

/**
 * The Node binary and the checkout's `parts` (paths relative to the checkout, e.g. `src`, `node_modules`), reachable by
 * `uid`. Needs root (the check runs as `uid`). Returns the checkout itself when `uid` already reaches it.
 */
export function readableRuntime(parts: string[], uid = NOBODY): ReadableRuntime {
  const nodeInCheckout = !relative(ROOT, process.execPath).startsWith('..');
  const reachable =
    canAccessAs(process.execPath, uid, true) && parts.every((p) => canAccessAs(join(ROOT, p), uid, false));
  if (reachable) return { root: ROOT, node: process.execPath, cleanup: () => {} };
  const copy = mkdtempSync(join(tmpdir(), 'wsgiwatch-runtime-'));
  chmodSync(copy, 0o755);
  const items = nodeInCheckout ? [...new Set([...parts, relative(ROOT, process.execPath)])] : parts;
  for (const p of items) linkOrCopy(join(ROOT, p), join(copy, p));
  let node = join(copy, relative(ROOT, process.execPath));
  if (!nodeInCheckout) {
    node = join(copy, 'node');
    linkOrCopy(process.execPath, node);
  }
  // No chmod on the copy: its files are hard links, and a mode change would change the checkout's files too.
  if (!canAccessAs(node, uid, true) || !parts.every((p) => canAccessAs(join(copy, p), uid, false))) {
    rmSync(copy, { recursive: true, force: true });
    throw new Error(`uid ${uid} cannot read the runtime copied to ${copy}: are the checkout's files world-readable?`);
  }
  const copiedBecause = `uid ${uid} cannot reach ${ROOT} (a parent directory is not searchable): running from ${copy}`;
  return { root: copy, node, copiedBecause, cleanup: () => rmSync(copy, { recursive: true, force: true }) };
}

function linkOrCopy(from: string, to: string): void {
  spawnSync('mkdir', ['-p', '-m', '755', join(to, '..')]);
  // Hard links cost nothing (node_modules: 13 k files in < 1 s); a temp dir on another filesystem needs a real copy.
  if (spawnSync('cp', ['-al', from, to]).status === 0) return;
  const copied = spawnSync('cp', ['-a', from, to], { encoding: 'utf8' });
  if (copied.status !== 0) throw new Error(`cannot copy ${from} to ${to}: ${copied.stderr}`);
}
