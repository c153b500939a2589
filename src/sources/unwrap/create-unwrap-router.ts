// The live agent's unwrapping: the tailer hands over batches from many files; each file gets its own unwrapper (its
// wrapper and its partial lines are its own), created on the file's first line.

import type { LogKind, LogLine } from '../log-line.ts';
import { createUnwrapper, type Unwrapper } from './create-unwrapper.ts';
import type { LogRole, LogWrapperOption, UnwrapFailure } from './log-wrapper.ts';

export interface UnwrapRouterOptions {
  /** The role of the file a line comes from (asked once per file). */
  roleOf: (line: LogLine) => LogRole;
  wrapper: LogWrapperOption;
  maxLineLength: number;
  onFailure: (log: LogKind, path: string, failure: UnwrapFailure) => void;
}

/** Files remembered; a glob over container logs sees pods come and go, so the oldest are forgotten past this. */
const FILES_LIMIT = 10_000;

export function createUnwrapRouter(options: UnwrapRouterOptions): (lines: LogLine[]) => LogLine[] {
  const byPath = new Map<string, Unwrapper>();

  function unwrapperFor(line: LogLine): Unwrapper {
    let u = byPath.get(line.path);
    if (u === undefined) {
      if (byPath.size >= FILES_LIMIT) byPath.delete(byPath.keys().next().value as string);
      u = createUnwrapper({
        role: options.roleOf(line),
        wrapper: options.wrapper,
        maxLineLength: options.maxLineLength,
        onFailure: options.onFailure,
      });
      byPath.set(line.path, u);
    }
    return u;
  }

  return (lines) => {
    if (lines.length === 0) return lines;
    // A batch is usually one file's read: one unwrapper, no copy.
    const first = lines[0].path;
    let i = 1;
    while (i < lines.length && lines[i].path === first) i++;
    if (i === lines.length) return unwrapperFor(lines[0]).push(lines);
    const out: LogLine[] = [];
    for (let start = 0; start < lines.length; ) {
      let stop = start + 1;
      while (stop < lines.length && lines[stop].path === lines[start].path) stop++;
      for (const l of unwrapperFor(lines[start]).push(lines.slice(start, stop))) out.push(l);
      start = stop;
    }
    return out;
  };
}
