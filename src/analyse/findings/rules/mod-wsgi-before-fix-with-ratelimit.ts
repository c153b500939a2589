// mod_wsgi < 6.0.2 flushes at every stall and every ~64 KiB, so RATE_LIMIT cannot pace daemon-mode responses
// (6.0.2 release notes; 4.9.4 measured capped near 350 KiB/s whatever rate-limit says, domain doc §4.3 B).

import type { Finding } from '../finding.ts';
import { FIXED_VERSION, type RuleContext } from '../rule-context.ts';

export function modWsgiBeforeFixWithRatelimit(ctx: RuleContext): Finding[] {
  if (ctx.atLeast602 !== false || ctx.modWsgi === undefined) return [];
  const version = ctx.modWsgi.join('.');
  const out: Finding[] = [];
  for (const d of ctx.model.daemons) {
    const served = ctx.limited.find((l) => l.daemon?.name === d.name);
    if (served === undefined) continue;
    out.push({
      rule: 'mod-wsgi-before-6.0.2-with-ratelimit',
      severity: 'error',
      subject: d.name,
      file: d.source.file,
      line: d.source.line,
      message: `mod_wsgi ${version} forces a flush whenever daemon group ${d.name} pauses and every 64 KiB, so the rate limit on ${served.subject} cannot be honoured.`,
      fix: `Upgrade mod_wsgi to ${FIXED_VERSION.join('.')} or later (Debian 12 ships 4.9.4: install it with pip and load it with mod_wsgi-express module-config).`,
    });
  }
  return out;
}
