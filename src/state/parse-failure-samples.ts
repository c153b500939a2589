// The first few parse-failure samples under a key (a file for the HTML report's header, a log and reason for the
// report's parse-failure table): ParseStats keeps the counts.

import type { ParseFailure } from '../parse/parse-failure.ts';

export interface ParseFailureSample {
  reason: string;
  sample: string;
  /** The log name the line was read under (a rotated generation's live name) and its byte offset in its file. */
  path?: string;
  offset?: number;
  /** The file it was read from and its 1-based line number, when a batch reader located it (locateSamples). */
  file?: string;
  line?: number;
}

export interface ParseFailureSamples {
  /** Returns the sample when it was kept (the first `perKey` of a key), else undefined. */
  record(key: string, failure: ParseFailure, at?: { path: string; offset?: number }): ParseFailureSample | undefined;
  byKey(key: string): ParseFailureSample[];
  /** Every key's samples, first seen first: plain data for merge(). */
  entries(): [string, ParseFailureSample[]][];
  /** Takes another's samples read after these: each key keeps its first `perKey`. */
  merge(entries: [string, ParseFailureSample[]][]): void;
}

export function createParseFailureSamples(perKey = 3): ParseFailureSamples {
  const samples = new Map<string, ParseFailureSample[]>();
  return {
    record(key, failure, at) {
      let list = samples.get(key);
      if (list === undefined) {
        list = [];
        samples.set(key, list);
      }
      if (list.length >= perKey) return undefined;
      const kept: ParseFailureSample = { reason: failure.reason, sample: failure.sample };
      if (at !== undefined) kept.path = at.path;
      if (at?.offset !== undefined) kept.offset = at.offset;
      list.push(kept);
      return kept;
    },
    byKey: (key) => samples.get(key) ?? [],
    entries: () => [...samples],
    merge(entries) {
      for (const [key, more] of entries) {
        let list = samples.get(key);
        if (list === undefined) {
          list = [];
          samples.set(key, list);
        }
        for (const s of more) if (list.length < perKey) list.push(s);
      }
    },
  };
}

/**
 * Gives samples their file and line number: `lines` is a batch read from `file` in order, its first line being line
 * `firstLine`. A sample whose offset is not a line start of the batch (a line joined from an earlier batch) stays
 * unlocated.
 */
export function locateSamples(
  samples: readonly ParseFailureSample[],
  lines: readonly { offset: number }[],
  firstLine: number,
  file: string,
): void {
  for (const s of samples) {
    if (s.offset === undefined) continue;
    // Offsets grow within a batch: binary search.
    let lo = 0;
    let hi = lines.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const at = lines[mid].offset;
      if (at === s.offset) {
        s.file = file;
        s.line = firstLine + mid;
        break;
      }
      if (at < s.offset) lo = mid + 1;
      else hi = mid - 1;
    }
  }
}
