// The first few parse-failure samples of each file, for the report's header (ParseStats keeps counts only).

import type { ParseFailure } from '../parse/parse-failure.ts';

export interface ParseFailureSample {
  reason: string;
  sample: string;
}

export interface ParseFailureSamples {
  record(path: string, failure: ParseFailure): void;
  byPath(path: string): ParseFailureSample[];
}

export function createParseFailureSamples(perFile = 3): ParseFailureSamples {
  const samples = new Map<string, ParseFailureSample[]>();
  return {
    record(path, failure) {
      let list = samples.get(path);
      if (list === undefined) {
        list = [];
        samples.set(path, list);
      }
      if (list.length < perFile) list.push({ reason: failure.reason, sample: failure.sample });
    },
    byPath: (path) => samples.get(path) ?? [],
  };
}
