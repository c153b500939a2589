// Apache 2.2's error-log line (RHEL/CentOS 6 era, and many pasted logs): no module, no pid, no AH codes, and the APR
// status after the peer. httpd 2.2 server/log.c log_error_core(): `[%s] [%s] ` time and level, `%s(%d): ` source
// location (debug), `[client %s] `, `(%d)%s: ` status, then the message.

import { applyErrorMessage } from './apply-error-message.ts';
import type { ErrorRecord } from './error-record.ts';
import { type ErrorLogTimeOptions, parseErrorLogTimeAt } from './parse-error-log-time.ts';

const APACHE22_PREFIX =
  /^\[[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2}(?:\.\d{1,6})? \d{4}\] \[(emerg|alert|crit|error|warn|notice|info|debug)\] (?:[^\s:()]+\(\d+\): )?(?:\[client ([^\]]*)\] )?(?:\((\d+|EAI -?\d+|OS \d+)\)([^:]*): )?/;

/** The record of a 2.2-format line, or undefined when the line does not have that shape (or its time is invalid). */
export function parseApache22ErrorLine(
  line: string,
  parsePeer: (text: string) => ErrorRecord['peer'],
  options: ErrorLogTimeOptions = {},
): ErrorRecord | undefined {
  const m = APACHE22_PREFIX.exec(line);
  if (m === null) return undefined;
  const timeSeconds = parseErrorLogTimeAt(line, 1, line.indexOf(']'), options);
  if (timeSeconds === undefined) return undefined;
  const record: ErrorRecord = { ok: true, prefixed: true, timeSeconds, level: m[1], message: '' };
  if (m[3] !== undefined) record.aprStatus = { errno: m[3], text: m[4] };
  if (m[2] !== undefined) {
    record.peerKind = 'client';
    record.peer = parsePeer(m[2]);
  }
  return applyErrorMessage(record, line.slice(m[0].length), m[2] !== undefined);
}
