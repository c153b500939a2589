// Acceptance #2 of the HTML report: `analyse --format html` over ~1,000,000 lines of the demo scenario (access and
// error logs, three rate-limited locations, WSGI0210s, tracebacks, plus one non-event error line every 10 s) must stay
// ≤ 1.5 MB and be drawn in Debian's chromium within 2 s. Printed beside the baseline measured in the same run: the
// time Chromium takes to open the `--format json` report of the same logs. Also times uPlot drawing 100,000 points
// (docs/report.md). Run: npx tsx bench/html-report.ts [seconds of demo, default 71000 ≈ 1 M lines]

import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { type AnalyseOptions, runAnalyse } from '../src/cli/commands/analyse.ts';
import { errorTime } from '../src/demo/demo-scenario.ts';
import { loadChartLibrary } from '../src/web/load-chart-library.ts';
import { launchChromium } from '../test/support/web/launch-chromium.ts';
import { DEMO_START_SECONDS, writeDemoLogs } from '../test/support/web/write-demo-logs.ts';

const SPAN_SECONDS = Number(process.argv[2] ?? 71_000);
const RUNS = 5;
const MAX_BYTES = 1.5 * 1024 * 1024;
const MAX_READY_MS = 2000;

const countLines = (file: string) => {
  const text = readFileSync(file, 'latin1');
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, load ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')} (shared)`,
);
const paths = writeDemoLogs(SPAN_SECONDS, (p) => {
  // Lines that are no event: the "other error lines" table groups them by template.
  const extra: string[] = [];
  for (let t = DEMO_START_SECONDS; t < DEMO_START_SECONDS + SPAN_SECONDS; t += 10) {
    const n = (t / 10) % 997;
    extra.push(
      `${errorTime(t + 0.5)} [core:error] [pid ${4000 + (n % 50)}:tid ${4100 + n}] [client 198.51.100.${n % 250}:${40000 + n}] AH00128: File does not exist: /srv/shop/htdocs/missing-${n}.png`,
      ...(n % 7 === 0
        ? [
            `${errorTime(t + 0.7)} [ssl:warn] [pid 4121:tid 4121] AH01909: shop.example:443:0 server certificate does NOT include an ID which matches the server name`,
          ]
        : []),
    );
  }
  writeFileSync(p.errorLog, `${readFileSync(p.errorLog, 'utf8')}${extra.join('\n')}\n`);
});
const lines = countLines(paths.accessLog) + countLines(paths.errorLog);
console.log(`logs: ${lines.toLocaleString('en-US')} lines (${SPAN_SECONDS} s of the demo scenario)`);

const options: AnalyseOptions = { apacheConfig: paths.configFile, accessLogs: [], errorLogs: [] };
const io = { stdout: () => {}, stderr: (s: string) => process.stderr.write(s) };
const outputs: Record<'html' | 'json', string> = {
  html: join(paths.dir, 'report.html'),
  json: join(paths.dir, 'report.json'),
};
for (const format of ['json', 'html'] as const) {
  const t0 = performance.now();
  const code = await runAnalyse({ ...options, format, output: outputs[format] }, io);
  if (code !== 0) throw new Error(`analyse --format ${format} exited ${code}`);
  console.log(`analyse --format ${format}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
const htmlBytes = statSync(outputs.html).size;
const jsonBytes = statSync(outputs.json).size;

async function openTimes(browser: Browser): Promise<{ html: number[]; json: number[] }> {
  const html: number[] = [];
  const json: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    for (const format of ['json', 'html'] as const) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, offline: true });
      const page = await context.newPage();
      await page.goto(`file://${outputs[format]}`, { waitUntil: 'load' });
      if (format === 'html') {
        await page.waitForSelector('html[data-ready="1"]');
        html.push(Number(await page.getAttribute('html', 'data-ready-ms')));
      } else {
        // The JSON viewer is done at the load event: navigation start → loadEventEnd.
        json.push(
          await page.evaluate(() => {
            const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
            return Math.round(nav.loadEventEnd);
          }),
        );
      }
      await context.close();
    }
  }
  return { html, json };
}

/** uPlot drawing one line of `points` points into a 1200×300 canvas (the page's own charts stay ≤ 360 points). */
async function uplotDrawMs(browser: Browser, points: number): Promise<number> {
  const page = await browser.newPage();
  const { chartScript, chartStyle } = loadChartLibrary();
  await page.setContent(`<!doctype html><style>${chartStyle}</style><div id="c"></div><script>${chartScript}</script>`);
  const ms = await page.evaluate((n) => {
    const xs = new Float64Array(n);
    const ys = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      xs[i] = 1_795_831_200 + i;
      ys[i] = Math.sin(i / 500) * 10 + ((i * 7919) % 13);
    }
    const w = window as unknown as { uPlot: new (o: unknown, d: unknown, el: Element) => unknown };
    const t0 = performance.now();
    new w.uPlot(
      { width: 1200, height: 300, series: [{}, { stroke: 'blue' }] },
      [xs, ys],
      document.getElementById('c') as Element,
    );
    return performance.now() - t0;
  }, points);
  await page.close();
  return ms;
}

const browser = await launchChromium();
try {
  const times = await openTimes(browser);
  const draw: number[] = [];
  for (let i = 0; i < RUNS; i++) draw.push(await uplotDrawMs(browser, 100_000));
  const ready = median(times.html);
  const open = median(times.json);
  const mb = (b: number) => `${(b / 1024 / 1024).toFixed(2)} MiB`;
  console.log(
    `\nreport file: html ${mb(htmlBytes)} (limit 1.50 MiB: ${htmlBytes <= MAX_BYTES ? 'ok' : 'OVER'}), json ${mb(jsonBytes)}`,
  );
  console.log(
    `chromium, median of ${RUNS}: html ready ${ready} ms (limit ${MAX_READY_MS}: ${ready <= MAX_READY_MS ? 'ok' : 'OVER'}) | baseline: json opened ${open} ms | ratio ${(ready / open).toFixed(2)}`,
  );
  console.log(`  html runs ${times.html.join(' ')} ms; json runs ${times.json.join(' ')} ms`);
  console.log(
    `uPlot, 100,000 points in one 1200×300 line chart: ${median(draw).toFixed(0)} ms (median of ${RUNS}: ${draw.map((x) => x.toFixed(0)).join(' ')})`,
  );
} finally {
  await browser.close();
  rmSync(paths.dir, { recursive: true, force: true });
}
