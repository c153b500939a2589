// rate-initial-burst on a mod_wsgi daemon location: the response reaches RATE_LIMIT in 8000-byte buckets and the held
// bytes are charged against the burst on every call, so the burst is spent almost at once (domain doc §4.3 C).

import type { Finding } from '../finding.ts';
import type { RuleContext } from '../rule-context.ts';

export function burstIneffectiveInDaemonMode(ctx: RuleContext): Finding[] {
  return ctx.limited
    .filter((l) => l.daemon !== undefined && l.rule.burstKiB !== undefined && l.rule.burstSource !== undefined)
    .map((l) => ({
      rule: 'burst-ineffective-in-daemon-mode',
      severity: 'warning' as const,
      subject: l.subject,
      file: l.rule.burstSource!.file,
      line: l.rule.burstSource!.line,
      message: `rate-initial-burst ${l.rule.burstRaw} KiB on ${l.subject} is served by daemon group ${l.daemon!.name}, whose response arrives in small pieces that use the burst up almost immediately (measured: 1024 KiB saved under 1 s).`,
      fix: 'Drop rate-initial-burst here and raise rate-limit instead, or serve the large files statically where the burst works.',
    }));
}
