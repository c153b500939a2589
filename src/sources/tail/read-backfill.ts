// Backfill: before following a live file from 0, read its rotated generations oldest first (list-rotated-files.ts),
// gunzipped when compressed.

import { listRotatedFiles } from './list-rotated-files.ts';
import { openLogFile } from './open-log-file.ts';
import type { TailEvent } from './tail-types.ts';

/** Feeds each rotated file's bytes (decompressed) to `consume`, oldest first; a broken file is reported and skipped. */
export async function readBackfill(
  path: string,
  consume: (chunks: AsyncIterable<Buffer>) => Promise<void>,
  onEvent: (event: TailEvent) => void,
): Promise<void> {
  for (const file of await listRotatedFiles(path)) {
    const stream = openLogFile(file);
    try {
      await consume(stream.chunks);
    } catch (error) {
      onEvent({ type: 'error', path, error: `backfill of ${file}: ${(error as Error).message}` });
    } finally {
      stream.close();
    }
  }
}
