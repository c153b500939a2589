// Daemon groups behind RATE_LIMIT while the mod_wsgi version is unknown: whether the limit can be honoured depends on
// it (< 6.0.2 cannot), so say how to tell wsgiwatch.

import type { Finding } from '../finding.ts';
import type { RuleContext } from '../rule-context.ts';

export function modWsgiVersionUnknown(ctx: RuleContext): Finding[] {
  if (ctx.atLeast602 !== undefined) return [];
  const served = ctx.limited.find((l) => l.daemon !== undefined);
  if (served === undefined) return [];
  const d = served.daemon!;
  return [
    {
      rule: 'mod-wsgi-version-unknown',
      severity: 'info',
      subject: d.name,
      file: d.source.file,
      line: d.source.line,
      message: `Daemon group ${d.name} serves ${served.subject} under RATE_LIMIT, which mod_wsgi before 6.0.2 cannot honour, and the mod_wsgi version is not known.`,
      fix: 'Pass --mod-wsgi-version (see the AH00489 "resuming normal operations" line in the error log), or let wsgiwatch read that line from the error log.',
    },
  ];
}
