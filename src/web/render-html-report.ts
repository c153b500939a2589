// One self-contained HTML page, pure: the report (analyse --format html) or the agent's live page at `/`. Data goes in
// as JSON in a non-executed <script type="application/json"> (with `<` escaped, so no logged `</script>` can end it);
// the page script draws it with textContent only. A Content-Security-Policy admits exactly the inlined script and
// style blocks by their SHA-256 and nothing from elsewhere (connect-src 'self' only for the live page's snapshot).

import { createHash } from 'node:crypto';
import type { HtmlReportData } from './html-report-data.ts';
import { PAGE_SCRIPT } from './page-script.ts';
import { PAGE_STYLE } from './page-style.ts';

/** The charting library's code and stylesheet, inlined verbatim (load-chart-library.ts reads them). */
export interface PageAssets {
  chartScript: string;
  chartStyle: string;
}

export interface LivePageOptions {
  /** Where the page fetches the snapshot from, and how often (ms). */
  snapshotPath: string;
  refreshMs: number;
  /** The agent's other pages, linked from the header. */
  links: string[];
}

export type PageBoot = { mode: 'report'; data: HtmlReportData } | ({ mode: 'live' } & LivePageOptions);

export interface RenderedPage {
  html: string;
  /** The policy the page carries in its <meta>; a server also sends it as a header (with frame-ancestors). */
  contentSecurityPolicy: string;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** JSON that cannot close or comment out its <script> element, whatever strings the logs carried. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

export function renderPage(boot: PageBoot, assets: PageAssets): RenderedPage {
  if (/<\/script/i.test(assets.chartScript) || /<\/style/i.test(assets.chartStyle)) {
    throw new Error('the chart library cannot be inlined: it contains a closing </script> or </style> tag');
  }
  const style = `${assets.chartStyle}\n${PAGE_STYLE}`;
  const policy = [
    "default-src 'none'",
    `script-src ${sha256(assets.chartScript)} ${sha256(PAGE_SCRIPT)}`,
    `style-src ${sha256(style)}`,
    'img-src data:',
    boot.mode === 'live' ? "connect-src 'self'" : "connect-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const title = boot.mode === 'live' ? 'wsgiwatch — live' : 'wsgiwatch report';
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${policy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
<style>${style}</style>
</head>
<body>
${boot.mode === 'live' ? `<noscript><p>wsgiwatch: this page draws the snapshot with JavaScript.</p><ul>${boot.links.map((l) => `<li><a href="${escapeHtml(l)}">${escapeHtml(l)}</a></li>`).join('')}</ul></noscript>\n` : ''}<div id="app"></div>
<script type="application/json" id="wsgiwatch-boot">${jsonForScript(boot)}</script>
<script>${assets.chartScript}</script>
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
  return { html, contentSecurityPolicy: policy };
}

/** `analyse --format html`: the whole report in one file that opens offline. */
export function renderHtmlReport(data: HtmlReportData, assets: PageAssets): string {
  return renderPage({ mode: 'report', data }, assets).html;
}

/** The agent's `/`: the same page, drawing /api/v1/snapshot every `refreshMs`. */
export function renderLivePage(options: LivePageOptions, assets: PageAssets): RenderedPage {
  return renderPage({ mode: 'live', ...options }, assets);
}
