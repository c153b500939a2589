import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { HtmlReportData } from '../../src/web/html-report-data.ts';
import { PAGE_SCRIPT } from '../../src/web/page-script.ts';
import { jsonForScript, renderHtmlReport, renderLivePage } from '../../src/web/render-html-report.ts';

const assets = { chartScript: 'window.uPlot = function () {};', chartStyle: '.u{}' };
const sha = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;
const hostile = '</script><script>alert(1)</script><!--\u2028';

const data: HtmlReportData = {
  mode: 'report',
  generatedAt: 0,
  versions: { apache: hostile },
  files: [],
  locations: [],
  events: {
    byCode: {},
    byKind: {},
    list: [{ kind: 'exception', message: hostile, request: { url: hostile } }],
    total: 1,
  },
  findings: [],
  notes: [],
};

describe('renderHtmlReport', () => {
  it('embeds the data so that no logged string can end its script element', () => {
    const html = renderHtmlReport(data, assets);
    expect(html.match(/<\/script>/g)?.length).toBe(3);
    expect(html).not.toContain('<!--');
    const json = /<script type="application\/json" id="wsgiwatch-boot">(.*?)<\/script>/s.exec(html)?.[1] ?? '';
    expect(JSON.parse(json).data.events.list[0].message).toBe(hostile);
    expect(jsonForScript('<&>')).toBe('"\\u003c\\u0026\\u003e"');
  });

  it('admits exactly its inline script and style blocks by their hashes, nothing from elsewhere', () => {
    const html = renderHtmlReport(data, assets);
    const policy = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    const style = /<style>(.*?)<\/style>/s.exec(html)?.[1] ?? '';
    expect(policy).toContain(`script-src ${sha(assets.chartScript)} ${sha(PAGE_SCRIPT)};`);
    expect(policy).toContain(`style-src ${sha(style)};`);
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("connect-src 'none'");
    expect(policy).not.toContain('unsafe');
  });

  it('refuses a chart library that would close its own script element', () => {
    expect(() => renderHtmlReport(data, { ...assets, chartScript: 'a="</script>"' })).toThrow(/cannot be inlined/);
  });
});

describe('renderLivePage', () => {
  it('fetches only from its own origin and keeps escaped links for a browser without JavaScript', () => {
    const page = renderLivePage(
      { snapshotPath: '/api/v1/snapshot', refreshMs: 1000, links: ['/m"><x>', '/api/v1/snapshot'] },
      assets,
    );
    expect(page.contentSecurityPolicy).toContain("connect-src 'self'");
    expect(page.html).toContain('<a href="/m&#34;&#62;&#60;x&#62;">/m&#34;&#62;&#60;x&#62;</a>');
    expect(page.html).not.toContain('<x>');
  });
});
