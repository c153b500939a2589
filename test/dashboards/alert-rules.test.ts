// Issue #6 acceptance 1: the alert rules pass `promtool check rules`, and `promtool test rules` fires and silences every
// alert. The dashboard JSON is the generator's output (reviewed as text, never hand-edited), and the tokenizer the
// metric-name test relies on reads our PromQL right.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defaultDashboard } from '@grafana/schema';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildDashboard, DASHBOARD_FILE, SCHEMA_VERSION, stableJson } from '../../scripts/generate-dashboard.ts';
import { metricFamily, promqlReferences, scrapeLabels } from './promql-references.ts';

const DIR = fileURLToPath(new URL('../../dashboards/', import.meta.url));
const hasPromtool = spawnSync('promtool', ['--version']).status === 0;

interface AlertTest {
  alertname: string;
  exp_alerts?: { exp_labels?: Record<string, string>; exp_annotations?: Record<string, string> }[];
}

// Skipped only off CI without promtool: `npm test` installs it first (pretest), so CI never skips.
describe.skipIf(!process.env.CI && !hasPromtool)('alert rules under promtool', () => {
  it('promtool check rules accepts the file', () => {
    const r = spawnSync('promtool', ['check', 'rules', 'wsgiwatch-alerts.yml'], { cwd: DIR, encoding: 'utf8' });
    expect(r.stdout + r.stderr).toMatch(/SUCCESS: 12 rules found/);
    expect(r.status).toBe(0);
  });

  it('promtool test rules passes', () => {
    const r = spawnSync('promtool', ['test', 'rules', 'wsgiwatch-alerts.test.yml'], { cwd: DIR, encoding: 'utf8' });
    expect(r.stdout + r.stderr).toContain('SUCCESS');
    expect(r.status).toBe(0);
  });
});

describe('alert rule unit tests cover every alert', () => {
  const rules = parse(readFileSync(`${DIR}wsgiwatch-alerts.yml`, 'utf8')) as {
    groups: { rules: { alert: string; annotations: Record<string, string>; labels: Record<string, string> }[] }[];
  };
  const tests = parse(readFileSync(`${DIR}wsgiwatch-alerts.test.yml`, 'utf8')) as {
    tests: { alert_rule_test: AlertTest[] }[];
  };
  const cases = tests.tests.flatMap((t) => t.alert_rule_test);
  const alerts = rules.groups.flatMap((g) => g.rules);

  it.each(alerts.map((a) => a.alert))('%s fires in one case and stays silent in another', (name) => {
    const mine = cases.filter((c) => c.alertname === name);
    expect(mine.some((c) => (c.exp_alerts ?? []).length > 0)).toBe(true);
    expect(mine.some((c) => (c.exp_alerts ?? []).length === 0)).toBe(true);
    // Where it fires, promtool compares the whole label set and every annotation (it fails on any difference).
    const rule = alerts.find((a) => a.alert === name);
    for (const e of mine.flatMap((c) => c.exp_alerts ?? [])) {
      expect(e.exp_labels?.severity).toBe(rule?.labels.severity);
      expect(Object.keys(e.exp_annotations ?? {}).sort()).toEqual(['description', 'runbook_url', 'summary']);
    }
  });

  it('every alert has a severity, a summary, a description and a runbook anchor in docs/runbooks.md', () => {
    const runbooks = readFileSync(new URL('../../docs/runbooks.md', import.meta.url), 'utf8');
    for (const a of alerts) {
      expect(['warning', 'critical']).toContain(a.labels.severity);
      expect(a.annotations.summary.length).toBeGreaterThan(10);
      expect(a.annotations.description.length).toBeGreaterThan(20);
      expect(a.annotations.runbook_url).toBe(`docs/runbooks.md#runbook-${a.alert.toLowerCase()}`);
      expect(runbooks).toContain(`## Runbook: ${a.alert}\n`);
    }
  });
});

describe('dashboard JSON', () => {
  it('is exactly what scripts/generate-dashboard.ts writes (sorted keys, formatted)', () => {
    expect(readFileSync(DASHBOARD_FILE, 'utf8')).toBe(stableJson(buildDashboard()));
  });

  it("is at the schema version of the Grafana release whose types it is built with (Grafana's current)", () => {
    const d = JSON.parse(readFileSync(DASHBOARD_FILE, 'utf8'));
    expect(d.schemaVersion).toBe(SCHEMA_VERSION);
    expect(defaultDashboard.schemaVersion).toBe(SCHEMA_VERSION);
  });

  it('has the datasource, job, instance, vhost and location variables, stable uids and the six rows', () => {
    const d = JSON.parse(readFileSync(DASHBOARD_FILE, 'utf8'));
    expect(d.uid).toBe('wsgiwatch-overview');
    expect(d.templating.list.map((v: { name: string }) => v.name)).toEqual([
      'datasource',
      'job',
      'instance',
      'vhost',
      'location',
    ]);
    expect(d.panels.filter((p: { type: string }) => p.type === 'row').map((p: { title: string }) => p.title)).toEqual([
      'Overview',
      'Rate limiting (mod_ratelimit)',
      'Requests',
      'mod_wsgi',
      'Config findings',
      'Agent health',
    ]);
    const ids = d.panels.map((p: { id: number }) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of d.panels) expect(p.gridPos.x + p.gridPos.w).toBeLessThanOrEqual(24);
  });
});

describe('promqlReferences', () => {
  it('reads metrics, selector labels and grouping labels, skipping functions, strings, durations and keywords', () => {
    const r = promqlReferences(
      'histogram_quantile(0.9, sum by (le, location) (rate(a_bucket{job=~"x,y}",vhost="v"}[5m]))) / clamp_min(b, 1e-9) or vector(0) and on (instance) c offset 5m',
    );
    expect([...r.metrics].sort()).toEqual(['a_bucket', 'b', 'c']);
    expect([...(r.selectorLabels.get('a_bucket') ?? [])].sort()).toEqual(['job', 'vhost']);
    expect([...r.groupingLabels].sort()).toEqual(['instance', 'le', 'location']);
  });

  it('folds histogram samples into their family, labels of every sample included, and leaves look-alike counters alone', () => {
    const { labels, histograms } = scrapeLabels(
      [
        '# TYPE d histogram',
        'd_bucket{location="/a",le="0.5"} 1',
        'd_sum{location="/a"} 0.2',
        'd_count{location="/a"} 1',
        '# TYPE e_count counter',
        'e_count{log="access"} 3',
        '',
      ].join('\n'),
    );
    expect([...histograms]).toEqual(['d']);
    expect([...labels.keys()].sort()).toEqual(['d', 'e_count']);
    expect([...(labels.get('d') ?? [])].sort()).toEqual(['le', 'location']);
    expect(metricFamily('d_bucket', histograms)).toBe('d');
    expect(metricFamily('e_count', histograms)).toBe('e_count');
  });
});
