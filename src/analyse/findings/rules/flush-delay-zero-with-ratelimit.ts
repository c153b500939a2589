// response-flush-delay=0 on a daemon behind RATE_LIMIT: every stall flushes, and each flush costs mod_ratelimit a
// short write plus a 200 ms sleep (6.0.2 release notes; domain doc §4.3 B; measured 0.32–0.85× of the rate).

import type { Finding } from '../finding.ts';
import type { RuleContext } from '../rule-context.ts';

export function flushDelayZeroWithRatelimit(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const d of ctx.model.daemons) {
    if (d.responseFlushDelayMs !== 0) continue;
    const served = ctx.limited.find((l) => l.daemon?.name === d.name);
    if (served === undefined) continue;
    out.push({
      rule: 'flush-delay-zero-with-ratelimit',
      severity: 'warning',
      subject: d.name,
      file: d.source.file,
      line: d.source.line,
      message: `Daemon group ${d.name} has response-flush-delay=0 and serves ${served.subject} under RATE_LIMIT, so every momentary stall forces a flush and mod_ratelimit throttles the response far below the configured rate.`,
      fix: `Remove response-flush-delay=0 from WSGIDaemonProcess ${d.name} (the default is 5 ms).`,
    });
  }
  return out;
}
