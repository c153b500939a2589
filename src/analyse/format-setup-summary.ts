// What a first run should say about itself: which Apache config was read, which logs are followed, how many locations
// carry a rate limit and what that means. Pure: the dashboard's empty state, `run`'s startup log and `analyse` share it.

import { MIN_SAMPLES } from './throughput/location-verdict.ts';

export interface SetupFacts {
  /** The Apache config read; undefined when the logs were given by flag or config file. */
  apacheConfig?: string;
  logs: readonly { log: 'access' | 'error'; path: string; state?: 'waiting' | 'open' | 'error' }[];
  /** Locations with RATE_LIMIT or a rate-limit. */
  rateLimitedLocations: number;
}

export const NO_RATE_LIMIT_HINT =
  'no rate-limited location: rate-limit verdicts need mod_ratelimit (SetOutputFilter RATE_LIMIT and SetEnv rate-limit in a <Location>) — see docs/verdicts.md; `wsgiwatch demo` shows them, `wsgiwatch check` checks the config';

/** Three sentences: the config, the logs, the rate limits. */
export function formatSetupSummary(f: SetupFacts): string[] {
  const config = f.apacheConfig === undefined ? 'no Apache config read' : `read ${f.apacheConfig}`;
  const state = (s: SetupFacts['logs'][number]['state']) =>
    s === 'waiting' ? ' (waiting for it)' : s === 'error' ? ' (unreadable)' : '';
  const logs =
    f.logs.length === 0
      ? 'following no log: the config names none'
      : `following ${f.logs.map((l) => `${l.log} ${l.path}${state(l.state)}`).join(', ')}`;
  const n = f.rateLimitedLocations;
  const limits =
    n === 0
      ? NO_RATE_LIMIT_HINT
      : `${n} rate-limited location${n === 1 ? '' : 's'}: a verdict each once ${MIN_SAMPLES} responses are measured`;
  return [config, logs, limits];
}
