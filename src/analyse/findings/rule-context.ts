// What every config rule needs: the rate-limited locations with the daemon serving them, and the mod_wsgi version.

import type { ConfigModel, LocationModel, RateLimitRule, WsgiDaemonModel } from '../../config/apache/config-model.ts';
import { type AccessLogFormat, listAccessLogFormats } from './list-access-log-formats.ts';

export interface FindingContext {
  /** mod_wsgi version (`--mod-wsgi-version`, or the AH00489 startup line's `mod_wsgi/X.Y.Z`). */
  modWsgiVersion?: string;
  /** Access-log formats per vhost; default: listAccessLogFormats(model). */
  accessFormats?: AccessLogFormat[];
}

export interface LimitedLocation {
  rule: RateLimitRule;
  location?: LocationModel;
  daemon?: WsgiDaemonModel;
  /** `vhost location`: the finding subject. */
  subject: string;
}

export interface RuleContext {
  model: ConfigModel;
  /** undefined when not known. */
  modWsgi?: number[];
  /** True / false when known from the version or from 6.0.2-only options; undefined when unknown. */
  atLeast602?: boolean;
  /** Rules with RATE_LIMIT in the chain. */
  limited: LimitedLocation[];
  /** Every rate rule with its location and daemon. */
  all: LimitedLocation[];
  accessFormats: AccessLogFormat[];
}

export const FIXED_VERSION = [6, 0, 2];

export function parseVersion(v: string | undefined): number[] | undefined {
  // (?<!\d): the match starts at a digit run's start, as before, without rescanning a long run from each of its digits
  const m = /(?<!\d)(\d+)\.(\d+)(?:\.(\d+))?/.exec(v ?? '');
  return m === null ? undefined : [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
}

export function compareVersions(a: number[], b: number[]): number {
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}

export function buildRuleContext(model: ConfigModel, context: FindingContext = {}): RuleContext {
  const daemons = new Map(model.daemons.map((d) => [d.name, d]));
  const all = model.rateLimits.map((rule) => {
    const location = model.locations.find(
      (l) => l.vhost === rule.vhost && l.location === rule.location && l.match === rule.match,
    );
    const daemon = location?.processGroup === undefined ? undefined : daemons.get(location.processGroup);
    return { rule, location, daemon, subject: `${rule.vhost} ${rule.location}` };
  });
  const modWsgi = parseVersion(context.modWsgiVersion);
  // A 4.x server refuses response-flush-delay: its presence proves ≥ 6.0.2 (domain doc §1.7).
  const proves602 = model.daemons.some((d) => d.options['response-flush-delay'] !== undefined);
  const atLeast602 =
    modWsgi !== undefined ? compareVersions(modWsgi, FIXED_VERSION) >= 0 : proves602 ? true : undefined;
  return {
    model,
    modWsgi,
    atLeast602,
    limited: all.filter((l) => l.rule.filter !== undefined),
    all,
    accessFormats: context.accessFormats ?? listAccessLogFormats(model),
  };
}
