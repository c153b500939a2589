// rate-limit / rate-initial-burst of 0, negative, non-numeric or above 2097151: atoi(v)*1024 is ≤ 0 or overflows an
// int, and mod_ratelimit removes itself with only an info-level AH03488/AH03489 (mod_ratelimit.c:87-105).

import { MAX_RATE_KIB } from '../../../config/apache/parse-rate-value.ts';
import type { Finding } from '../finding.ts';
import type { RuleContext } from '../rule-context.ts';

export function invalidRateLimit(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const l of ctx.all) {
    const r = l.rule;
    const checks = [
      { name: 'rate-limit', raw: r.rateRaw, kib: r.rateKiB, source: r.rateSource, effect: 'the limit is switched off' },
      {
        name: 'rate-initial-burst',
        raw: r.burstRaw,
        kib: r.burstKiB,
        source: r.burstSource,
        effect: 'no burst is given',
      },
    ];
    for (const c of checks) {
      if (c.raw === undefined || c.kib !== undefined || c.source === undefined) continue;
      if (/\$\d|\$\{|%\{/.test(c.raw)) continue;
      out.push({
        rule: 'invalid-rate-limit',
        severity: 'warning',
        subject: l.subject,
        file: c.source.file,
        line: c.source.line,
        message: `${c.name} "${c.raw}" is not a whole number between 1 and ${MAX_RATE_KIB} KiB, so mod_ratelimit ignores it and ${c.effect} for ${l.subject}.`,
        fix: `Set ${c.name} to a whole number of KiB${c.name === 'rate-limit' ? '/s' : ''} between 1 and ${MAX_RATE_KIB}.`,
      });
    }
  }
  return out;
}
