// Issue #5 acceptance 3 in a real terminal: log lines carrying OSC (window title, hyperlink), CSI (clear screen, colours)
// and bidi overrides are shown by `wsgiwatch top` as inert text; tmux's pane title and screen are not touched.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const SOCKET = `wsgiwatch-test-evil-${process.pid}`;
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });

let hasTmux = true;
try {
  execFileSync('tmux', ['-V']);
} catch {
  hasTmux = false;
}

const EVIL = '\x1b]0;pwned\x07\x1b[2J\x1b[41mRED\x1b]8;;http://evil.example/\x1b\\click\x1b]8;;\x1b\\ \u202Eexe.txt';

describe.skipIf(!hasTmux)('malicious log lines under the real dashboard', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'wsgiwatch-evil-'));
    writeFileSync(
      join(dir, 'error.log'),
      `[Tue Nov 24 02:30:00.000001 2026] [wsgi:error] [pid 4130:tid 4147] [remote 198.51.100.9:40000] mod_wsgi (pid=4130): Exception occurred processing WSGI script '/srv/x${EVIL}'.\n`,
    );
    writeFileSync(
      join(dir, 'access.log'),
      `198.51.100.9 - - [24/Nov/2026:02:30:00 +0000] "GET /x${EVIL} HTTP/1.1" 500 531 "-" "${EVIL}"\n`,
    );
    const cmd = `${process.execPath} --import tsx src/cli/main.ts top --access-log ${dir}/access.log --error-log ${dir}/error.log --from-beginning --positions ${dir}/positions.json --duration 30; sleep 30`;
    tmux('new-session', '-d', '-s', 'evil', '-x', '100', '-y', '30', cmd);
    tmux('select-pane', '-t', 'evil', '-T', 'clean');
  });
  afterAll(async () => {
    // The dashboard (the pane's `sh -c` child) stops on the SIGHUP of kill-server and writes its positions into `dir`
    // as it goes: wait for it to exit before removing `dir` (removing it under a writer failed with ENOTEMPTY).
    let dashboard: number | undefined;
    try {
      const shell = tmux('list-panes', '-t', 'evil', '-F', '#{pane_pid}').trim();
      dashboard = Number(execFileSync('pgrep', ['-P', shell], { encoding: 'utf8' }).trim().split('\n')[0]) || undefined;
    } catch {}
    try {
      tmux('kill-server');
    } catch {}
    const alive = (pid: number) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    for (const t0 = Date.now(); dashboard !== undefined && alive(dashboard) && Date.now() - t0 < 10_000; ) {
      await new Promise((r) => setTimeout(r, 50));
    }
    // kill-server leaves the socket file behind.
    rmSync(join(process.env.TMUX_TMPDIR ?? '/tmp', `tmux-${process.getuid?.() ?? 0}`, SOCKET), { force: true });
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the escape sequences as visible pictures and leaves the terminal state alone', async () => {
    tmux('send-keys', '-t', 'evil', '2');
    const t0 = Date.now();
    let screen = '';
    while (!screen.includes('Exception occurred')) {
      if (Date.now() - t0 > 15_000) throw new Error(`no event on screen:\n${screen}`);
      await new Promise((r) => setTimeout(r, 100));
      screen = tmux('capture-pane', '-p', '-t', 'evil');
      if (!screen.includes('codes:')) tmux('send-keys', '-t', 'evil', '2');
    }
    tmux('send-keys', '-t', 'evil', 'Enter');
    await new Promise((r) => setTimeout(r, 1500));
    screen = tmux('capture-pane', '-p', '-t', 'evil');
    expect(screen).toContain('␛]0;pwned␇');
    expect(screen).toContain('wsgiwatch ·'); // not cleared by ESC[2J
    expect(tmux('display-message', '-p', '-t', 'evil', '#{pane_title}').trim()).toBe('clean');
    // With escapes (-e): only SGR from the dashboard itself, no red background from the log line, no OSC 8 link.
    const raw = tmux('capture-pane', '-p', '-e', '-t', 'evil');
    expect(raw).not.toContain('\x1b[41m');
    expect(raw).not.toContain('\x1b]8;');
    expect(raw).not.toContain('\u202E');
  });
});
