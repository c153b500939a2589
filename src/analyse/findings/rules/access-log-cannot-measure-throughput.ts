// Throughput = bytes / duration: a rate-limited vhost's access log needs %D/%T/%{us}T and %O (or %B) (domain doc §3.3).

import type { Finding } from '../finding.ts';
import type { RuleContext } from '../rule-context.ts';

export function accessLogCannotMeasureThroughput(ctx: RuleContext): Finding[] {
  const limitedVhosts = new Set(ctx.limited.map((l) => l.rule.vhost));
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const a of ctx.accessFormats) {
    if (!limitedVhosts.has(a.vhost)) continue;
    const missing = [
      ...(a.logs.duration ? [] : ['a duration (%D)']),
      ...(a.logs.responseBytes || a.logs.bodyBytes ? [] : ['a byte count (%O)']),
    ];
    if (missing.length === 0) continue;
    const key = `${a.target.source.file}:${a.target.source.line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      rule: 'access-log-cannot-measure-throughput',
      severity: 'warning',
      subject: a.target.path,
      file: a.target.source.file,
      line: a.target.source.line,
      message: `The access log ${a.target.path} of rate-limited vhost ${a.vhost} lacks ${missing.join(' and ')}, so the achieved transfer rate cannot be measured.`,
      fix: `Log with a format that adds %D and %O, e.g. \`LogFormat "%h %l %u %t \\"%r\\" %>s %O \\"%{Referer}i\\" \\"%{User-Agent}i\\" %D %{rate-limit}e" ratelimit\` and use it in CustomLog.`,
    });
  }
  return out;
}
