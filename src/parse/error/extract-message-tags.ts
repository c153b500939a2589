// Splits the tags mod_wsgi and httpd put inside the message: `[script PATH] `, `WSGInnnn: ` (6.x, anywhere), `AHnnnnn: `.

import { decodeErrorLogEscapes } from './decode-error-log-escapes.ts';

export interface MessageTags {
  /** Decoded message without the `[script …] ` tag; the `WSGInnnn: ` / `AHnnnnn: ` prefix is kept. */
  message: string;
  ahCode?: string;
  wsgiCode?: string;
  script?: string;
}

const AH_CODE = /^AH\d{5}(?=: )/;
// WSGI_APLOGNO(n) renders `WSGInnnn: ` (mw6 wsgi_logger.h:199); it may follow a `[script …] ` tag or an APR status.
const WSGI_CODE = /\bWSGI\d{4}(?=: )/;
const SCRIPT_OPEN = '[script ';

/** Extracts the tags from a raw (still escaped) message and decodes it. */
export function extractMessageTags(raw: string): MessageTags {
  let text = raw;
  let script: string | undefined;
  // 6.x request scope: `[script PATH] WSGInnnn: …` (mw6 wsgi_logger.c:71-116).
  if (text.startsWith(SCRIPT_OPEN)) {
    const close = text.indexOf('] ', SCRIPT_OPEN.length);
    if (close > 0) {
      script = text.slice(SCRIPT_OPEN.length, close);
      text = text.slice(close + 2);
    }
  }
  const tags: MessageTags = { message: '' };
  const ah = AH_CODE.exec(text);
  if (ah !== null) tags.ahCode = ah[0];
  else if (text.indexOf('WSGI') >= 0) {
    const wsgi = WSGI_CODE.exec(text);
    if (wsgi !== null) {
      tags.wsgiCode = wsgi[0];
      // WSGI0174/0175: the tag follows the ID (`WSGI0174: [script %s] %s exception …`, mw6 wsgi_logger.c:1360-1384).
      const after = wsgi.index + 10;
      if (script === undefined && text.startsWith(SCRIPT_OPEN, after)) {
        const close = text.indexOf('] ', after + SCRIPT_OPEN.length);
        if (close > 0) {
          script = text.slice(after + SCRIPT_OPEN.length, close);
          text = text.slice(0, after) + text.slice(close + 2);
        }
      }
    }
  }
  tags.message = decodeErrorLogEscapes(text);
  if (script !== undefined) tags.script = decodeErrorLogEscapes(script);
  return tags;
}
