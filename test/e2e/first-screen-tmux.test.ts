// Issue #20 acceptance 1–2: what the first screen says without a key pressed. The demo's flush-delay banner (group,
// value, throttled location, recommended value) at 80×24 and 120×40; and on Debian's default Apache config, with no
// rate limit anywhere, the config read, the logs followed, and what a rate-limit verdict needs.

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTmuxServer, HAS_TMUX } from './tmux-server.ts';

const { tmux, waitForScreen, close } = createTmuxServer('wsgiwatch-first');
/** The screen as one line: a banner wrapped at 80 columns reads as written. */
const flat = (s: string) => s.replace(/\s+/g, ' ');

const DEBIAN_CONFIG = '/etc/apache2/apache2.conf';
if (!existsSync(DEBIAN_CONFIG))
  console.log(`skipped: ${DEBIAN_CONFIG} is missing (scripts/install-system-deps.sh installs Debian's apache2)`);

const cli = `${process.execPath} --import tsx src/cli/main.ts`;
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'wsgiwatch-first-screen-'));
});
afterAll(() => {
  close();
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!HAS_TMUX)('the demo first screen flags the flush delay', () => {
  it.each([
    [80, 24],
    [120, 40],
  ])('%i×%i: response-flush-delay, the daemon group, the throttled location, the recommended value', async (x, y) => {
    const session = `demo-${x}`;
    tmux('new-session', '-d', '-s', session, '-x', String(x), '-y', String(y), `${cli} demo --duration 60`);
    const s = await waitForScreen(session, (t) => flat(t).includes('throttles /downloads'), 20_000);
    const text = flat(s);
    expect(text).toMatch(
      /! response-flush-delay=0 on daemon group shop throttles \/downloads \(ratio 0\.\d\d\) · recommended: remove it \(default 5 ms\)/,
    );
    // The banner stands above the panels: the tab row comes after it.
    expect(text.indexOf('response-flush-delay=0')).toBeLessThan(text.indexOf('1 Rate limits'));
    tmux('send-keys', '-t', session, 'q');
  });
});

describe.skipIf(!HAS_TMUX || !existsSync(DEBIAN_CONFIG))('a quiet Apache explains itself', () => {
  it("npm start on Debian's default config, no rate limits: the config, the followed logs, and what to do", async () => {
    const session = 'quiet';
    // `npm start` discovers /etc/apache2/apache2.conf as a new user's first run does; positions go to the temp dir.
    const cmd = `WSGIWATCH_POSITIONS=${join(dir, 'positions.json')} npm start --silent; echo EXITED $?; sleep 30`;
    tmux('new-session', '-d', '-s', session, '-x', '80', '-y', '24', cmd);
    const s = await waitForScreen(session, (t) => flat(t).includes('wsgiwatch check` checks the config'), 20_000);
    const text = flat(s);
    expect(text).toContain(`read ${DEBIAN_CONFIG}`);
    expect(text).toMatch(/following access \/var\/log\/apache2\/(other_vhosts_)?access\.log/);
    expect(text).toContain('error /var/log/apache2/error.log');
    expect(text).toContain('no rate-limited location: rate-limit verdicts need mod_ratelimit');
    expect(text).toContain('see docs/verdicts.md; `wsgiwatch demo` shows them');
    // Quit and wait: the agent writes its positions into the temp dir on the way out.
    tmux('send-keys', '-t', session, 'q');
    expect(await waitForScreen(session, (t) => t.includes('EXITED'))).toContain('EXITED 0');
  });
});
