// What a worker of `analyse --jobs` hands back: its engine's aggregates of the access lines it read, as plain data,
// and the merge of such a part into the main thread's engine. Each state module owns its part() and merge(); a module
// that access lines record into is listed here (the error log's state — events, tracebacks, versions — is read in the
// main thread only, in file order).

import type { PipelineState } from '../pipeline/create-pipeline.ts';
import type { ParseStatsPart } from '../state/parse-stats.ts';
import type { RateLimitStatsPart } from '../state/ratelimit-stats.ts';
import type { RequestStatsPart } from '../state/request-stats.ts';

export interface EnginePart {
  requests: RequestStatsPart;
  ratelimit: RateLimitStatsPart;
  parse: ParseStatsPart;
  dropped: [string, number][];
}

export function takeEnginePart(state: PipelineState): EnginePart {
  return {
    requests: state.requests.part(),
    ratelimit: state.ratelimit.part(),
    parse: state.parse.part(),
    dropped: state.dropped.entries(),
  };
}

/** Folds a part into `state`; parts must come in file order (the verdict windows and slots keep the latest). */
export function mergeEnginePart(state: PipelineState, part: EnginePart): void {
  state.requests.merge(part.requests);
  state.ratelimit.merge(part.ratelimit);
  state.parse.merge(part.parse);
  state.dropped.merge(part.dropped);
}
