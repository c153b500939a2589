// Issue #7 fault injection against the real CLI: the agent keeps running, reports the fault (metric and log) and
// recovers when the fault is fixed. Permission faults need a non-root agent (root ignores mode bits): the agent runs as
// `nobody` when the tests run as root, and those cases are skipped otherwise.

import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, chownSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ReadableRuntime, readableRuntime } from '../support/lab/readable-runtime.ts';
import { CLI_ARGS, waitFor } from './real-cli.ts';

const isRoot = process.getuid?.() === 0;
// Disk full is simulated with a tiny tmpfs in a private mount namespace (root, util-linux unshare/nsenter).
const canMountTmpfs =
  isRoot &&
  spawnSync('unshare', ['-m', 'sh', '-c', 'mount -t tmpfs -o size=64k tmpfs /mnt']).status === 0 &&
  spawnSync('nsenter', ['--version']).status === 0;
const NOBODY = 65534;
const LINE = (n: number) => `127.0.0.1 - - [23/Nov/2026:20:40:02 +0000] "GET /f/${n} HTTP/1.1" 200 5 "-" "t"\n`;

interface Running {
  child: ChildProcess;
  port: number;
  log: () => string;
  metrics: () => Promise<string>;
  stop: () => Promise<void>;
}

// The agent as nobody runs from a copy when the checkout is out of nobody's reach (a clone under a 0700 home).
let nobodyRuntime: ReadableRuntime | undefined;
function runtimeForNobody(): ReadableRuntime {
  if (nobodyRuntime === undefined) {
    nobodyRuntime = readableRuntime(['package.json', 'src', 'node_modules']);
    if (nobodyRuntime.copiedBecause) console.log(nobodyRuntime.copiedBecause);
  }
  return nobodyRuntime;
}

/** `wrap`: a command that execs the agent (its arguments follow), e.g. `unshare -m sh -c '…; exec "$0" "$@"'`. */
async function startAgent(args: string[], port: number, asNobody: boolean, wrap: string[] = []): Promise<Running> {
  let out = '';
  const runtime = asNobody ? runtimeForNobody() : undefined;
  const [cmd, ...cmdArgs] = [...wrap, runtime?.node ?? process.execPath];
  const child = spawn(
    cmd,
    [...cmdArgs, ...CLI_ARGS, 'run', '--web.listen-address', `127.0.0.1:${port}`, '--log-level', 'debug', ...args],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      cwd: runtime?.root,
      ...(asNobody ? { uid: NOBODY, gid: NOBODY } : {}),
      env: { ...process.env, HOME: tmpdir() },
    },
  );
  child.stdout?.on('data', (c) => (out += c));
  child.stderr?.on('data', (c) => (out += c));
  const metrics = async () => (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  await waitFor(
    async () => (await fetch(`http://127.0.0.1:${port}/-/ready`)).ok,
    () => out,
  );
  return {
    child,
    port,
    log: () => out,
    metrics,
    stop: () =>
      new Promise<void>((r) => {
        if (child.exitCode !== null) return r();
        child.once('exit', () => r());
        child.kill('SIGTERM');
      }),
  };
}

describe('fault injection (real CLI)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wsgiwatch-faults-'));
    chmodSync(dir, 0o755);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    nobodyRuntime?.cleanup();
  });

  it.runIf(isRoot)('log directory without read permission: reported, retried, picked up when fixed', async () => {
    const logs = join(dir, 'locked');
    mkdirSync(logs, { mode: 0o700 });
    writeFileSync(join(logs, 'access.log'), '');
    const state = join(dir, 'state-locked');
    mkdirSync(state);
    chownSync(state, NOBODY, NOBODY);
    const a = await startAgent(
      ['--access-log', join(logs, 'access.log'), '--positions', join(state, 'p.json'), '--from-beginning'],
      18760,
      true,
    );
    try {
      await waitFor(
        async () => /wsgiwatch_log_read_errors_total\{log="access",path="[^"]+"\} [1-9]/.test(await a.metrics()),
        a.log,
      );
      expect(await a.metrics()).toMatch(/wsgiwatch_log_file_open\{log="access",path="[^"]+"\} 0/);
      expect(a.log()).toMatch(/EACCES|permission denied/i);
      appendFileSync(join(logs, 'access.log'), LINE(1) + LINE(2));
      chmodSync(logs, 0o755);
      chmodSync(join(logs, 'access.log'), 0o644);
      await waitFor(
        async () => /wsgiwatch_log_lines_read_total\{log="access",path="[^"]+"\} 2/.test(await a.metrics()),
        a.log,
      );
      expect(await a.metrics()).toMatch(/wsgiwatch_log_file_open\{log="access",path="[^"]+"\} 1/);
    } finally {
      await a.stop();
    }
  });

  it.runIf(isRoot)('positions file not writable: reported, the agent keeps reading, written once fixed', async () => {
    const logs = join(dir, 'pos-ro');
    mkdirSync(logs);
    writeFileSync(join(logs, 'access.log'), '');
    chmodSync(join(logs, 'access.log'), 0o644);
    const state = join(dir, 'state-ro');
    mkdirSync(state, { mode: 0o755 }); // owned by root: nobody cannot create the positions file
    const a = await startAgent(
      ['--access-log', join(logs, 'access.log'), '--positions', join(state, 'p.json'), '--from-beginning'],
      18761,
      true,
    );
    try {
      appendFileSync(join(logs, 'access.log'), LINE(1));
      await waitFor(() => /positions/.test(a.log()) && /EACCES|permission denied/i.test(a.log()), a.log);
      await waitFor(
        async () => /wsgiwatch_log_lines_read_total\{log="access",path="[^"]+"\} 1/.test(await a.metrics()),
        a.log,
      );
      chownSync(state, NOBODY, NOBODY);
      await waitFor(() => spawnSync('test', ['-s', join(state, 'p.json')]).status === 0, a.log);
    } finally {
      await a.stop();
    }
  });

  it('log directory removed and recreated: the new file is followed from its start', async () => {
    const logs = join(dir, 'gone');
    mkdirSync(logs);
    writeFileSync(join(logs, 'access.log'), LINE(1));
    const a = await startAgent(
      ['--access-log', join(logs, 'access.log'), '--positions', join(dir, 'gone-p.json'), '--from-beginning'],
      18762,
      false,
    );
    try {
      await waitFor(
        async () => /wsgiwatch_log_lines_read_total\{log="access",path="[^"]+"\} 1/.test(await a.metrics()),
        a.log,
      );
      rmSync(logs, { recursive: true, force: true });
      await waitFor(
        async () => /wsgiwatch_log_file_open\{log="access",path="[^"]+"\} 0/.test(await a.metrics()),
        a.log,
      );
      mkdirSync(logs);
      writeFileSync(join(logs, 'access.log'), LINE(2) + LINE(3));
      await waitFor(
        async () => /wsgiwatch_log_lines_read_total\{log="access",path="[^"]+"\} 3/.test(await a.metrics()),
        a.log,
      );
    } finally {
      await a.stop();
    }
  });

  it('corrupt positions file: a clear message and a safe fallback (files treated as new)', async () => {
    const logs = join(dir, 'corrupt');
    mkdirSync(logs);
    writeFileSync(join(logs, 'access.log'), LINE(1));
    writeFileSync(join(dir, 'corrupt-p.json'), '{"version": 1, "files": [ {"torn');
    const a = await startAgent(
      ['--access-log', join(logs, 'access.log'), '--positions', join(dir, 'corrupt-p.json')],
      18763,
      false,
    );
    try {
      await waitFor(() => /positions-reset/.test(a.log()), a.log);
      appendFileSync(join(logs, 'access.log'), LINE(2));
      await waitFor(
        async () => /wsgiwatch_log_lines_read_total\{log="access",path="[^"]+"\} [12]/.test(await a.metrics()),
        a.log,
      );
    } finally {
      await a.stop();
    }
  });

  it('an Apache config with an include loop or a 10 MB directive: a message with file:line, exit 2, no stack trace', () => {
    const conf = join(dir, 'loop.conf');
    writeFileSync(conf, `Include ${conf}\n`);
    const loop = spawnSync(process.execPath, [...CLI_ARGS, 'check', '--apache-config', conf], {
      encoding: 'utf8',
    });
    expect(loop.status).toBe(2);
    expect(loop.stdout + loop.stderr).toMatch(new RegExp(`${conf.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:1`));
    expect(loop.stdout + loop.stderr).not.toMatch(/\n\s+at /);
    const big = join(dir, 'big.conf');
    writeFileSync(big, `ServerRoot ${dir}\nLogFormat "${'%h '.repeat(3_500_000)}" huge\nBogusDirective x\n`);
    const huge = spawnSync(process.execPath, [...CLI_ARGS, 'check', '--apache-config', big], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(huge.status).toBe(2);
    expect(huge.stdout + huge.stderr).toMatch(/big\.conf:3/);
    expect(huge.stdout + huge.stderr).not.toMatch(/\n\s+at /);
  });

  it('the listen address taken, invalid, or a TLS file unreadable: one line each, no stack trace (exit 1, 2, 2)', async () => {
    const holder = await startAgent(
      ['--access-log', join(dir, 'held.log'), '--positions', join(dir, 'held.json')],
      18765,
      false,
    );
    try {
      const agent = (address: string, ...more: string[]) =>
        spawnSync(
          process.execPath,
          [...CLI_ARGS, 'run', '--access-log', join(dir, 'x.log'), '--web.listen-address', address, ...more],
          { encoding: 'utf8', timeout: 30_000 },
        );
      const webConfig = join(dir, 'web.yml');
      writeFileSync(
        webConfig,
        `tls_server_config:\n  cert_file: ${join(dir, 'none.pem')}\n  key_file: ${join(dir, 'none.pem')}\n`,
      );
      for (const [r, status, message] of [
        [agent('127.0.0.1:18765'), 1, 'cannot listen on 127.0.0.1:18765: address already in use'],
        [agent('nine'), 2, 'invalid listen address "nine"'],
        [
          agent('127.0.0.1:18766', '--web.config.file', webConfig),
          2,
          `tls_server_config.cert_file ${join(dir, 'none.pem')}: cannot read: ENOENT`,
        ],
      ] as const) {
        expect(r.status, r.stderr).toBe(status);
        expect(r.stderr).toContain(`wsgiwatch: ${message}`);
        expect(r.stdout + r.stderr).not.toMatch(/\n\s+at /);
      }
    } finally {
      await holder.stop();
    }
  });

  it.runIf(canMountTmpfs)(
    'positions on a full disk (ENOSPC): reported (metric and log), reading goes on, written once space is freed',
    async () => {
      const logs = join(dir, 'enospc-logs');
      mkdirSync(logs);
      writeFileSync(join(logs, 'access.log'), '');
      const state = join(dir, 'enospc-state');
      mkdirSync(state);
      // A 256 KiB tmpfs over the state directory, filled up, in the agent's own mount namespace (the filesystem is full
      // before the first write). `unshare` execs: the child's pid is the agent's, for nsenter below.
      const script = `mount -t tmpfs -o size=256k tmpfs ${state} && head -c 262144 /dev/zero > ${state}/filler; exec "$0" "$@"`;
      const a = await startAgent(
        ['--access-log', join(logs, 'access.log'), '--positions', join(state, 'p.json'), '--from-beginning'],
        18764,
        false,
        ['unshare', '-m', 'sh', '-c', script],
      );
      const inNamespace = (...cmd: string[]) =>
        spawnSync('nsenter', ['-t', String(a.child.pid), '-m', ...cmd], { encoding: 'utf8' });
      try {
        appendFileSync(join(logs, 'access.log'), LINE(1) + LINE(2));
        await waitFor(async () => /wsgiwatch_positions_write_errors_total [1-9]/.test(await a.metrics()), a.log);
        expect(a.log()).toMatch(/tail positions-error/);
        expect(a.log()).toMatch(/ENOSPC|no space left/i);
        await waitFor(
          async () => /wsgiwatch_log_lines_read_total\{log="access",path="[^"]+"\} 2/.test(await a.metrics()),
          a.log,
        );
        expect(a.child.exitCode).toBeNull();
        // Free the space: the next sync writes the positions file and says so.
        expect(inNamespace('rm', join(state, 'filler')).status).toBe(0);
        await waitFor(() => /"offset":\s*\d{3}/.test(inNamespace('cat', join(state, 'p.json')).stdout ?? ''), a.log);
        await waitFor(() => /tail positions-recovered/.test(a.log()), a.log);
      } finally {
        await a.stop();
      }
    },
  );
});
