// `rate-limit` set where RATE_LIMIT is not in the output filter chain: the variable alone does nothing.

import type { Finding } from '../finding.ts';
import type { RuleContext } from '../rule-context.ts';

export function rateWithoutRatelimitFilter(ctx: RuleContext): Finding[] {
  const key = (s: { file: string; line: number }) => `${s.file}:${s.line}`;
  // A rate set once (e.g. server-wide SetEnvIf) and used by a filtered location elsewhere is intended.
  const used = new Set(ctx.limited.filter((l) => l.rule.rateSource !== undefined).map((l) => key(l.rule.rateSource!)));
  return ctx.all
    .filter((l) => l.rule.filter === undefined && l.rule.rateSource !== undefined && !used.has(key(l.rule.rateSource)))
    .map((l) => ({
      rule: 'rate-without-ratelimit-filter',
      severity: 'warning' as const,
      subject: l.subject,
      file: l.rule.rateSource!.file,
      line: l.rule.rateSource!.line,
      message: `rate-limit is set for ${l.subject} but RATE_LIMIT is not in its output filter chain, so no limit is applied.`,
      fix: 'Add `SetOutputFilter RATE_LIMIT` (or AddOutputFilterByType RATE_LIMIT <types>) in the same scope, and `a2enmod ratelimit`.',
    }));
}
