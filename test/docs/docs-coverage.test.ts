// The docs against the code: every flag `--help` lists is in docs/configuration.md, every metric family the agent
// exposes is in docs/metrics.md, every alert's runbook_url resolves to a heading of docs/runbooks.md, and the README
// stays a product page (≤ 15 KB) that links every docs page.

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { METRIC_NAMES } from '../../src/metrics/metric-names.ts';
import { CLI_ARGS } from '../e2e/real-cli.ts';

const ROOT = join(import.meta.dirname, '../..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
/** Pages other parts of the project write; linked from the README whether or not they exist yet. */
const WRITTEN_ELSEWHERE = ['benchmarks.md', 'events.md', 'report.md', 'architecture.md', 'configuration-apache.md'];

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function flagsOf(command: string[]): string[] {
  const r = spawnSync(process.execPath, [...CLI_ARGS, ...command, '--help'], { cwd: ROOT, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout
    .split('\n')
    .filter((l) => /^\s+-/.test(l))
    .flatMap((l) => [...l.split(/\s{2,}/)[1].matchAll(/--[a-z][a-z0-9.-]*/g)].map((m) => m[0]));
}

describe('docs/configuration.md', () => {
  const doc = read('docs/configuration.md');
  it.each([[[]], [['run']], [['top']], [['demo']], [['check']], [['analyse']]])('documents every flag of %j', (cmd) => {
    const flags = flagsOf(cmd);
    expect(flags.length).toBeGreaterThan(1);
    const documented = (f: string) => new RegExp(`[\\s\`(]${f.replaceAll('.', '\\.')}(?![a-z0-9.-])`).test(doc);
    expect(flags.filter((f) => !documented(f))).toEqual([]);
  });
});

describe('docs/metrics.md', () => {
  it('documents every family the agent exposes (METRIC, held equal to /metrics by the golden test)', () => {
    const doc = read('docs/metrics.md');
    expect(METRIC_NAMES.filter((n) => !doc.includes(`\`${n}\``))).toEqual([]);
  });
});

describe('docs/runbooks.md', () => {
  it("resolves every alert rule's runbook_url to one of its headings", () => {
    const anchors = new Set([...read('docs/runbooks.md').matchAll(/^#+ (.+)$/gm)].map((m) => headingAnchor(m[1])));
    const rules = parse(read('dashboards/wsgiwatch-alerts.yml')) as {
      groups: { rules: { alert?: string; annotations?: { runbook_url?: string } }[] }[];
    };
    const urls = rules.groups.flatMap((g) => g.rules.filter((r) => r.alert).map((r) => r.annotations?.runbook_url));
    expect(urls.length).toBeGreaterThan(10);
    for (const url of urls) {
      const [file, anchor] = (url ?? '').split('#');
      expect(file).toBe('docs/runbooks.md');
      expect(anchors, url).toContain(anchor);
    }
  });
});

describe('README.md', () => {
  const readme = read('README.md');
  it('is a product page: at most 15 KB, the two set-up commands first', () => {
    expect(Buffer.byteLength(readme)).toBeLessThanOrEqual(15 * 1024);
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    expect(
      firstBlock
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split('#')[0].trim()),
    ).toEqual(['npm ci && npm start', 'npm ci && npm test']);
    expect(readme.indexOf('```sh')).toBeLessThan(readme.indexOf('\n## '));
  });

  it('links every docs page, and every relative link resolves', () => {
    const pages = new Set([...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')), ...WRITTEN_ELSEWHERE]);
    for (const page of pages) expect(readme).toContain(`](docs/${page})`);
    const links = [...readme.matchAll(/\]\(([^)#:]+)(#[^)]*)?\)/g)].map((m) => m[1]);
    const missing = links.filter((l) => !existsSync(join(ROOT, l)));
    const notYet = missing.filter((l) => WRITTEN_ELSEWHERE.includes(l.replace(/^docs\//, '')));
    if (notYet.length > 0) console.log(`linked, not written yet: ${notYet.join(', ')}`);
    expect(missing.filter((l) => !notYet.includes(l))).toEqual([]);
  });

  it('links between docs pages resolve, anchors included', () => {
    for (const page of readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md'))) {
      const text = read(`docs/${page}`);
      for (const [, target, anchor] of text.matchAll(/\]\(([a-z-]+\.md)(?:#([^)]*))?\)/g)) {
        if (!existsSync(join(ROOT, 'docs', target))) {
          expect(WRITTEN_ELSEWHERE, `${page} → ${target}`).toContain(target);
          continue;
        }
        if (anchor === undefined) continue;
        const anchors = [...read(`docs/${target}`).matchAll(/^#+ (.+)$/gm)].map((m) => headingAnchor(m[1]));
        expect(anchors, `${page} → ${target}#${anchor}`).toContain(anchor);
      }
    }
  });
});
