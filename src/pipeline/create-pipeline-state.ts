// The bounded aggregates the agent's pipeline records into (the analyse command builds its own: other bounds, no
// label-drop counting for WSGI events).

import { createDroppedCounter } from '../state/dropped-counter.ts';
import { createParseStats } from '../state/parse-stats.ts';
import { createRateLimitStats, type RateLimitStatsOptions } from '../state/ratelimit-stats.ts';
import { createRequestStats } from '../state/request-stats.ts';
import { createWsgiStats } from '../state/wsgi-stats.ts';
import type { PipelineState } from './create-pipeline.ts';

/** Events ring of 200; WSGI label values over their cap count into `dropped`. */
export function createPipelineState(ratelimit?: RateLimitStatsOptions): PipelineState {
  const dropped = createDroppedCounter();
  return {
    requests: createRequestStats(),
    ratelimit: createRateLimitStats(ratelimit),
    wsgi: createWsgiStats(200, dropped),
    parse: createParseStats(),
    dropped,
  };
}
