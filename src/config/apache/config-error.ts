// A problem reading the Apache configuration, pointing at the file and line Apache would name.

export interface ConfigError {
  file: string;
  line: number;
  message: string;
}

/** `file:line: message`; line 0 is the top-level file itself (nothing included it), named without a line. */
export function formatConfigError(e: ConfigError): string {
  return e.line > 0 ? `${e.file}:${e.line}: ${e.message}` : `${e.file}: ${e.message}`;
}
