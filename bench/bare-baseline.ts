// The bare baseline of the pipeline benches (issue #2 item 5: read + split + one combined regex, nothing else), in a
// module that imports nothing of src/: its child process loads this alone. Run inside a bundle that also held the
// agent, the same loop measured ~25 % slower (0.74 against 0.56 s a 1 M-line file, six alternating rounds, 2026-12-07)
// when the agent's imports grew, and the pipeline's ratio moved with them; a bare process keeps the baseline fixed
// across builds. Child entry: `node <bundle> --bare-baseline <file> <warmAt>` prints the Timed JSON.

import { open } from 'node:fs/promises';

/** BENCH_FORMAT's fields, nothing converted. */
export const COMBINED =
  /^(\S+) (\S+) (\S+) \[([^\]]+)\] "([^"\\]*(?:\\.[^"\\]*)*)" (\d{3}) (\S+) "([^"\\]*(?:\\.[^"\\]*)*)" "([^"\\]*(?:\\.[^"\\]*)*)" (\d+)$/;

export interface Timed {
  seconds: number;
  /** Seconds from line `warmAt` on, and how many lines that covered. */
  warmSeconds: number;
  warmLines: number;
}

/**
 * The bare baseline's read and split: 1 MiB blocks, split on \n at the Buffer level, `onLine` on each line (true: it
 * matched); timed as a whole and from the `warmAt`-th matched line on.
 */
export async function timeLines(
  file: string,
  onLine: (line: string) => boolean,
  warmAt: number,
): Promise<Timed & { matched: number }> {
  const t0 = process.hrtime.bigint();
  let tWarm = 0n;
  const fh = await open(file);
  const buf = Buffer.allocUnsafe(1 << 20);
  let carry = Buffer.alloc(0);
  let matched = 0;
  let pos = 0;
  for (;;) {
    const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
    if (bytesRead === 0) break;
    pos += bytesRead;
    const chunk = carry.length ? Buffer.concat([carry, buf.subarray(0, bytesRead)]) : buf.subarray(0, bytesRead);
    const last = chunk.lastIndexOf(10);
    const text = chunk.toString('utf8', 0, last);
    carry = Buffer.from(chunk.subarray(last + 1));
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      const line = nl === -1 ? text.slice(start) : text.slice(start, nl);
      if (onLine(line)) matched++;
      if (matched === warmAt) tWarm = process.hrtime.bigint();
      if (nl === -1) break;
      start = nl + 1;
    }
  }
  await fh.close();
  const t1 = process.hrtime.bigint();
  return {
    seconds: Number(t1 - t0) / 1e9,
    matched,
    warmSeconds: Number(t1 - tWarm) / 1e9,
    warmLines: matched - warmAt,
  };
}

if (process.argv[2] === '--bare-baseline') {
  const [file, warmAt] = process.argv.slice(3);
  const r = await timeLines(file, (line) => COMBINED.exec(line) !== null, Number(warmAt));
  console.log(JSON.stringify(r));
}
