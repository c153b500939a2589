// What the request joiner keeps of a failed request's access line: its numbers at once, its texts only when asked.

import type { AccessRecord } from '../parse/access/access-record.ts';
import type { CompiledLogFormat } from '../parse/access/compile-log-format.ts';
import { detachString } from './detach-string.ts';

/** A kept URL path or query is cut here: a pending record's size stays bounded whatever the line. */
export const URL_CAP = 1000;

/** Lines up to this long are kept whole and parsed when the joiner first reads a text; longer ones are cut down now. */
export const LAZY_LINE_CAP = 4096;

/**
 * The joiner reads a kept line's texts (client, path, query, log ID) only when an error-log event arrives to match
 * against it, which most kept lines never see. Keeping one copy of the line and parsing it whole on that first read
 * replaced a whole parse and five string copies per kept line: processLines 955 → 888 ns a line in
 * an in-memory bench of processLines (medians of four alternating runs; there every 4xx/5xx, ≈ 8 % of lines, is kept).
 */
class LazyAccessRecord implements AccessRecord {
  readonly ok = true;
  status?: number;
  timeSeconds?: number;
  durationSeconds?: number;
  clientPort?: number;
  #line: string;
  #format: CompiledLogFormat;
  #whole: AccessRecord | undefined;

  constructor(hot: AccessRecord, line: string, format: CompiledLogFormat) {
    this.status = hot.status;
    this.timeSeconds = hot.timeSeconds;
    this.durationSeconds = hot.durationSeconds;
    this.clientPort = hot.clientPort;
    this.#line = detachString(line);
    this.#format = format;
  }

  #texts(): AccessRecord {
    if (this.#whole === undefined) {
      const r = this.#format.parse(this.#line);
      // the hot parse accepted the line, so the whole parse does (select fails exactly where parse fails)
      this.#whole = r.ok ? r : { ok: true };
    }
    return this.#whole;
  }

  get clientIp() {
    return this.#texts().clientIp;
  }
  get method() {
    return this.#texts().method;
  }
  get urlPath() {
    return this.#texts().urlPath?.slice(0, URL_CAP);
  }
  get query() {
    return this.#texts().query?.slice(0, URL_CAP);
  }
  get requestLogId() {
    return this.#texts().requestLogId;
  }
}

/** The fields the request joiner uses, with their own strings, from a whole record (for lines too long to keep). */
function compactAccess(rec: AccessRecord): AccessRecord {
  const out: AccessRecord = {
    ok: true,
    status: rec.status,
    timeSeconds: rec.timeSeconds,
    durationSeconds: rec.durationSeconds,
    clientPort: rec.clientPort,
  };
  if (rec.clientIp !== undefined) out.clientIp = detachString(rec.clientIp);
  if (rec.method !== undefined) out.method = detachString(rec.method);
  if (rec.urlPath !== undefined) out.urlPath = detachString(rec.urlPath.slice(0, URL_CAP));
  if (rec.query !== undefined) out.query = detachString(rec.query.slice(0, URL_CAP));
  if (rec.requestLogId !== undefined) out.requestLogId = detachString(rec.requestLogId);
  return out;
}

/**
 * The record the joiner keeps for `line`, which `hot` (a `select` of the same format) parsed: it pins no read's text
 * and holds at most ≈ LAZY_LINE_CAP characters.
 */
export function pendingAccess(hot: AccessRecord, line: string, format: CompiledLogFormat): AccessRecord | undefined {
  if (line.length <= LAZY_LINE_CAP) return new LazyAccessRecord(hot, line, format);
  const whole = format.parse(line);
  return whole.ok ? compactAccess(whole) : undefined;
}
