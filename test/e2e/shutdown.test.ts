// The real CLI stopped the way `npm start` and `timeout` stop it: the same signal twice, at once (npm forwards the one
// the terminal or timeout's process group already sent). The agent must still stop cleanly: exit 0, positions written
// to the end of what it read, no temp file left, into a positions directory that did not exist (the default
// `.wsgiwatch/` of a fresh checkout).

import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ARGS, waitFor } from './real-cli.ts';

const LINES = 2000;
const line = (n: number) => `127.0.0.1 - - [23/Nov/2026:20:40:02 +0000] "GET /f/${n} HTTP/1.1" 200 5 "-" "t"\n`;

describe('stopping the real CLI', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wsgiwatch-shutdown-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  // `npm start` and `timeout` in one: a shell that runs the agent and forwards SIGTERM to it, signalled as a process
  // group, so the agent gets the group's SIGTERM and, a moment later while stopping, the forwarded one.
  const FORWARDER = 'trap \'kill -TERM $child 2>/dev/null\' TERM; "$@" & child=$!; wait $child; wait $child';
  const cases = [
    {
      name: 'SIGTERM to the process group of a wrapper that forwards it (npm start, timeout)',
      signal: 'SIGTERM',
      wrap: true,
    },
    { name: 'SIGINT twice at once', signal: 'SIGINT', wrap: false },
  ] as const;

  for (const { name, signal, wrap } of cases) {
    it(`${name}: exit 0, positions at the end in a directory it created, no temp file`, async () => {
      const log = join(dir, `access-${signal}.log`);
      writeFileSync(log, Array.from({ length: LINES }, (_, i) => line(i)).join(''));
      const stateDir = join(dir, `state-${signal}`, 'wsgiwatch');
      const positions = join(stateDir, 'positions.json');
      const port = signal === 'SIGTERM' ? 18791 : 18792;
      let out = '';
      const agentArgs = [
        process.execPath,
        ...CLI_ARGS,
        'run',
        '--web.listen-address',
        `127.0.0.1:${port}`,
        '--access-log',
        log,
        '--positions',
        positions,
        '--from-beginning',
      ];
      const [cmd, ...args] = wrap ? ['sh', '-c', FORWARDER, 'sh', ...agentArgs] : agentArgs;
      const child = spawn(cmd as string, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: wrap });
      child.stdout.on('data', (c) => (out += c));
      child.stderr.on('data', (c) => (out += c));
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        child.once('exit', (code, sig) => resolve({ code, signal: sig })),
      );
      const lines = new RegExp(`wsgiwatch_log_lines_read_total\\{log="access",path="[^"]+"\\} ${LINES}\\b`);
      await waitFor(
        async () => lines.test(await (await fetch(`http://127.0.0.1:${port}/metrics`)).text()),
        () => out,
      );

      if (wrap) process.kill(-(child.pid as number), signal);
      else {
        child.kill(signal);
        child.kill(signal);
      }
      // The wrapper exits with the agent's status (143 had the forwarded SIGTERM killed it).
      expect(await exited, out).toEqual({ code: 0, signal: null });

      expect(out).toContain('"msg":"stopping"');
      expect(existsSync(positions), out).toBe(true);
      const saved = JSON.parse(readFileSync(positions, 'utf8')) as { files: { path: string; offset: number }[] };
      expect(saved.files.map((f) => [f.path, f.offset])).toEqual([[log, statSync(log).size]]);
      expect(readdirSync(stateDir)).toEqual(['positions.json']);
    });
  }
});
