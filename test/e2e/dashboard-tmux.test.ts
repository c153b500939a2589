// Issue #5 acceptance 1–2: the real dashboard in a real terminal (tmux): `wsgiwatch demo` populates every panel within
// seconds, keys are sent with send-keys, the screen is read with capture-pane, and q restores the terminal.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTmuxServer, HAS_TMUX } from './tmux-server.ts';

const server = createTmuxServer('wsgiwatch-test');
const { tmux } = server;
const waitForScreen = (ok: (s: string) => boolean, ms = 15_000, session = 'dash') =>
  server.waitForScreen(session, ok, ms);

describe.skipIf(!HAS_TMUX)('dashboard in tmux', () => {
  let started = 0;
  beforeAll(() => {
    const cmd = `${process.execPath} --import tsx src/cli/main.ts demo --duration 60; echo "EXITED $?"; sleep 30`;
    tmux('new-session', '-d', '-s', 'dash', '-x', '100', '-y', '30', cmd);
    started = Date.now();
  });
  afterAll(() => server.close());

  it('shows the demo with the rate-limit panel populated within 5 s of start-up', async () => {
    const s = await waitForScreen((x) => x.includes('THROTTLED') && x.includes('CONFORMING'));
    // Node + tsx start-up on a loaded 2-core box is part of the time; the budget is generous but bounded.
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(s).toMatch(/Apache 2\.4\.71 · mod_wsgi 6\.0\.5 · Python 3\.11/);
    expect(s).toMatch(/\/downloads\s+1000\s+\d+\s+\d+\s+0\.\d\d THROTTLED/);
    expect(s).toMatch(/\/reports .* INEFFECTIVE/);
  });

  it('2 shows mod_wsgi events with WSGI0210 and the 500 it broke; tab moves to findings', async () => {
    tmux('send-keys', '-t', 'dash', '2');
    const events = await waitForScreen((x) => x.includes('codes: WSGI0210'));
    expect(events).toMatch(/WSGI0210\s+GET \/legacy\/export → 500/);
    expect(events).toContain('child-crash');
    tmux('send-keys', '-t', 'dash', 'Tab');
    // The banner names the group on every panel; the findings table names the rule.
    const findings = await waitForScreen((x) => x.includes('flush-delay-zero-with-ratelimit'));
    expect(findings).toContain('response-flush-delay=0 on daemon group shop');
  });

  it('enter opens details, ? shows help, / filters', async () => {
    tmux('send-keys', '-t', 'dash', '1');
    await waitForScreen((x) => x.includes('THROTTLED'));
    tmux('send-keys', '-t', 'dash', 'Enter');
    await waitForScreen((x) => x.includes('daemon group shop, response-flush-delay 0 ms'));
    tmux('send-keys', '-t', 'dash', 'Escape');
    tmux('send-keys', '-t', 'dash', '?');
    await waitForScreen((x) => x.includes('pause / resume the refresh'));
    tmux('send-keys', '-t', 'dash', '?');
    await waitForScreen((x) => !x.includes('pause / resume the refresh'));
    tmux('send-keys', '-t', 'dash', '/');
    await waitForScreen((x) => x.includes('enter apply'));
    tmux('send-keys', '-t', 'dash', 'stat');
    await waitForScreen((x) => x.includes('/stat'));
    tmux('send-keys', '-t', 'dash', 'Enter');
    const filtered = await waitForScreen((x) => x.includes('filter "stat"'));
    expect(filtered).toContain('/static');
    // No /downloads row (the banner above still names it).
    expect(filtered).not.toMatch(/^\/downloads\s+1000/m);
  });

  it('q quits with exit code 0 and the terminal restored (alternate screen left)', async () => {
    tmux('send-keys', '-t', 'dash', 'q');
    const s = await waitForScreen((x) => x.includes('EXITED'));
    expect(s).toContain('EXITED 0');
    expect(s).not.toContain('THROTTLED');
  });
});

describe.skipIf(!HAS_TMUX)('top stops cleanly on a signal', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'wsgiwatch-top-signal-'));
  });
  afterAll(() => {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  // SIGTERM (kill), SIGHUP (the terminal closed) and SIGINT quit as `q` does: the in-process agent stops and flushes its
  // positions, instead of the process dying with a positions write in flight.
  it.each(['SIGTERM', 'SIGHUP', 'SIGINT'] as const)(
    '%s: exit code 0, the terminal restored, positions flushed',
    async (signal) => {
      const log = join(dir, `${signal}.log`);
      const positions = join(dir, `${signal}.json`);
      const line = '198.51.100.9 - - [24/Nov/2026:02:30:00 +0000] "GET /x HTTP/1.1" 200 5 "-" "t"\n';
      writeFileSync(log, line.repeat(3));
      const session = `top-${signal}`;
      const cmd = `${process.execPath} --import tsx src/cli/main.ts top --access-log ${log} --from-beginning --positions ${positions}; echo "EXITED $?"; sleep 30`;
      tmux('new-session', '-d', '-s', session, '-x', '100', '-y', '30', cmd);
      await waitForScreen((s) => s.includes('wsgiwatch ·'), 15_000, session);
      // The pane runs `sh -c …`; the dashboard is its child.
      const shell = tmux('list-panes', '-t', session, '-F', '#{pane_pid}').trim();
      const node = Number(execFileSync('pgrep', ['-P', shell], { encoding: 'utf8' }).trim().split('\n')[0]);
      process.kill(node, signal);
      const s = await waitForScreen((x) => x.includes('EXITED'), 15_000, session);
      expect(s).toContain('EXITED 0');
      expect(s).not.toContain('wsgiwatch ·');
      const saved = JSON.parse(readFileSync(positions, 'utf8')) as { files: { path: string; offset: number }[] };
      expect(saved.files.find((f) => f.path === log)?.offset).toBe(line.length * 3);
    },
  );
});
