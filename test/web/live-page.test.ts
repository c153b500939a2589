// The agent's `/` in Debian's chromium: it draws /api/v1/snapshot (the same figures as the snapshot it fetched),
// loads nothing from elsewhere, carries the CSP header, keeps hostile log strings as text, and works behind TLS and
// basic auth from the web config file. WSGIWATCH_SCREENSHOTS=1 also writes docs/report-live.png (1280×800).

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContextOptions } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createAgent } from '../../src/agent/create-agent.ts';
import type { DemoPaths } from '../../src/demo/demo-apache-config.ts';
import { accessTime, errorTime } from '../../src/demo/demo-scenario.ts';
import { createLogger } from '../../src/log.ts';
import type { Snapshot } from '../../src/report/snapshot.ts';
import { writeTlsWebConfig } from '../metrics/write-tls-web-config.ts';
import { chromiumInstalled, launchChromium } from '../support/web/launch-chromium.ts';
import { DEMO_START_SECONDS, writeDemoLogs } from '../support/web/write-demo-logs.ts';
import { openPage, readCharts } from './open-page.ts';

const HOSTILE_URL = '/legacy/export?q=<script>window.__xss=1</script>"><img/src=x/onerror=window.__xss=2>';

function appendHostileLines(paths: DemoPaths): void {
  const t = DEMO_START_SECONDS + 300.25;
  const ip = '198.51.100.250';
  const access = `${ip} - - ${accessTime(t)} "GET ${HOSTILE_URL.replaceAll('"', '\\"')} HTTP/1.1" 500 531 - 900 + 41000 "-" "<script>window.__xss=3</script>"\n`;
  const error = `${errorTime(t)} [wsgi:error] [pid 5001:tid 5101] [client ${ip}:41000] [script /srv/shop/app/app.wsgi] WSGI0210: Embedded mode of mod_wsgi cannot be used as Python was not initialised in this process. </script><svg onload=window.__xss=4>\n`;
  writeFileSync(paths.errorLog, `${readFileSync(paths.errorLog, 'utf8')}${error}`);
  writeFileSync(paths.accessLog, `${readFileSync(paths.accessLog, 'utf8')}${access}`);
}

async function startAgent(paths: DemoPaths, webConfigFile?: string): Promise<Agent> {
  const agent = createAgent({
    logger: createLogger({ level: 'silent', quiet: true }),
    apacheConfig: paths.configFile,
    fromBeginning: true,
    positionsFile: join(paths.dir, 'positions.json'),
    listenAddress: '127.0.0.1:0',
    webConfigFile,
    pollIntervalMs: 20,
  });
  await agent.start();
  // The backlog is read when every source's offset reaches its size.
  const deadline = Date.now() + 20_000;
  for (;;) {
    const s = agent.snapshot();
    if (s.sources.length > 0 && s.sources.every((x) => x.lagBytes === 0 && x.state === 'open')) break;
    if (Date.now() > deadline) throw new Error('the agent did not read the demo logs');
    await new Promise((r) => setTimeout(r, 50));
  }
  return agent;
}

const VERDICT_TEXT: Record<string, string> = { 'insufficient-data': 'insufficient data', 'no-limit': 'no limit' };

/** What the page shows, read in one task so it belongs to one render (the snapshot time it drew). */
interface Shown {
  snapshotAt: number;
  badges: Record<string, string>;
  ratios: Record<string, string>;
  wsgi0210: string;
  events: string;
  requests: Record<string, string>;
}

let browser: Browser;
const agents: Agent[] = [];

beforeAll(async () => {
  if (chromiumInstalled()) browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  for (const a of agents) await a.stop();
  await browser?.close();
});

async function checkLivePage(agent: Agent, contextOptions: BrowserContextOptions = {}): Promise<void> {
  const base = agent.url as string;
  const seen = new Map<number, Snapshot>();
  const opened = await openPage(browser, `${base}/`, contextOptions);
  const { page } = opened;
  try {
    page.on('response', async (r) => {
      if (r.url() === `${base}/api/v1/snapshot` && r.ok()) {
        const s = (await r.json()) as Snapshot;
        seen.set(s.generatedAtSeconds, s);
      }
    });
    // A second render: the first response was on its way before the listener.
    const first = Number(await page.getAttribute('html', 'data-snapshot-at'));
    await page.waitForFunction((at) => Number(document.documentElement.dataset.snapshotAt) !== at, first, {
      timeout: 10_000,
    });
    const shown: Shown = await page.evaluate(() => {
      const text = (sel: string, root: ParentNode = document) => root.querySelector(sel)?.textContent ?? '';
      const out: Shown = {
        snapshotAt: Number(document.documentElement.dataset.snapshotAt),
        badges: {},
        ratios: {},
        wsgi0210: text('#tile-wsgi0210 .n'),
        events: text('#tile-events .n'),
        requests: {},
      };
      for (const card of Array.from(document.querySelectorAll('.card'))) {
        const where = card.getAttribute('data-location') ?? '';
        out.badges[where] = text('.badge.verdict', card);
        out.ratios[where] = text('.facts .ratio b', card);
      }
      for (const panel of Array.from(document.querySelectorAll('#requests .panel'))) {
        out.requests[text('h3 .mono', panel).trim()] = text('h3 .legend-note', panel);
      }
      return out;
    });
    const snap = seen.get(shown.snapshotAt);
    expect(snap, 'the snapshot the page drew was fetched by the page').toBeDefined();
    if (snap === undefined) return;
    const limited = snap.locations.filter((l) => l.verdict !== 'no-limit');
    expect(limited.length).toBeGreaterThan(0);
    for (const l of limited) {
      const where = `${l.vhost} ${l.location}`;
      expect(shown.badges[where], where).toBe(VERDICT_TEXT[l.verdict] ?? l.verdict);
      expect(shown.ratios[where], where).toBe(l.medianRatio === undefined ? '-' : l.medianRatio.toFixed(2));
    }
    expect(shown.badges['shop.example /downloads']).toBe('throttled');
    const wsgi0210 = snap.wsgi.byCode.WSGI0210 ?? 0;
    expect(wsgi0210).toBeGreaterThan(0);
    expect(shown.wsgi0210).toBe(wsgi0210.toLocaleString('en-US'));
    expect(shown.events).toBe(
      Object.values(snap.wsgi.byKind)
        .reduce((a, n) => a + n, 0)
        .toLocaleString('en-US'),
    );
    for (const l of snap.locations) {
      expect(shown.requests[l.location], l.location).toBe(
        `${l.vhost} · ${l.requestsTotal.toLocaleString('en-US')} requests`,
      );
    }

    for (const c of await readCharts(page)) expect(c.drawn, c.where).toBe(true);
    if (process.env.WSGIWATCH_SCREENSHOTS === '1' && contextOptions.httpCredentials === undefined) {
      await page.screenshot({ path: join(import.meta.dirname, '..', '..', 'docs', 'report-live.png') });
    }
    expect(opened.errors).toEqual([]);
    expect(opened.failedRequests).toEqual([]);
    expect(opened.requests.every((u) => u.startsWith(`${base}/`))).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator('img, svg, iframe, object, embed').count()).toBe(0);
    expect(await page.locator('#event-list').textContent()).toContain(HOSTILE_URL);
    expect(await page.locator('header nav a').allTextContents()).toEqual([
      '/metrics',
      '/api/v1/snapshot',
      '/-/healthy',
      '/-/ready',
    ]);
  } finally {
    await opened.close();
  }
}

describe.skipIf(!chromiumInstalled())("the agent's live page at /", () => {
  it('draws the same figures as the /api/v1/snapshot it fetched, with a CSP header and nothing loaded from elsewhere', async () => {
    const paths = writeDemoLogs(600, appendHostileLines);
    const agent = await startAgent(paths);
    agents.push(agent);
    const res = await fetch(`${agent.url}/`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'sha256-[^']+' 'sha256-[^']+';/);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    await checkLivePage(agent);
  }, 120_000);

  it('works behind TLS and basic auth from the web config file', async () => {
    const paths = writeDemoLogs(600, appendHostileLines);
    const dir = mkdtempSync(join(tmpdir(), 'wsgiwatch-live-tls-'));
    const webConfig = writeTlsWebConfig(dir, 'ops', 's3cret');
    const agent = await startAgent(paths, webConfig);
    agents.push(agent);
    expect(agent.url).toMatch(/^https:/);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${agent.url}/`, { rejectUnauthorized: false }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(401);
    await checkLivePage(agent, {
      httpCredentials: { username: 'ops', password: 's3cret' },
      ignoreHTTPSErrors: true,
    });
  }, 120_000);
});
