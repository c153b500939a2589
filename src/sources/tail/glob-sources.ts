// Glob sources (rotatelogs-style `access.%Y%m%d.log` → `access.*.log`): the pattern applies to the file name inside
// one directory, listed with readdir and matched with picomatch.

import { readdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import picomatch from 'picomatch';

export interface GlobSource {
  directory: string;
  matches: (name: string) => boolean;
}

/** True when the path's file name holds glob syntax (`*`, `?`, `[…]`, `{…}`). */
export function isGlob(path: string): boolean {
  return picomatch.scan(basename(path)).isGlob;
}

export function compileGlobSource(pattern: string): GlobSource {
  const matcher = picomatch(basename(pattern), { dot: true });
  return { directory: dirname(pattern), matches: (name) => matcher(name) };
}

/** Full paths of the directory's entries that match, sorted; a missing or unreadable directory lists none + the error. */
export async function listGlobMatches(source: GlobSource): Promise<{ paths: string[]; error?: NodeJS.ErrnoException }> {
  try {
    const names = await readdir(source.directory);
    const paths = names
      .filter((n) => source.matches(n))
      .sort()
      .map((n) => join(source.directory, n));
    return { paths };
  } catch (error) {
    return { paths: [], error: error as NodeJS.ErrnoException };
  }
}
