// A private tmux server for the tests that drive the real dashboard: one socket per test file, screens read with
// capture-pane, and the socket file removed afterwards (kill-server leaves it behind).

import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';

export const HAS_TMUX = (() => {
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    console.log('skipped: tmux is not installed (scripts/install-system-deps.sh installs it)');
    return false;
  }
})();

export interface TmuxServer {
  tmux(...args: string[]): string;
  screen(session: string): string;
  /** Polls the screen every 100 ms until `ok` holds; throws with the last screen after `ms`. */
  waitForScreen(session: string, ok: (s: string) => boolean, ms?: number): Promise<string>;
  /** kill-server and the socket file. */
  close(): void;
}

export function createTmuxServer(name: string): TmuxServer {
  const socket = `${name}-${process.pid}`;
  const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  const screen = (session: string) => tmux('capture-pane', '-p', '-t', session);
  return {
    tmux,
    screen,
    async waitForScreen(session, ok, ms = 15_000) {
      const t0 = Date.now();
      for (;;) {
        const s = screen(session);
        if (ok(s)) return s;
        if (Date.now() - t0 > ms) throw new Error(`screen not as expected within ${ms} ms:\n${s}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    close() {
      try {
        tmux('kill-server');
      } catch {}
      rmSync(join(process.env.TMUX_TMPDIR ?? '/tmp', `tmux-${process.getuid?.() ?? 0}`, socket), { force: true });
    },
  };
}
