// The one table of uncoded message wordings → event kind: the 6.x WSGI#### catalogue's templates (most 4.x messages
// kept their wording) plus the 3.x/4.x/5.x and Apache 2.2 wordings the catalogue does not cover.

import { LEGACY_MESSAGES } from './legacy-messages.ts';
import type { MessageTemplate } from './message-template.ts';
import { WSGI_CODES } from './wsgi-codes.ts';

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
