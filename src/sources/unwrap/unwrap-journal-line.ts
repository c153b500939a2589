// One line of `journalctl` output: `-o short-iso` (`2026-12-07T05:41:05+0000 host apache2[123]: text`) or `-o json`
// (one object per entry; `MESSAGE` is a string, or an array of bytes when it is not valid UTF-8 or holds control
// characters, or null when larger than 4096 bytes without `--all`: systemd's journal-export format and journalctl(1)).
// The journal keeps no stdout/stderr distinction, so the stream is undefined.

import { type UnwrapResult, wrapperFailure } from './log-wrapper.ts';

/** short-iso: `+0000` (systemd < 254) or `+00:00`; short-iso-precise adds microseconds. */
const SHORT_ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d) \S+ [^\s:[][^:[]*(?:\[\d+\])?:(?: |$)/;

/** journalctl's own lines in short output: `-- Logs begin at …`, `-- Boot 3f2a… --`, `-- No entries --`. */
const JOURNAL_MARKER = /^-- .* --$|^-- (?:Logs begin|Journal begins|No entries)/;

export interface JournalLine {
  /** Results for the lines this entry holds (a MESSAGE with newlines is several log lines); empty for a marker. */
  results: UnwrapResult[];
  /** short-iso: where the message starts, so the indented continuation lines that follow can be cut at it. */
  prefixLength?: number;
}

/**
 * `continuationAt`: the previous short-iso line's prefix length. journalctl prints the further lines of a multi-line
 * MESSAGE indented to that column.
 */
export function unwrapJournalLine(line: string, continuationAt?: number): JournalLine {
  if (line.charCodeAt(0) === 123 /* { */) return { results: unwrapJournalJson(line) };
  const m = SHORT_ISO.exec(line);
  if (m !== null) {
    const prefixLength = Math.min(m[0].length, line.length);
    return { results: [{ ok: true, stream: undefined, text: line.slice(prefixLength), partial: false }], prefixLength };
  }
  if (JOURNAL_MARKER.test(line)) return { results: [] };
  if (
    continuationAt !== undefined &&
    line.length >= continuationAt &&
    line.slice(0, continuationAt).trim() === '' &&
    continuationAt > 0
  ) {
    return {
      results: [{ ok: true, stream: undefined, text: line.slice(continuationAt), partial: false }],
      prefixLength: continuationAt,
    };
  }
  return { results: [wrapperFailure(line)] };
}

function unwrapJournalJson(line: string): UnwrapResult[] {
  let entry: unknown;
  try {
    entry = JSON.parse(line);
  } catch {
    return [wrapperFailure(line)];
  }
  if (typeof entry !== 'object' || entry === null) return [wrapperFailure(line)];
  const message = (entry as { MESSAGE?: unknown }).MESSAGE;
  let text: string;
  if (typeof message === 'string') text = message;
  else if (Array.isArray(message) && message.every((b) => Number.isInteger(b) && b >= 0 && b <= 255))
    text = Buffer.from(message as number[]).toString('utf8');
  else return [wrapperFailure(line)];
  if (text.endsWith('\n')) text = text.slice(0, -1);
  return text.split('\n').map((t) => ({
    ok: true,
    stream: undefined,
    text: t.endsWith('\r') ? t.slice(0, -1) : t,
    partial: false,
  }));
}

/**
 * The journal shapes, for detection: stricter than unwrapping (an identifier without spaces), so that an access log
 * whose LogFormat starts with an ISO time (`%{%FT%T%z}t %h …`) is not taken for the journal.
 */
export const JOURNAL_SHORT_LINE =
  /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d) \S+ [^\s:[]+(?:\[\d+\])?:(?: |$)/;
export const JOURNAL_JSON_LINE = /^\{.*"(?:MESSAGE|__REALTIME_TIMESTAMP|__CURSOR)"\s*:/;
