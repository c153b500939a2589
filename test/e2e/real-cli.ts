// Helpers for tests of the real CLI in a child process.

/** argv after the node binary: the CLI from source, as `npm start` runs it. */
export const CLI_ARGS = ['--import', 'tsx', 'src/cli/main.ts'] as const;

// Polls `check` every 100 ms until it holds (a throw counts as not yet); fails after `ms` with the tail of `detail()`
// (the child's output), so a CLI that never got there says why.
export async function waitFor(
  check: () => Promise<boolean> | boolean,
  detail: () => string = () => '',
  ms = 15_000,
): Promise<void> {
  const t0 = Date.now();
  while (
    !(await Promise.resolve()
      .then(check)
      .catch(() => false))
  ) {
    if (Date.now() - t0 > ms) throw new Error(`not reached within ${ms} ms\n${detail().slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
