// Counts what a reader received against what the writer wrote: lost, duplicated and garbled lines.

import { checkCombinedLine } from './combined-line.ts';

export interface LineTally {
  add(text: string): void;
  /** Lines received intact (distinct sequence numbers). */
  readonly unique: number;
  readonly received: number;
  readonly duplicated: number;
  readonly garbled: number;
  lost(written: number): number;
  /** Sequence numbers in [0, written) never received intact. */
  missing(written: number): number[];
}

export function createLineTally(capacity: number): LineTally {
  const seen = new Uint8Array(capacity);
  let unique = 0;
  let received = 0;
  let duplicated = 0;
  let garbled = 0;
  return {
    add(text) {
      received++;
      const seq = checkCombinedLine(text);
      if (seq === undefined || seq >= capacity) {
        garbled++;
        return;
      }
      if (seen[seq]) duplicated++;
      else {
        seen[seq] = 1;
        unique++;
      }
    },
    get unique() {
      return unique;
    },
    get received() {
      return received;
    },
    get duplicated() {
      return duplicated;
    },
    get garbled() {
      return garbled;
    },
    lost: (written) => written - unique,
    missing(written) {
      const out: number[] = [];
      for (let i = 0; i < written; i++) if (!seen[i]) out.push(i);
      return out;
    },
  };
}
