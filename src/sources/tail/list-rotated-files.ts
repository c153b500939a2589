// The one rule for a log's rotated generations, read by the tailer's backfill and by `analyse`: logrotate's numbered
// names `name.N` / `name.N.gz` (higher N is older; delaycompress leaves `.1` plain), its dateext names
// `name-YYYYMMDD` / `name-YYYYMMDD.gz`, and kubelet's container-log names `0.log.YYYYMMDD-HHMMSS` / `….gz`
// (Go layout 20060102-150405; kubelet gzips all but the newest).

import { readdir, realpath } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

const GENERATION = /^(?:\.(\d+)|-(\d{8})|\.(\d{8}-\d{6}))(?:\.gz)?$/;
const ROTATED_NAME = /(?:\.\d+|-\d{8}|\.\d{8}-\d{6})(?:\.gz)?$|\.gz$/;

/** A name that is itself a rotated generation (or a compressed log): it has no generations of its own. */
export function isRotatedName(path: string): boolean {
  return ROTATED_NAME.test(basename(path));
}

/**
 * Rotated generations of `path`, oldest first: dated names (dateext, kubelet) by date, then numbered ones from the
 * highest N. A symlink's generations are next to its target (/var/log/containers links into /var/log/pods).
 */
export async function listRotatedFiles(followed: string): Promise<string[]> {
  const path = await realpath(followed).catch(() => followed);
  const base = basename(path);
  let names: string[];
  try {
    names = await readdir(dirname(path));
  } catch {
    return [];
  }
  const numbered: { n: number; name: string }[] = [];
  const dated: string[] = [];
  for (const name of names) {
    if (!name.startsWith(base) || name === base) continue;
    const match = GENERATION.exec(name.slice(base.length));
    if (match === null) continue;
    if (match[1] !== undefined) numbered.push({ n: Number(match[1]), name });
    else dated.push(name);
  }
  numbered.sort((a, b) => b.n - a.n);
  return [...dated.sort(), ...numbered.map((r) => r.name)].map((name) => join(dirname(path), name));
}
