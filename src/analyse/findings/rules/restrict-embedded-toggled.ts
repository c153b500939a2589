// WSGIRestrictEmbedded On then Off: before 6.0.2 Python stays uninitialised in the children and an embedded request
// crashes them; 6.0.2+ initialises Python, and a request that still finds none gets a 500 logged as WSGI0210.

import type { Finding } from '../finding.ts';
import type { RuleContext } from '../rule-context.ts';

export function restrictEmbeddedToggled(ctx: RuleContext): Finding[] {
  const list = ctx.model.restrictEmbedded;
  const on = list.findIndex((r) => r.value);
  if (on < 0) return [];
  const off = list.slice(on + 1).find((r) => !r.value);
  if (off === undefined) return [];
  const first = list[on].source;
  const where = `${first.file}:${first.line}`;
  const base = {
    rule: 'restrict-embedded-toggled',
    subject: off.source.file,
    file: off.source.file,
    line: off.source.line,
  };
  if (ctx.atLeast602 === true) {
    return [
      {
        ...base,
        severity: 'info',
        message: `WSGIRestrictEmbedded is turned On (${where}) and then Off here; mod_wsgi 6.0.2+ handles this, but an embedded request reaching a child without Python is answered 500 and logged as WSGI0210.`,
        fix: 'Keep one WSGIRestrictEmbedded setting (On when every application runs in daemon mode) and watch for WSGI0210.',
      },
    ];
  }
  const known = ctx.modWsgi !== undefined;
  return [
    {
      ...base,
      severity: known ? 'error' : 'warning',
      message: `WSGIRestrictEmbedded is turned On (${where}) and then Off here, which on mod_wsgi before 6.0.2${known ? ` (this is ${ctx.modWsgi!.join('.')})` : ''} leaves Python uninitialised so an embedded request crashes the Apache child.`,
      fix: `Remove one of the two WSGIRestrictEmbedded directives (keep On when every application runs in daemon mode), or upgrade mod_wsgi to 6.0.2+.`,
    },
  ];
}
