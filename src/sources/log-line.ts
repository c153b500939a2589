// One complete line read from a log file: the record the tailer hands to the parsers.

/** Which parser a file's lines go to. */
export type LogKind = 'access' | 'error';

export interface LogLine {
  log: LogKind;
  /** The path the line was read from (the configured name, not the rotated one). */
  path: string;
  /** The line without its trailing `\n` (and `\r`); at most the configured maximum length. */
  text: string;
  /** Byte offset of the first byte of the line in the file it was read from. */
  offset: number;
  /** True when the line was longer than the cap and `text` is its truncated start. */
  truncated?: boolean;
  /**
   * The decoded read `text` was sliced from, and where it starts in it, when the tailer decoded a run of lines at once:
   * a parser reads a flat string faster than a slice of one (V8 resolves a slice on every character read).
   */
  piece?: string;
  pieceStart?: number;
}
