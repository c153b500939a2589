// The message part of a default-format error line (2.4 and 2.2): the `, referer: …` tail of request-scoped lines,
// then the tags inside the message (`[script …]`, `WSGInnnn`, `AHnnnnn`).

import type { ErrorRecord } from './error-record.ts';
import { extractMessageTags } from './extract-message-tags.ts';

const REFERER_TAIL = ', referer: ';

/**
 * Sets message, codes, script and referer on `record` from the raw text after the line's prefix. The referer tail
 * exists only for request-scoped messages, which always carry a peer (httpd server/log.c:1023-1059).
 */
export function applyErrorMessage(record: ErrorRecord, raw: string, requestScoped: boolean): ErrorRecord {
  let text = raw;
  let referer: string | undefined;
  if (requestScoped) {
    const at = text.lastIndexOf(REFERER_TAIL);
    if (at >= 0) {
      referer = text.slice(at + REFERER_TAIL.length);
      text = text.slice(0, at);
    }
  }
  const tags = extractMessageTags(text);
  record.message = tags.message;
  if (tags.ahCode !== undefined) record.ahCode = tags.ahCode;
  if (tags.wsgiCode !== undefined) record.wsgiCode = tags.wsgiCode;
  if (tags.script !== undefined) record.script = tags.script;
  if (referer !== undefined) record.referer = extractMessageTags(referer).message;
  return record;
}
