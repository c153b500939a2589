// Apache 2.2's error-log line (RHEL/CentOS 6 era, and many pasted logs): no module, no pid, no AH codes, and the APR
// status after the peer. httpd 2.2 server/log.c log_error_core(): `[%s] [%s] ` time and level, `%s(%d): ` source
// location (debug), `[client %s] `, `(%d)%s: ` status, then the message.

import type { ErrorRecord } from './error-record.ts';
import { extractMessageTags } from './extract-message-tags.ts';
import { type ErrorLogTimeOptions, parseErrorLogTimeAt } from './parse-error-log-time.ts';

const APACHE22_PREFIX =
  /^\[[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2}(?:\.\d{1,6})? \d{4}\] \[(emerg|alert|crit|error|warn|notice|info|debug)\] (?:[^\s:()]+\(\d+\): )?(?:\[client ([^\]]*)\] )?(?:\((\d+|EAI -?\d+|OS \d+)\)([^:]*): )?/;

const REFERER_TAIL = ', referer: ';

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
  let raw = line.slice(m[0].length);
  let referer: string | undefined;
  if (m[2] !== undefined) {
    const at = raw.lastIndexOf(REFERER_TAIL);
    if (at >= 0) {
      referer = raw.slice(at + REFERER_TAIL.length);
      raw = raw.slice(0, at);
    }
  }
  const tags = extractMessageTags(raw);
  const record: ErrorRecord = { ok: true, prefixed: true, timeSeconds, level: m[1], message: tags.message };
  if (m[2] !== undefined) {
    record.peerKind = 'client';
    record.peer = parsePeer(m[2]);
  }
  if (m[3] !== undefined) record.aprStatus = { errno: m[3], text: m[4] };
  if (tags.wsgiCode !== undefined) record.wsgiCode = tags.wsgiCode;
  if (tags.script !== undefined) record.script = tags.script;
  if (referer !== undefined) record.referer = extractMessageTags(referer).message;
  return record;
}
