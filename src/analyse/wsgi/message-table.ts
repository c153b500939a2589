// The one table of uncoded message wordings → event kind: the 6.x WSGI#### catalogue's templates (most 4.x messages
// kept their wording) plus the 3.x/4.x/5.x and Apache 2.2 wordings the catalogue does not cover.

import { LEGACY_MESSAGES } from './legacy-messages.ts';
import { WSGI_CODES } from './wsgi-codes.ts';

export interface MessageTemplate {
  /** printf-style text as logged, after any `mod_wsgi (pid=%d): ` prefix; matched as a prefix of the message. */
  text: string;
  /** Event kind; `null` = recognised lifecycle/info noise, not counted. */
  kind: string | null;
  /** The WSGI#### (6.x) or AH##### (Apache 2.4) message with the same meaning, when there is one. */
  equivalentCode?: string;
  /** Where the wording comes from: `catalogue`, `4.9.4 mod_wsgi.c:8610`, `3.5 mod_wsgi.c:6711`, `httpd 2.2 …`. */
  source: string;
}

/**
 * The part of a 6.x catalogue text that 4.x logged too: the first clause. 6.x appended the consequence
 * (`… '%s'. Daemon process will exit.`, `…; default size will be used.`) to wordings that are otherwise unchanged.
 */
export function catalogueStem(text: string): string {
  const body = text.startsWith('[script %s] ') ? text.slice('[script %s] '.length) : text;
  const cut = /(?:\.|;) (?=[A-Za-z])/.exec(body);
  return cut === null ? body : body.slice(0, cut.index);
}

/** Catalogue entries usable as uncoded templates: live codes whose text starts with words, not with a `%s`. */
export const CATALOGUE_TEMPLATES: readonly MessageTemplate[] = WSGI_CODES.filter(
  (c) => c.kind !== 'retired' && !/^(?:\[script %s\] )?%/.test(c.text),
).map((c) => ({ text: catalogueStem(c.text), kind: c.kind, equivalentCode: c.code, source: 'catalogue' }));

/** Catalogue templates first, then the wordings only older releases (or Apache 2.2) log. */
export const MESSAGE_TABLE: readonly MessageTemplate[] = [...CATALOGUE_TEMPLATES, ...LEGACY_MESSAGES];
