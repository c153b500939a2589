// What a log line may arrive wrapped in when Apache does not write the file itself, and what unwrapping one line gives.

import type { LogKind } from '../log-line.ts';

/** `none`: the line is Apache's own. The others are the envelopes a container runtime or the journal adds. */
export type LogWrapper = 'cri' | 'docker' | 'journal' | 'none';

/** `auto`: detected per file from its first non-empty lines. */
export type LogWrapperOption = LogWrapper | 'auto';

export const LOG_WRAPPER_OPTIONS: readonly LogWrapperOption[] = ['auto', 'cri', 'docker', 'journal', 'none'];

/** Which parser a file's lines go to: one of Apache's logs, or `both` (decided per line, see routeUnwrappedLine). */
export type LogRole = LogKind | 'both';

export type LogStream = 'stdout' | 'stderr';

export interface UnwrappedLine {
  ok: true;
  /** The container stream the line was written to; undefined when the wrapper has none (the journal). */
  stream: LogStream | undefined;
  text: string;
  /** A CRI `P` line or a Docker entry without its `\n`: the start of a line the next entry of its stream continues. */
  partial: boolean;
}

/** A line the wrapper's own grammar rejects: counted as a parse failure with reason `wrapper`, never thrown. */
export interface UnwrapFailure {
  ok: false;
  reason: 'wrapper';
  /** At most 200 characters of the line, as every parse failure's sample. */
  sample: string;
}

export type UnwrapResult = UnwrappedLine | UnwrapFailure;

const SAMPLE_LENGTH = 200;

export function wrapperFailure(line: string): UnwrapFailure {
  return {
    ok: false,
    reason: 'wrapper',
    sample: line.length > SAMPLE_LENGTH ? `${line.slice(0, SAMPLE_LENGTH)}…` : line,
  };
}
