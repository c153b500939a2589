// RATE_LIMIT in the chain without `rate-limit` in scope: the filter removes itself (mod_ratelimit.c:81-84).

import type { Finding } from '../finding.ts';
import type { RuleContext } from '../rule-context.ts';

export function ratelimitFilterWithoutRate(ctx: RuleContext): Finding[] {
  const key = (s: { file: string; line: number }) => `${s.file}:${s.line}`;
  // A filter set once for a whole vhost and paired with a rate somewhere under it is intended.
  const paired = new Set(
    ctx.limited.filter((l) => l.rule.rateRaw !== undefined).map((l) => key(l.rule.filter!.source)),
  );
  return ctx.limited
    .filter((l) => l.rule.rateRaw === undefined && !paired.has(key(l.rule.filter!.source)))
    .map((l) => ({
      rule: 'ratelimit-filter-without-rate',
      severity: 'warning' as const,
      subject: l.subject,
      file: l.rule.filter!.source.file,
      line: l.rule.filter!.source.line,
      message: `RATE_LIMIT is in the output filter chain for ${l.subject} but no rate-limit is set there, so the filter removes itself and nothing is limited.`,
      fix: 'Add `SetEnv rate-limit <KiB/s>` in the same scope as the filter.',
    }));
}
