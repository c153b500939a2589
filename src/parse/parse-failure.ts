// The one failure shape both parsers return: a reason slug (a bounded metric label) and a short sample.

/** Fixed vocabulary: used as the `reason` label of wsgiwatch_log_parse_failures_total. */
export type ParseFailureReason =
  | 'empty'
  | 'format_mismatch'
  | 'bad_timestamp'
  | 'bad_number'
  | 'line_too_long'
  | 'invalid_utf8'
  /** The container-runtime or journal envelope around the line is malformed (src/sources/unwrap). */
  | 'wrapper';

export interface ParseFailure {
  ok: false;
  reason: ParseFailureReason;
  /** At most 200 characters of the offending line, for logs and the API. */
  sample: string;
}

export const SAMPLE_LENGTH = 200;

/** Builds a ParseFailure with a bounded sample. */
export function createParseFailure(reason: ParseFailureReason, line: string): ParseFailure {
  return { ok: false, reason, sample: line.length > SAMPLE_LENGTH ? `${line.slice(0, SAMPLE_LENGTH)}…` : line };
}
