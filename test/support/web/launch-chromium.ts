// Debian's chromium driven by playwright-core: nothing is downloaded; no first-run, sync, component updates,
// background networking or QUIC. playwright-core refuses a --user-data-dir argument for launch(): it passes its own
// fresh temporary --user-data-dir each launch and removes it on close, which is the clean profile wanted here.

import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export function chromiumInstalled(): boolean {
  return existsSync(CHROMIUM_PATH);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
