// Structured figures a benchmark hands to `npm run bench` (bench/run-all.ts stores them in bench/out/results.json, from
// which scripts/write-benchmarks-doc.ts writes docs/benchmarks.md): one marked stdout line, beside the human output.

export const RESULT_MARKER = '@result ';

export function printResult(result: Record<string, unknown>): void {
  process.stdout.write(`${RESULT_MARKER}${JSON.stringify(result)}\n`);
}
