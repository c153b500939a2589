// Without an Apache config, the user's `locations` (wsgiwatch config file) become a minimal ConfigModel so that the same
// matcher gives the bounded `location` label and the rate rule.

import type { ConfigModel } from '../config/apache/config-model.ts';
import type { LocationOption } from './engine-options.ts';

export function modelFromLocationOptions(locations: LocationOption[]): ConfigModel {
  const source = { file: '(wsgiwatch config)', line: 0 };
  const vhostOf = (l: LocationOption) => l.vhost ?? 'default';
  const groups = [...new Set(locations.map((l) => l.processGroup).filter((g): g is string => g !== undefined))];
  return {
    serverRoot: '/',
    files: [],
    modules: [],
    vhosts: [],
    locations: locations.map((l) => ({
      vhost: vhostOf(l),
      location: l.prefix,
      match: 'prefix' as const,
      processGroup: l.processGroup,
      wsgi: l.processGroup !== undefined,
      source,
      conditional: false,
    })),
    rateLimits: locations
      .filter((l) => l.rateLimitKiB !== undefined)
      .map((l) => ({
        vhost: vhostOf(l),
        location: l.prefix,
        match: 'prefix' as const,
        filter: { how: 'SetOutputFilter' as const, source },
        rateRaw: String(l.rateLimitKiB),
        rateKiB: l.rateLimitKiB,
        rateSource: source,
        rateHow: 'SetEnv' as const,
        burstRaw: l.rateInitialBurstKiB === undefined ? undefined : String(l.rateInitialBurstKiB),
        burstKiB: l.rateInitialBurstKiB,
        conditional: false,
      })),
    daemons: groups.map((name) => ({ name, vhost: 'default', options: {}, processes: 1, threads: 15, source })),
    logTargets: [],
    unreadableLogs: [],
    logLevels: {},
    vhostLogs: [],
    restrictEmbedded: [],
  };
}
