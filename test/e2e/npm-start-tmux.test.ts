// Issue #5 acceptance 1: `npm start` on a fresh machine (no Apache) shows the demo dashboard with its panels populated,
// and `q` gives the terminal back. This machine has Apache (the tests install it), so the command runs in a private mount
// namespace where /etc/apache2 and /etc/httpd are empty: the discovery sees what a fresh machine shows.

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createTmuxServer, HAS_TMUX } from './tmux-server.ts';

const server = createTmuxServer('wsgiwatch-npm-start');
const { tmux } = server;
const waitForScreen = (ok: (s: string) => boolean, ms: number) => server.waitForScreen('start', ok, ms);

function can(cmd: string, args: string[]): boolean {
  try {
    execFileSync(cmd, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const hidden = ['/etc/apache2', '/etc/httpd'].filter((d) => existsSync(d));
// Hiding the config needs a mount namespace (root); without Apache on the machine nothing needs hiding.
const canHide = hidden.length === 0 || can('unshare', ['-m', 'true']);

describe.skipIf(!HAS_TMUX || !canHide)('npm start on a machine without Apache', () => {
  afterAll(() => server.close());

  it('shows the demo dashboard with every rate-limit verdict, then q restores the terminal', async () => {
    const mounts = hidden.map((d) => `mount -t tmpfs none ${d} && `).join('');
    const start = 'npm start --silent';
    const inner = hidden.length > 0 ? `unshare -m sh -c '${mounts}exec ${start}'` : start;
    tmux(
      'new-session',
      '-d',
      '-s',
      'start',
      '-x',
      '100',
      '-y',
      '30',
      `echo BEFORE; ${inner}; echo "EXITED $?"; sleep 30`,
    );
    const t0 = Date.now();
    const s = await waitForScreen(
      (x) => x.includes('THROTTLED') && x.includes('CONFORMING') && x.includes('INEFFECTIVE'),
      20_000,
    );
    const ms = Date.now() - t0;
    console.log(`npm start: demo populated ${ms} ms after the command started (npm + Node + tsx start-up included)`);
    // The target is 5 s on an idle machine; the bound here leaves room for a loaded 2-core CI box.
    expect(ms).toBeLessThan(15_000);
    expect(s).toContain('in-process');
    expect(s).toMatch(/\/downloads\s+1000\s+\d+\s+\d+\s+0\.\d\d THROTTLED/);
    tmux('send-keys', '-t', 'start', 'q');
    const after = await waitForScreen((x) => x.includes('EXITED'), 10_000);
    expect(after).toContain('EXITED 0');
    // The alternate screen is gone: the shell's earlier output is back and no dashboard row remains.
    expect(after).toContain('BEFORE');
    expect(after).not.toContain('THROTTLED');
  });
});
