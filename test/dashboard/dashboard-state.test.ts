import { describe, expect, it } from 'vitest';
import {
  type DashboardState,
  initialDashboardState,
  keyToAction,
  reduceDashboard,
} from '../../src/dashboard/dashboard-state.ts';

const press = (s: DashboardState, input: string, key = {}) => {
  const a = keyToAction(s, input, key);
  return a ? reduceDashboard(s, a) : s;
};

describe('dashboard state', () => {
  it('tab, shift-tab and number keys move between panels and close details', () => {
    let s = initialDashboardState();
    s = press(s, '', { tab: true });
    expect(s.panel).toBe('events');
    s = press(s, '', { tab: true, shift: true });
    expect(s.panel).toBe('ratelimit');
    s = press(s, '', { tab: true, shift: true });
    expect(s.panel).toBe('log');
    s = press(press(s, '', { return: true }), '3');
    expect(s).toMatchObject({ panel: 'findings', details: false });
    expect(press(s, '9').panel).toBe('findings');
  });

  it('arrows move the cursor of the focused panel only, never below 0', () => {
    let s = press(initialDashboardState(), '', { downArrow: true });
    s = press(s, 'j');
    expect(s.cursor.ratelimit).toBe(2);
    s = press(s, '', { upArrow: true });
    s = press(s, '', { pageUp: true });
    expect(s.cursor.ratelimit).toBe(0);
    expect(press(press(s, '2'), '', { downArrow: true }).cursor).toMatchObject({ ratelimit: 0, events: 1 });
  });

  it('/ edits a filter where q and digits are text; enter applies, esc cancels, esc again clears', () => {
    let s = press(initialDashboardState(), '/');
    for (const c of 'q1x') s = press(s, c);
    s = press(s, '', { backspace: true });
    expect(s).toMatchObject({ filterDraft: 'q1', quit: false, panel: 'ratelimit' });
    s = press(s, '', { return: true });
    expect(s).toMatchObject({ filter: 'q1', filterDraft: undefined });
    s = press(press(s, '/'), 'z');
    s = press(s, '', { escape: true });
    expect(s).toMatchObject({ filter: 'q1', filterDraft: undefined });
    expect(press(s, '', { escape: true }).filter).toBe('');
  });

  it('p pauses, ? toggles help, enter/esc open and close details, q and ctrl-c quit', () => {
    let s = press(press(initialDashboardState(), 'p'), '?');
    expect(s).toMatchObject({ paused: true, help: true });
    s = press(s, '', { escape: true });
    expect(s.help).toBe(false);
    s = press(s, '', { return: true });
    expect(s.details).toBe(true);
    expect(press(s, '', { escape: true }).details).toBe(false);
    expect(press(s, 'q').quit).toBe(true);
    expect(press(s, 'c', { ctrl: true }).quit).toBe(true);
  });
});
