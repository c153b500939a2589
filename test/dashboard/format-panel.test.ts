import { describe, expect, it } from 'vitest';
import { formatPanel } from '../../src/dashboard/format-panel.ts';
import { snapshot } from './snapshot-fixture.ts';

describe('formatPanel: what the rings dropped is said where they are shown', () => {
  it('the log panel says how many older lines its ring dropped, and nothing when none', () => {
    const lines = [
      '{"level":30,"time":"2026-12-07T08:00:01.000Z","msg":"b"}',
      '{"level":40,"time":"2026-12-07T08:00:02.000Z","msg":"c"}',
    ];
    const dropped = formatPanel('log', snapshot({ agentLog: lines, agentLogDropped: 7 }), 60);
    expect(dropped.summary.map((x) => x.text.trim())).toEqual(['7 older lines dropped']);
    expect(dropped.rows.map((r) => r.text.trim())).toEqual(['08:00:01 b', '08:00:02 c']);
    expect(formatPanel('log', snapshot({ agentLog: lines, agentLogDropped: 0 }), 60).summary).toEqual([]);
  });

  it('the events panel says how many older events the recent ring no longer keeps', () => {
    const s = snapshot();
    const shown = formatPanel('events', { ...s, wsgi: { ...s.wsgi, notKept: 12 } }, 80);
    expect(shown.summary.map((x) => x.text.trim())).toContain('12 older events not kept (counted above)');
    expect(formatPanel('events', s, 80).summary.some((x) => x.text.includes('not kept'))).toBe(false);
  });
});
