// The one line that leads every view when a daemon group's response-flush-delay or response-buffer-size is mis-set:
// the group, its current value, the rate-limited locations it throttles (with their ratio), the recommended value.

import type { ConfigModel } from '../../config/apache/config-model.ts';
import type { Finding } from './finding.ts';
import { buildRuleContext } from './rule-context.ts';
import { FLUSH_DELAY_LIMIT_MS } from './rules/flush-delay-too-long.ts';

export interface BannerLocation {
  vhost: string;
  location: string;
  /** A host name shown before the location (fleet view). */
  host?: string;
  daemonGroup?: string;
  flushDelayMs?: number;
  /** Configured rate, KiB/s; undefined when the location has no rate limit. */
  rateKiBps?: number;
  /** `throttled`, `conforming`, … ; undefined or `insufficient-data` when not measured yet. */
  verdict?: string;
  medianRatio?: number;
}

export interface BannerDaemon {
  name: string;
  responseFlushDelayMs?: number;
  responseBufferSize?: number;
}

export interface FlushDelayBanner {
  text: string;
  /** `bad` (red) when a location is measured throttled; `warn` (yellow) otherwise. */
  tone: 'bad' | 'warn';
}

interface BannerRule {
  option: 'response-flush-delay' | 'response-buffer-size';
  recommended: string;
}

/** The rules that concern response-flush-delay or response-buffer-size, with the value each recommends. */
const BANNER_RULES: Record<string, BannerRule> = {
  'flush-delay-zero-with-ratelimit': {
    option: 'response-flush-delay',
    recommended: 'remove it (default 5 ms)',
  },
  'flush-delay-too-long': {
    option: 'response-flush-delay',
    recommended: `${FLUSH_DELAY_LIMIT_MS} ms or less (default 5 ms)`,
  },
  'small-response-buffer-with-ratelimit': {
    option: 'response-buffer-size',
    recommended: 'remove it (default 8388608)',
  },
};

function currentValue(
  rule: BannerRule,
  finding: Finding,
  groupLocations: BannerLocation[],
  daemon: BannerDaemon | undefined,
): string {
  const fromModel =
    rule.option === 'response-flush-delay'
      ? (daemon?.responseFlushDelayMs ?? groupLocations.find((l) => l.flushDelayMs !== undefined)?.flushDelayMs)
      : daemon?.responseBufferSize;
  if (fromModel !== undefined) return String(fromModel);
  // The snapshot carries no buffer size: the finding's message names it (`response-buffer-size=65536`).
  const m = new RegExp(`${rule.option}=(\\d+)|waits (\\d+) ms`).exec(finding.message);
  return m?.[1] ?? m?.[2] ?? '?';
}

function describeLocation(l: BannerLocation): string {
  const name = `${l.host ? `${l.host} ` : ''}${l.location}`;
  if (l.verdict === 'throttled')
    return `${name} (ratio ${l.medianRatio === undefined ? '?' : l.medianRatio.toFixed(2)})`;
  // `check` reads the config only; the agent has not seen enough responses yet.
  if (l.verdict === undefined) return `${name} (not measured)`;
  if (l.verdict === 'insufficient-data' || l.verdict === 'no-limit') return `${name} (not measured yet)`;
  return `${name} (${l.verdict}${l.medianRatio === undefined ? '' : `, ratio ${l.medianRatio.toFixed(2)}`})`;
}

/**
 * One banner per (daemon group, option) among the findings; empty when no finding concerns either option.
 * Pure: the dashboard, `check` and `analyse` render the same words.
 */
export function formatFlushDelayBanner(
  findings: readonly Finding[],
  locations: readonly BannerLocation[],
  daemons: readonly BannerDaemon[] = [],
): FlushDelayBanner[] {
  const out: FlushDelayBanner[] = [];
  const seen = new Set<string>();
  for (const f of findings) {
    const rule = BANNER_RULES[f.rule];
    if (rule === undefined) continue;
    const key = `${f.subject}\u0000${rule.option}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const group = f.subject;
    const limited = locations.filter((l) => l.daemonGroup === group && l.rateKiBps !== undefined);
    const throttled = limited.filter((l) => l.verdict === 'throttled');
    const value = currentValue(
      rule,
      f,
      limited,
      daemons.find((d) => d.name === group),
    );
    const where =
      throttled.length > 0
        ? `throttles ${throttled.map(describeLocation).join(', ')}`
        : limited.length > 0
          ? `serves ${limited.map(describeLocation).join(', ')} under RATE_LIMIT`
          : 'serves no rate-limited location';
    out.push({
      text: `${rule.option}=${value} on daemon group ${group} ${where} · recommended: ${rule.recommended}`,
      tone: throttled.length > 0 ? 'bad' : 'warn',
    });
  }
  // Throttling first: it is what costs users now.
  return out.sort((a, b) => (a.tone === b.tone ? 0 : a.tone === 'bad' ? -1 : 1));
}

/**
 * The banner from the Apache config: the daemons and the rate-limited locations they serve. `measured` adds verdicts
 * by (vhost, location) when there are any (`analyse`); without them (`check`) every location reads "not measured".
 */
export function formatFlushDelayBannerFromConfig(
  findings: readonly Finding[],
  model: ConfigModel,
  measured: readonly { vhost: string; location: string; verdict?: string; medianRatio?: number }[] = [],
): FlushDelayBanner[] {
  const locations = buildRuleContext(model).limited.map((l): BannerLocation => {
    const m = measured.find((x) => x.vhost === l.rule.vhost && x.location === l.rule.location);
    return {
      vhost: l.rule.vhost,
      location: l.rule.location,
      daemonGroup: l.daemon?.name,
      // RATE_LIMIT is in the chain: a rate-limited location even when its rate is invalid.
      rateKiBps: l.rule.rateKiB ?? 0,
      verdict: m?.verdict,
      medianRatio: m?.medianRatio,
    };
  });
  return formatFlushDelayBanner(findings, locations, model.daemons);
}
