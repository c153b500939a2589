// What a worker of `analyse --jobs` hands back: its engine's aggregates of the access lines it read, as plain data,
// and the merge of such a part into the main thread's engine. Each state module owns its part() and merge(); a module
// that access lines record into is listed here (the error log's state — events, tracebacks, versions — is read in the
// main thread only, in file order).

import type { ParseStatsPart } from '../state/parse-stats.ts';
import type { PathSegmentStatsPart } from '../state/path-segment-stats.ts';
import type { RateLimitStatsPart } from '../state/ratelimit-stats.ts';
import type { RequestStatsPart } from '../state/request-stats.ts';
import type { Engine } from './create-engine.ts';

export interface EnginePart {
  requests: RequestStatsPart;
  ratelimit: RateLimitStatsPart;
  parse: ParseStatsPart;
  dropped: [string, number][];
  pathSegments?: PathSegmentStatsPart;
}

export function takeEnginePart(engine: Engine): EnginePart {
  const { state } = engine;
  return {
    requests: state.requests.part(),
    ratelimit: state.ratelimit.part(),
    parse: state.parse.part(),
    dropped: state.dropped.entries(),
    ...(engine.pathSegments !== undefined ? { pathSegments: engine.pathSegments.part() } : {}),
  };
}

/** Whether a part can be merged exactly: else (a bound reached within the part) its lines are read again here. */
export function canMergeEnginePart(part: EnginePart): boolean {
  return part.pathSegments?.folded !== true;
}

/** Folds a part into the engine; parts must come in file order (the verdict windows and slots keep the latest). */
export function mergeEnginePart(engine: Engine, part: EnginePart): void {
  const { state } = engine;
  state.requests.merge(part.requests);
  state.ratelimit.merge(part.ratelimit);
  state.parse.merge(part.parse);
  state.dropped.merge(part.dropped);
  if (part.pathSegments !== undefined) engine.pathSegments?.merge(part.pathSegments);
}
