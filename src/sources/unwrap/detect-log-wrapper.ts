// Which wrapper a file's lines arrive in, from its first non-empty lines: the wrapper most of them match, or `none`.
// Apache's own lines cannot match: the access log starts with a host, the error log with `[` or a ctime, and neither
// with an RFC 3339 time followed by a stream name, nor with `{"log":`.

import type { LogWrapper } from './log-wrapper.ts';
import { CRI_LINE } from './unwrap-cri-line.ts';
import { DOCKER_LINE } from './unwrap-docker-line.ts';
import { JOURNAL_JSON_LINE, JOURNAL_SHORT_LINE } from './unwrap-journal-line.ts';

/** Lines looked at; one corrupt first line must not decide alone. */
export const DETECT_LINES = 8;

export function detectLogWrapper(lines: readonly string[]): LogWrapper {
  const votes = { cri: 0, docker: 0, journal: 0, none: 0 };
  let seen = 0;
  for (const line of lines) {
    if (line === '') continue;
    if (++seen > DETECT_LINES) break;
    votes[wrapperOf(line)]++;
  }
  let best: LogWrapper = 'none';
  for (const w of ['cri', 'docker', 'journal'] as const) if (votes[w] > votes[best]) best = w;
  return best;
}

function wrapperOf(line: string): LogWrapper {
  if (CRI_LINE.test(line)) return 'cri';
  if (DOCKER_LINE.test(line)) return 'docker';
  if (JOURNAL_SHORT_LINE.test(line) || JOURNAL_JSON_LINE.test(line) || line.startsWith('-- ')) return 'journal';
  return 'none';
}
