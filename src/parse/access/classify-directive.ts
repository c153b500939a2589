// Which AccessRecord field a LogFormat directive fills, how its text converts, and what its text looks like.
import type { AccessRecord } from './access-record.ts';
import { compileStrftimeTime, type StrftimeTime } from './compile-strftime-time.ts';
import type { LogFormatDirective } from './tokenize-log-format.ts';

export type RecordField = Exclude<keyof AccessRecord, 'ok' | 'extra'>;

/** `request` (%r) fills several fields; `timeFrac` (%{msec_frac}t…) adds to timeSeconds; `extra` keeps the text. */
export type DirectiveTarget = RecordField | 'request' | 'timeFrac' | 'extra';

export type Conversion =
  | 'string'
  | 'query'
  | 'int'
  | 'intDashZero'
  | 'micros'
  | 'millis'
  | 'seconds'
  | 'clfTime'
  | 'epochSec'
  | 'epochMs'
  | 'epochUs'
  | 'strftime'
  | 'frac3'
  | 'frac6'
  | 'connectionStatus'
  | 'request';

/** What the logged text looks like, for building the matcher: `ip` may hold `:` (IPv6). */
export type Shape = 'text' | 'ip' | 'number' | 'clfTime' | 'strftime' | 'connectionStatus';

export interface DirectiveRole {
  target: DirectiveTarget;
  /** Lower wins when several directives fill one field (e.g. %D over %T, %a over %h). */
  rank: number;
  conversion: Conversion;
  shape: Shape;
  strftime?: StrftimeTime;
}

const text = (target: DirectiveTarget, rank = 1): DirectiveRole => ({
  target,
  rank,
  conversion: 'string',
  shape: 'text',
});
const int = (target: RecordField, rank = 1): DirectiveRole => ({ target, rank, conversion: 'int', shape: 'number' });
const extraNumber: DirectiveRole = { target: 'extra', rank: 1, conversion: 'string', shape: 'number' };
const extraIp: DirectiveRole = { target: 'extra', rank: 1, conversion: 'string', shape: 'ip' };
const extraText = text('extra');

/** %t and %{…}t (mod_log_config.c log_request_time): begin:/end: prefix, sec/msec/usec/…_frac, CLF, or strftime. */
function classifyTime(arg: string): DirectiveRole {
  let fmt = arg;
  let begin = true;
  if (fmt.startsWith('begin:')) fmt = fmt.slice(6);
  else if (fmt.startsWith('end:')) {
    fmt = fmt.slice(4);
    begin = false;
  }
  const base = begin ? 'timeSeconds' : 'extra';
  switch (fmt) {
    case '':
      return { target: base, rank: 1, conversion: 'clfTime', shape: 'clfTime' };
    case 'sec':
      return { target: base, rank: 1, conversion: 'epochSec', shape: 'number' };
    case 'msec':
      return { target: base, rank: 1, conversion: 'epochMs', shape: 'number' };
    case 'usec':
      return { target: base, rank: 1, conversion: 'epochUs', shape: 'number' };
    case 'msec_frac':
      return { target: begin ? 'timeFrac' : 'extra', rank: 1, conversion: 'frac3', shape: 'number' };
    case 'usec_frac':
      return { target: begin ? 'timeFrac' : 'extra', rank: 1, conversion: 'frac6', shape: 'number' };
    default: {
      const strftime = compileStrftimeTime(fmt);
      const target = begin && strftime.complete ? 'timeSeconds' : 'extra';
      return { target, rank: 1, conversion: 'strftime', shape: 'strftime', strftime };
    }
  }
}

/** Maps one directive to its role; the compiler later sends losers of a field to `extra`. */
export function classifyDirective(d: LogFormatDirective): DirectiveRole {
  const arg = d.arg.toLowerCase();
  switch (d.letter) {
    case 'a':
      return arg === 'c' ? extraIp : { target: 'clientIp', rank: 1, conversion: 'string', shape: 'ip' };
    case 'h':
      return arg === 'c' ? extraIp : { target: 'clientIp', rank: 2, conversion: 'string', shape: 'ip' };
    case 'A':
      return extraIp;
    case 'v':
      return text('vhost', 1);
    case 'V':
      return text('vhost', 2);
    case 'p':
      // %p = %{canonical}p; %{local}p is the port actually listened on, so it wins
      if (arg === '' || arg === 'canonical') return int('serverPort', 2);
      if (arg === 'local') return int('serverPort', 1);
      if (arg === 'remote') return int('clientPort');
      return extraText; // Apache logs an unknown argument literally
    case 'P':
      if (arg === '' || arg === 'pid') return int('pid');
      return arg === 'tid' || arg === 'hextid' ? extraNumber : extraText;
    case 'm':
      return text('method');
    case 'U':
      return text('urlPath');
    case 'q':
      return { target: 'query', rank: 1, conversion: 'query', shape: 'text' };
    case 'H':
      return text('protocol');
    case 'r':
      return { target: 'request', rank: 1, conversion: 'request', shape: 'text' };
    case 's':
      // %s defaults to the original request in 2.4 (log_pfn_register "s" want_orig_default 1)
      return d.original === false ? int('status') : int('originalStatus');
    case 'O':
      return int('responseBytes');
    case 'B':
      return int('bodyBytes', 1);
    case 'b':
      return { target: 'bodyBytes', rank: 2, conversion: 'intDashZero', shape: 'number' };
    case 'I':
      return int('requestBytes');
    case 'D':
      return { target: 'durationSeconds', rank: 1, conversion: 'micros', shape: 'number' };
    case 'T':
      // mod_log_config.c log_request_duration_scaled: '' | s | ms | us, else the argument is logged as is
      if (arg === '' || arg === 's')
        return { target: 'durationSeconds', rank: 3, conversion: 'seconds', shape: 'number' };
      if (arg === 'ms') return { target: 'durationSeconds', rank: 2, conversion: 'millis', shape: 'number' };
      if (arg === 'us') return { target: 'durationSeconds', rank: 1, conversion: 'micros', shape: 'number' };
      return extraText;
    case '^FB':
      return { target: 'ttfbSeconds', rank: 1, conversion: 'micros', shape: 'number' };
    case 'X':
      return { target: 'connectionStatus', rank: 1, conversion: 'connectionStatus', shape: 'connectionStatus' };
    case 'L':
      return text('requestLogId');
    case 'e':
      // APR tables are case-insensitive, so %{Rate-Limit}e logs the same variable
      if (arg === 'rate-limit') return text('rateLimitRaw');
      if (arg === 'rate-initial-burst') return text('rateInitialBurstRaw');
      return extraText;
    case 'i':
      if (arg === 'referer') return text('referer');
      if (arg === 'user-agent') return text('userAgent');
      return extraText;
    case 't':
      return classifyTime(d.arg);
    case 'k':
    case 'S':
      return extraNumber;
    default:
      // %l %u %f %R %n %o %C %^ti %^to, mod_ssl %x %c
      return extraText;
  }
}
