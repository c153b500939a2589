// Error-log parsing stage: one Apache error-log line (built-in default format or any ErrorLogFormat) → ErrorRecord.

import { createParseFailure, type ParseFailure } from '../parse-failure.ts';
import { applyErrorMessage } from './apply-error-message.ts';
import type { ErrorRecord, PeerAddress } from './error-record.ts';
import { parseApache22ErrorLine } from './parse-apache22-error-line.ts';
import { type ErrorLogTimeOptions, parseErrorLogTimeAt } from './parse-error-log-time.ts';

// do_errorlog_default(), httpd server/log.c:968-1062: time, module:level, pid[:tid], srcloc (debug/trace), APR status, peer.
const DEFAULT_PREFIX =
  /^\[(?:[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2}(?:\.\d{1,6})? \d{4})\] \[([^:\]\s]*):(emerg|alert|crit|error|warn|notice|info|debug|trace[1-8])\] \[pid (\d+)(?::tid (\d+))?\] (?:[^\s:()]+\(\d+\): )?(?:\((\d+|EAI -?\d+|OS \d+|os 0x[0-9a-f]{8})\)([^:]*): )?(?:\[(client|remote) ([^\]]*)\] )?/;

/** `ip:port` split on the last `:` so IPv6 peers (`::1:59739`) keep their address. */
export function parsePeerAddress(text: string): PeerAddress {
  const colon = text.lastIndexOf(':');
  if (colon > 0) {
    const portText = text.slice(colon + 1);
    if (/^\d{1,5}$/.test(portText)) return { ip: text.slice(0, colon), port: Number(portText) };
  }
  return { ip: text };
}

/** A line without the Apache prefix (raw stderr, startup messages, §2.4): kept, never a failure. */
export function createBareRecord(line: string): ErrorRecord {
  return { ok: true, prefixed: false, message: line };
}

/** Parses one line in Apache 2.4's built-in default error-log format (the fast path), or Apache 2.2's. */
export function parseErrorLine(line: string, options: ErrorLogTimeOptions = {}): ErrorRecord | ParseFailure {
  if (line.length === 0) return createParseFailure('empty', line);
  if (line.charCodeAt(0) !== 91) return createBareRecord(line);
  const m = DEFAULT_PREFIX.exec(line);
  if (m === null) {
    // Apache 2.2 shape (`[time] [level] …`): only tried when the 2.4 prefix does not match, so it costs 2.4 logs nothing.
    return parseApache22ErrorLine(line, parsePeerAddress, options) ?? createBareRecord(line);
  }
  const timeSeconds = parseErrorLogTimeAt(line, 1, line.indexOf(']'), options);
  if (timeSeconds === undefined) return createParseFailure('bad_timestamp', line);
  const record: ErrorRecord = {
    ok: true,
    prefixed: true,
    timeSeconds,
    module: m[1],
    level: m[2],
    pid: Number(m[3]),
    message: '',
  };
  if (m[4] !== undefined) record.tid = Number(m[4]);
  if (m[5] !== undefined) record.aprStatus = { errno: m[5], text: m[6] };
  if (m[7] !== undefined) {
    record.peerKind = m[7] as 'client' | 'remote';
    record.peer = parsePeerAddress(m[8]);
  }
  return applyErrorMessage(record, line.slice(m[0].length), m[7] !== undefined);
}
