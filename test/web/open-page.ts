/// <reference lib="dom" />
// Opens a page in a fresh Chromium context and records what a user would never see: console errors, page errors,
// failed and outside requests; then reads back whether every chart drew.

import type { Browser, BrowserContextOptions, Page } from 'playwright-core';

export interface OpenedPage {
  page: Page;
  /** Console errors and uncaught exceptions (a CSP violation is a console error too). */
  errors: string[];
  failedRequests: string[];
  /** Every URL the page requested. */
  requests: string[];
  close(): Promise<void>;
}

export async function openPage(
  browser: Browser,
  url: string,
  options: BrowserContextOptions = {},
): Promise<OpenedPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  const page = await context.newPage();
  const errors: string[] = [];
  const failedRequests: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('requestfailed', (r) => failedRequests.push(`${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(url);
  await page.waitForSelector('html[data-ready="1"]', { timeout: 20_000 });
  return { page, errors, failedRequests, requests, close: () => context.close() };
}

export interface ChartState {
  /** The chart's section and title, for failure messages. */
  where: string;
  points: number;
  empty: boolean;
  /** A canvas with at least one painted pixel. */
  drawn: boolean;
}

export function readCharts(page: Page): Promise<ChartState[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('.chart')).map((box) => {
      const canvas = box.querySelector('canvas');
      let drawn = false;
      if (canvas !== null && canvas.width > 0 && canvas.height > 0) {
        const pixels = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
        if (pixels !== undefined) for (let i = 3; i < pixels.length && !drawn; i += 4) drawn = pixels[i] !== 0;
      }
      const section = box.closest('section')?.id ?? '?';
      const card = box.closest('[data-location]')?.getAttribute('data-location') ?? '';
      return {
        where: `${section} ${card} ${box.className}`.trim(),
        points: Number(box.getAttribute('data-points') ?? '0'),
        empty: box.getAttribute('data-empty') === '1',
        drawn,
      };
    }),
  );
}
