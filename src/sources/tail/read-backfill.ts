// Backfill: before following a live file from 0, read its rotated predecessors oldest first — logrotate's numeric
// names `access.log.N` and `access.log.N.gz` (delaycompress leaves `.1` plain), gunzipped with node:zlib streams.

import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { createGunzip } from 'node:zlib';
import type { TailEvent } from './tail-types.ts';

/** Rotated siblings of `path`, oldest (highest N) first. */
export async function listRotatedFiles(path: string): Promise<string[]> {
  const base = basename(path);
  let names: string[];
  try {
    names = await readdir(dirname(path));
  } catch {
    return [];
  }
  const rotated: { n: number; name: string }[] = [];
  for (const name of names) {
    if (!name.startsWith(`${base}.`)) continue;
    const match = /^(\d+)(\.gz)?$/.exec(name.slice(base.length + 1));
    if (match) rotated.push({ n: Number(match[1]), name });
  }
  rotated.sort((a, b) => b.n - a.n);
  return rotated.map((r) => join(dirname(path), r.name));
}

/** Feeds each rotated file's bytes (decompressed) to `consume`, oldest first; a broken file is reported and skipped. */
export async function readBackfill(
  path: string,
  consume: (chunks: AsyncIterable<Buffer>) => Promise<void>,
  onEvent: (event: TailEvent) => void,
): Promise<void> {
  for (const file of await listRotatedFiles(path)) {
    const raw = createReadStream(file, { highWaterMark: 1 << 20 });
    let stream: NodeJS.ReadableStream = raw;
    if (file.endsWith('.gz')) {
      const gunzip = createGunzip();
      // pipe() does not forward a read error (EACCES, EISDIR): without this the gunzip stream never ends.
      raw.on('error', (error) => gunzip.destroy(error));
      stream = raw.pipe(gunzip);
    }
    try {
      await consume(stream as AsyncIterable<Buffer>);
    } catch (error) {
      onEvent({ type: 'error', path, error: `backfill of ${file}: ${(error as Error).message}` });
    } finally {
      raw.destroy();
    }
  }
}
