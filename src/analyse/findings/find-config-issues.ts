// Config findings stage: ConfigModel → Finding[] (one rule per file under rules/), deduplicated, in a stable order.

import type { ConfigModel } from '../../config/apache/config-model.ts';
import type { Finding } from './finding.ts';
import { buildRuleContext, type FindingContext, type RuleContext } from './rule-context.ts';
import { accessLogCannotMeasureThroughput } from './rules/access-log-cannot-measure-throughput.ts';
import { burstIneffectiveInDaemonMode } from './rules/burst-ineffective-in-daemon-mode.ts';
import { flushDelayTooLong } from './rules/flush-delay-too-long.ts';
import { flushDelayZeroWithRatelimit } from './rules/flush-delay-zero-with-ratelimit.ts';
import { invalidRateLimit } from './rules/invalid-rate-limit.ts';
import { logCannotBeRead } from './rules/log-cannot-be-read.ts';
import { loglevelHidesWsgiInfo } from './rules/loglevel-hides-wsgi-info.ts';
import { modWsgiBeforeFixWithRatelimit } from './rules/mod-wsgi-before-fix-with-ratelimit.ts';
import { modWsgiVersionUnknown } from './rules/mod-wsgi-version-unknown.ts';
import { rateWithoutRatelimitFilter } from './rules/rate-without-ratelimit-filter.ts';
import { ratelimitFilterWithoutRate } from './rules/ratelimit-filter-without-rate.ts';
import { restrictEmbeddedToggled } from './rules/restrict-embedded-toggled.ts';
import { smallResponseBufferWithRatelimit } from './rules/small-response-buffer-with-ratelimit.ts';
import { undefinedProcessGroup } from './rules/undefined-process-group.ts';

export type { FindingContext } from './rule-context.ts';

export const CONFIG_RULES: ((ctx: RuleContext) => Finding[])[] = [
  flushDelayZeroWithRatelimit,
  flushDelayTooLong,
  smallResponseBufferWithRatelimit,
  modWsgiBeforeFixWithRatelimit,
  modWsgiVersionUnknown,
  restrictEmbeddedToggled,
  invalidRateLimit,
  ratelimitFilterWithoutRate,
  rateWithoutRatelimitFilter,
  burstIneffectiveInDaemonMode,
  loglevelHidesWsgiInfo,
  accessLogCannotMeasureThroughput,
  logCannotBeRead,
  undefinedProcessGroup,
];

const RANK = { error: 0, warning: 1, info: 2 } as const;

export function findConfigIssues(model: ConfigModel, context: FindingContext = {}): Finding[] {
  const ctx = buildRuleContext(model, context);
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const rule of CONFIG_RULES) {
    for (const f of rule(ctx)) {
      // A server-wide directive shows up under every vhost/location it reaches: report it once, where it is written.
      const key = `${f.rule}\u0000${f.file}\u0000${f.line}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(f);
    }
  }
  return out.sort((a, b) => RANK[a.severity] - RANK[b.severity]);
}
