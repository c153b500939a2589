// `analyse --format html` opened in Debian's chromium (playwright-core, offline): the demo's report, the 4.9.4 and
// 6.x fixtures, and hostile log lines. WSGIWATCH_SCREENSHOTS=1 also writes docs/report.png (1280×800).

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AnalyseOptions, analyseLogs, runAnalyse } from '../../src/cli/commands/analyse.ts';
import { accessTime, errorTime } from '../../src/demo/demo-scenario.ts';
import { loadChartLibrary } from '../../src/web/load-chart-library.ts';
import { LAB_LOG_FORMAT } from '../support/lab/apache-lab.ts';
import { chromiumInstalled, launchChromium } from '../support/web/launch-chromium.ts';
import { DEMO_START_SECONDS, writeDemoLogs } from '../support/web/write-demo-logs.ts';
import { openPage, readCharts } from './open-page.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const out = mkdtempSync(join(tmpdir(), 'wsgiwatch-html-report-'));

async function writeReport(name: string, options: AnalyseOptions): Promise<string> {
  const file = join(out, `${name}.html`);
  const stderr: string[] = [];
  const code = await runAnalyse(
    { ...options, format: 'html', output: file },
    { stdout: () => {}, stderr: (s) => stderr.push(s) },
  );
  expect(stderr.join('')).toBe('');
  expect(code).toBe(0);
  return file;
}

let browser: Browser;

beforeAll(async () => {
  if (chromiumInstalled()) browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

describe.skipIf(!chromiumInstalled())('analyse --format html in Chromium', () => {
  it('draws the demo report offline: verdict badges, WSGI0210 count, every chart, no error or request', async () => {
    const demo = writeDemoLogs(1800);
    const options: AnalyseOptions = { apacheConfig: demo.configFile, accessLogs: [], errorLogs: [] };
    const report = await analyseLogs(options);
    const file = await writeReport('demo', options);
    // Nothing to fetch: no element with a source, no URL but the library's licence banner.
    const html = readFileSync(file, 'utf8').replace(loadChartLibrary().chartScript, '');
    expect(/<(?:link|img|iframe)\b|\s(?:src|href)=|https?:\/\//.exec(html)?.[0]).toBeUndefined();

    const opened = await openPage(browser, `file://${file}`, { offline: true });
    const { page } = opened;
    try {
      expect(opened.errors).toEqual([]);
      expect(opened.failedRequests).toEqual([]);
      expect(opened.requests).toEqual([`file://${file}`]);

      const badge = (location: string) =>
        page.locator(`.card[data-location="shop.example ${location}"] .badge.verdict`).textContent();
      expect(await badge('/downloads')).toBe('throttled');
      expect(await badge('/static')).toBe('conforming');
      expect(await badge('/reports')).toBe('ineffective');
      const wsgi0210 = report.wsgiEvents.byCode.WSGI0210;
      expect(wsgi0210).toBeGreaterThan(0);
      expect(await page.locator('#tile-wsgi0210 .n').textContent()).toBe(wsgi0210.toLocaleString('en-US'));
      expect(await page.locator('#event-counts tr.hl td.num').textContent()).toBe(String(wsgi0210));
      // The throttled card comes first, the flush-delay finding first among the findings, naming what it throttles.
      expect(await page.locator('.card').first().getAttribute('data-location')).toBe('shop.example /downloads');
      expect(await page.locator('.finding').first().locator('.rule').textContent()).toBe(
        'flush-delay-zero-with-ratelimit',
      );
      expect(await page.locator('.finding').first().locator('.throttles').textContent()).toContain(
        'shop.example /downloads (throttled)',
      );
      expect(await page.locator('.finding .where').first().textContent()).toMatch(/httpd\.conf:\d+$/);

      const charts = await readCharts(page);
      // Per rate-limited card 2, the event timeline, 2 per location with requests.
      expect(charts.length).toBe(3 * 2 + 1 + 5 * 2);
      for (const c of charts) {
        expect(c, c.where).toMatchObject({ drawn: true, empty: false });
        expect(c.points, c.where).toBeGreaterThan(0);
      }
      expect(await page.locator('#notes').textContent()).toMatch(/into \d+ buckets of \d+ s/);

      if (process.env.WSGIWATCH_SCREENSHOTS === '1') {
        await page.screenshot({ path: join(import.meta.dirname, '..', '..', 'docs', 'report.png') });
      }
    } finally {
      await opened.close();
    }
  }, 120_000);

  it('draws the 4.9.4 and the 6.x fixtures', async () => {
    const lab = (s: number, path: string, us: number) =>
      `127.0.0.1 - - [23/Nov/2026:20:4${s % 10}:0${s % 7} +0000] "GET ${path} HTTP/1.1" 200 1048756 1048576 ${us} 852 + id${s} 40304 "1000" "-" lab`;
    const access = join(out, 'lab-access.log');
    writeFileSync(
      access,
      `${Array.from({ length: 40 }, (_, s) => lab(s, s % 2 === 0 ? '/app/bytes' : '/static/1024k.bin', s % 2 === 0 ? 3_010_000 : 1_004_000)).join('\n')}\n`,
    );
    const cases: [string, AnalyseOptions, string][] = [
      [
        '4.9.4',
        {
          accessLogs: [access],
          accessLogFormat: LAB_LOG_FORMAT,
          errorLogs: [
            join(FIXTURES, 'error', 'mod_wsgi-4.9.4-event.log'),
            join(FIXTURES, 'error', 'graceful-reload-4.9.4.log'),
          ],
          locations: [
            { prefix: '/app', rateLimitKiB: 1000, processGroup: 'app' },
            { prefix: '/static', rateLimitKiB: 1000 },
          ],
        },
        '4.9.4',
      ],
      [
        '6.x',
        {
          accessLogs: [join(FIXTURES, 'access', 'combined-observed.txt')],
          errorLogs: [
            join(FIXTURES, 'error', 'mod_wsgi-6.0.5-event.log'),
            join(FIXTURES, 'error', 'mod_wsgi-6.0.5-wsgi0210.log'),
          ],
          // These lines carry no startup banner.
          modWsgiVersion: '6.0.5',
        },
        '6.0.5',
      ],
    ];
    for (const [name, options, version] of cases) {
      const file = await writeReport(name, options);
      const opened = await openPage(browser, `file://${file}`, { offline: true });
      try {
        expect(opened.errors, name).toEqual([]);
        expect(opened.failedRequests, name).toEqual([]);
        expect(opened.requests, name).toEqual([`file://${file}`]);
        expect(await opened.page.locator('header .version').nth(1).textContent(), name).toBe(version);
        for (const c of await readCharts(opened.page)) {
          // A chart with no point in this span says so in words instead of drawing axes around nothing.
          if (c.empty) expect(c.points, `${name} ${c.where}`).toBe(0);
          else expect(c.drawn, `${name} ${c.where}`).toBe(true);
        }
        expect(
          (await readCharts(opened.page)).some((c) => c.drawn),
          name,
        ).toBe(true);
      } finally {
        await opened.close();
      }
    }
  }, 120_000);

  it('keeps hostile access and error lines as text: no script runs, no element is injected', async () => {
    const t = DEMO_START_SECONDS + 600.25;
    const ip = '198.51.100.250';
    const hostile = {
      url: '/legacy/export?q=<script>window.__xss=1</script>"><img/src=x/onerror=window.__xss=2>',
      message: '</script><script>window.__xss=3</script><svg onload=window.__xss=4>',
      path: '/srv/<img src=x onerror=window.__xss=5>/x',
    };
    const demo = writeDemoLogs(900, (paths) => {
      const access = `${ip} - - ${accessTime(t)} "GET ${hostile.url.replaceAll('"', '\\"')} HTTP/1.1" 500 531 - 900 + 41000 "-" "<script>window.__xss=6</script>"\n`;
      const errors = [
        `${errorTime(t)} [wsgi:error] [pid 5001:tid 5101] [client ${ip}:41000] [script /srv/shop/app/app.wsgi] WSGI0210: Embedded mode of mod_wsgi cannot be used as Python was not initialised in this process. ${hostile.message}`,
        `${errorTime(t + 1)} [core:error] [pid 5002:tid 5102] [client ${ip}:41001] AH00128: File does not exist: ${hostile.path}`,
        `${errorTime(t + 2)} [wsgi:error] [pid 5003:tid 5103] [client ${ip}:41002] app says ${hostile.message}`,
      ];
      writeFileSync(paths.errorLog, `${readFileSync(paths.errorLog, 'utf8')}${errors.join('\n')}\n`);
      writeFileSync(paths.accessLog, `${readFileSync(paths.accessLog, 'utf8')}${access}`);
    });
    const file = await writeReport('hostile', { apacheConfig: demo.configFile, accessLogs: [], errorLogs: [] });
    const html = readFileSync(file, 'utf8');
    // Three script elements (data, chart library, page) and the logged tags only in escaped JSON.
    expect(html.match(/<script\b/g)?.length).toBe(3);
    expect(html).toContain('\\u003cscript\\u003ewindow.__xss=1\\u003c/script\\u003e');

    const opened = await openPage(browser, `file://${file}`, { offline: true });
    const { page } = opened;
    try {
      expect(opened.errors).toEqual([]);
      expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
      expect(await page.locator('img, svg, iframe, object, embed').count()).toBe(0);
      expect(await page.locator('script').count()).toBe(3);
      const text = (await page.locator('body').textContent()) ?? '';
      expect(text).toContain(hostile.url);
      expect(text).toContain(hostile.message);
      expect(text).toContain(hostile.path);
      // The non-event lines are grouped with the path masked.
      expect(await page.locator('#template-table').textContent()).toContain('AH00128: File does not exist: <path>');
    } finally {
      await opened.close();
    }
  }, 120_000);
});
