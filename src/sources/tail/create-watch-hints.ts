// fs.watch on the followed directories, as a wake-up hint only (polling always runs): filtered by file name, armed
// only while the tailer is idle, and dropped while it costs more than it helps.

import { type FSWatcher, watch } from 'node:fs';
import { basename, dirname } from 'node:path';
import { compileGlobSource, isGlob } from './glob-sources.ts';

export interface WatchHints {
  /**
   * After each tick: disarm while data flows (one inotify event per write() costs more than reading), unless
   * `keepArmed` (the tailer may read the next write at once), else arm.
   */
  afterTick(bytesRead: number, keepArmed?: boolean): void;
  /** Watching now. */
  armed(): boolean;
  /**
   * Armed, and not caught missing a change: the idle poll may back off. Caught = a poll found data while the watch was
   * armed and said nothing, twice in a row (once can be a write between the read that found the end and the arming).
   */
  trusted(): boolean;
  close(): void;
}

/** Names in `dir` whose changes concern us: a followed file, its rotated siblings (access.log.1), glob matches. */
function relevantNames(paths: string[], dir: string): (name: string) => boolean {
  const tests = paths
    .filter((p) => dirname(p) === dir)
    .map((p): ((name: string) => boolean) => {
      if (isGlob(p)) return compileGlobSource(p).matches;
      const base = basename(p);
      return (name) => name.startsWith(base);
    });
  return (name) => tests.some((t) => t(name));
}

/** `wake` returns true when it actually cut an idle wait short. */
export function createWatchHints(paths: string[], wake: () => boolean): WatchHints {
  const watchers: FSWatcher[] = [];
  let woken = false;
  // A wake-up that found nothing, or a busy neighbour in the same directory: poll only, until our files move again.
  let useless = false;
  let irrelevantEvents = 0;
  let misses = 0;

  function disarm(): void {
    for (const watcher of watchers.splice(0)) watcher.close();
  }

  function arm(): void {
    if (watchers.length > 0) return;
    irrelevantEvents = 0;
    for (const dir of new Set(paths.map((p) => dirname(p)))) {
      const relevant = relevantNames(paths, dir);
      try {
        const watcher = watch(dir, { persistent: false }, (_type, name) => {
          if (name === null || relevant(name)) {
            if (wake()) woken = true;
          } else if (++irrelevantEvents > 200) {
            useless = true;
            disarm();
          }
        });
        watcher.on('error', () => watcher.close());
        watchers.push(watcher);
      } catch {
        // No directory yet, or no inotify watches left: polling alone still works.
      }
    }
  }

  return {
    afterTick(bytesRead, keepArmed = false) {
      const wasWoken = woken;
      woken = false;
      if (bytesRead > 0) {
        if (wasWoken) misses = 0;
        else if (watchers.length > 0) misses++;
        useless = false;
        if (keepArmed) arm();
        else disarm();
        return;
      }
      if (wasWoken) useless = true;
      if (useless) disarm();
      else arm();
    },
    trusted: () => watchers.length > 0 && misses < 2,
    armed: () => watchers.length > 0,
    close: disarm,
  };
}
