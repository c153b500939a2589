import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { type DashboardState, initialDashboardState, type PanelId } from '../../src/dashboard/dashboard-state.ts';
import { DashboardView } from '../../src/dashboard/dashboard-view.tsx';
import type { Snapshot } from '../../src/report/snapshot.ts';
import { snapshot, THROTTLED } from './snapshot-fixture.ts';

function frame(s: Snapshot | undefined, over: Partial<DashboardState> = {}, width = 100, height = 30): string {
  const state = { ...initialDashboardState(), ...over };
  const { lastFrame, unmount } = render(
    <DashboardView snapshot={s} state={state} width={width} height={height} sourceLabel="test" />,
  );
  const out = lastFrame() ?? '';
  unmount();
  return out;
}
const panel = (p: PanelId) => ({ panel: p });

// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for escape sequences
const ESCAPES_OTHER_THAN_SGR = /\x1b(?!\[[0-9;]*m)|[\x00-\x09\x0b-\x1a\x1c-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

describe('DashboardView', () => {
  it('empty: waits for the first snapshot, then says "nothing yet" on empty panels', () => {
    expect(frame(undefined)).toContain('waiting for the first snapshot from test');
    const empty = snapshot({ locations: [], findings: [], sources: [], agentLog: [] });
    for (const p of ['findings', 'sources', 'log'] as const) expect(frame(empty, panel(p))).toContain('nothing yet');
  });

  it('a quiet first run explains itself: the config read, the logs followed, no rate-limited location and what to do', () => {
    const quiet = snapshot({
      apacheConfig: '/etc/apache2/apache2.conf',
      locations: [{ ...THROTTLED, rateKiBps: undefined, verdict: 'no-limit', location: '/' }],
      findings: [],
    });
    const f = frame(quiet, {}, 80, 24).replace(/\s+/g, ' ');
    expect(f).toContain('read /etc/apache2/apache2.conf');
    expect(f).toContain('following access /var/log/apache2/access.log');
    expect(f).toContain('no rate-limited location: rate-limit verdicts need mod_ratelimit');
    expect(f).toContain('see docs/verdicts.md; `wsgiwatch demo` shows them');
  });

  it('normal: header with host, versions, uptime, lines/s; rate-limit rows with configured, p50/p90, ratio, verdict', () => {
    const f = frame(snapshot());
    expect(f).toContain('wsgiwatch · web-1 · Apache 2.4.71 · mod_wsgi 6.0.5 · Python 3.11 · event · up 1m05s');
    expect(f).toContain('lines/s 17');
    expect(f).toMatch(/\/static\s+1000\s+1010\s+1200\s+0\.98 CONFORMING/);
  });

  it('throttled: the row says THROTTLED with its sparkline, and details show the explanation', () => {
    const f = frame(snapshot());
    expect(f).toMatch(/\/downloads\s+1000\s+308\s+316\s+0\.30 THROTTLED\s+▂▂▂/);
    const d = frame(snapshot(), { details: true });
    expect(d).toContain('daemon group shop, response-flush-delay 0 ms');
    expect(d).toContain('response-flush-delay=0 flushes on every stall');
  });

  it('every panel: the flush-delay banner names the group, its value, the throttled location and the recommendation', () => {
    for (const id of ['ratelimit', 'events', 'findings', 'requests', 'sources', 'log'] as const) {
      const f = frame(snapshot(), panel(id), 160);
      expect(f).toContain(
        'response-flush-delay=0 on daemon group shop throttles /downloads (ratio 0.30) · recommended: remove it (default 5 ms)',
      );
    }
    // 80 columns: wrapped, every part still on the first screen.
    const narrow = frame(snapshot(), {}, 80, 24).replace(/\s+/g, ' ');
    expect(narrow).toContain('response-flush-delay=0 on daemon group shop throttles /downloads (ratio 0.30)');
    expect(narrow).toContain('recommended: remove it (default 5 ms)');
  });

  it('findings: the table names the rule and subject', () => {
    const f = frame(snapshot(), panel('findings'));
    expect(f).toMatch(/WARNING\s+flush-delay-zero-with-ratelimit\s+shop/);
    expect(frame(snapshot(), { ...panel('findings'), details: true })).toContain('fix: Remove response-flush-delay=0');
  });

  it('WSGI0210 burst: counts first, each event with the request it broke', () => {
    const recent = Array.from({ length: 40 }, (_, i) => ({
      timeSeconds: 1795487000 + i,
      code: 'WSGI0210',
      kind: 'embedded-no-python',
      level: 'error',
      message: 'WSGI0210: Embedded mode of mod_wsgi cannot be used as Python was not initialised in this process.',
      request: { method: 'GET', url: `/legacy/e${i}`, status: 500, clientIp: '198.51.100.7' },
    }));
    const s = snapshot({
      wsgi: { byCode: { WSGI0210: 40, WSGI0001: 0 }, byKind: { 'embedded-no-python': 40 }, recent },
    });
    const f = frame(s, panel('events'));
    expect(f).toContain('codes: WSGI0210 40');
    expect(f).toContain('GET /legacy/e39 → 500');
    expect(f).not.toContain('WSGI0001');
    expect(f.split('\n').length).toBeLessThanOrEqual(30);
    expect(frame(s, { ...panel('events'), filter: 'e7' })).not.toContain('/legacy/e8 ');
  });

  it('narrow terminal: 80×24 fits without wrapping and keeps every panel usable', () => {
    for (const p of ['ratelimit', 'events', 'findings', 'requests', 'sources', 'log'] as const) {
      const lines = frame(snapshot(), panel(p), 80, 24).split('\n');
      expect(lines.length).toBeLessThanOrEqual(24);
      // biome-ignore lint/suspicious/noControlCharactersInRegex: strips SGR before measuring
      for (const l of lines) expect(Array.from(l.replace(/\x1b\[[0-9;]*m/g, '')).length).toBeLessThanOrEqual(80);
    }
    expect(frame(snapshot(), {}, 80, 24)).toContain('THROTTLED');
  });

  it('help and filter prompt', () => {
    expect(frame(snapshot(), { help: true })).toContain('q                 quit');
    expect(frame(snapshot(), { filterDraft: 'down' })).toContain('/down');
  });

  it('security: malicious URLs, user agents and messages reach the screen with no escape sequence or bidi control', () => {
    const evil = '\x1b]0;pwned\x07\x1b[2J\x1b]8;;http://evil/\x1b\\click\u202Etxt.exe\x9b31m\r';
    const s = snapshot({
      locations: [{ ...THROTTLED, location: `/dl${evil}`, explanation: evil }],
      wsgi: {
        byCode: { [`WSGI${evil}`]: 1 },
        byKind: {},
        recent: [
          {
            kind: 'exception',
            level: 'error',
            message: evil,
            request: { method: 'GET', url: `/x${evil}`, status: 500 },
          },
        ],
      },
      findings: [{ rule: 'r', severity: 'error', subject: evil, message: evil, fix: evil }],
      sources: [{ ...snapshot().sources[0], path: `/var/log/${evil}` }],
      agentLog: [evil],
    });
    for (const p of ['ratelimit', 'events', 'findings', 'requests', 'sources', 'log'] as const)
      for (const details of [false, true]) {
        const f = frame(s, { ...panel(p), details });
        expect(ESCAPES_OTHER_THAN_SGR.test(f), `${p} details=${details}: ${JSON.stringify(f)}`).toBe(false);
      }
    expect(frame(s, panel('events'))).toContain('␛]0;pwned␇');
  });
});
