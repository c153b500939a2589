// Thrown by compileLogFormat for a LogFormat string Apache itself would reject (httpd mod_log_config.c parse_log_item),
// or one with more directives than this parser compiles (MAX_DIRECTIVES in tokenize-log-format.ts).

import { UserError } from '../../user-error.ts';

export class LogFormatError extends UserError {
  /** The directive as written, e.g. `%Z` or `%{x}Q`. */
  readonly directive: string;
  /** 1-based column of the directive's `%` in the format string. */
  readonly column: number;

  constructor(message: string, directive: string, column: number) {
    super(message);
    this.name = 'LogFormatError';
    this.directive = directive;
    this.column = column;
  }
}
