// Structured figures a benchmark hands to `npm run bench` (bench/run-all.ts stores them in docs/benchmarks.json, from
// which scripts/write-benchmarks-doc.ts writes docs/benchmarks.md): one marked stdout line, beside the human output.

export const RESULT_MARKER = '@result ';

export function printResult(result: Record<string, unknown>): void {
  process.stdout.write(`${RESULT_MARKER}${JSON.stringify(result)}\n`);
}

/** One benchmark's run as `npm run bench` keeps it in docs/benchmarks.json. */
export interface BenchRun {
  name: string;
  file: string;
  /** The bench file's header comment: what it measures. */
  about: string;
  /** ISO date-time the bench finished. */
  date: string;
  machine: string;
  node: string;
  /** Load average (1 min) when it started: the machine is shared. */
  load: number;
  status: number | null;
  /** What it printed, without the result lines. */
  output: string[];
  result?: Record<string, unknown>;
}

export interface BenchResults {
  benches: BenchRun[];
}
