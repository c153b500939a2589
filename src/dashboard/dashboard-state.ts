// Dashboard UI state (panel focus, cursor, filter, pause, details, help) as a pure reducer, apart from rendering.

export const PANELS = ['ratelimit', 'events', 'findings', 'requests', 'sources', 'log'] as const;
export type PanelId = (typeof PANELS)[number];

export const PANEL_TITLES: Record<PanelId, string> = {
  ratelimit: 'Rate limits',
  events: 'mod_wsgi events',
  findings: 'Findings',
  requests: 'Requests',
  sources: 'Sources',
  log: 'Agent log',
};

export interface DashboardState {
  panel: PanelId;
  /** Selected row per panel. */
  cursor: Record<PanelId, number>;
  filter: string;
  /** The filter being typed after `/`; undefined when not editing. */
  filterDraft?: string;
  paused: boolean;
  details: boolean;
  help: boolean;
  quit: boolean;
}

export type DashboardAction =
  | { type: 'next-panel' }
  | { type: 'prev-panel' }
  | { type: 'panel'; index: number }
  | { type: 'move'; delta: number }
  | { type: 'open' }
  | { type: 'close' }
  | { type: 'filter-start' }
  | { type: 'filter-input'; text: string }
  | { type: 'filter-backspace' }
  | { type: 'filter-commit' }
  | { type: 'toggle-pause' }
  | { type: 'toggle-help' }
  | { type: 'quit' };

export function initialDashboardState(): DashboardState {
  const cursor = Object.fromEntries(PANELS.map((p) => [p, 0])) as Record<PanelId, number>;
  return { panel: 'ratelimit', cursor, filter: '', paused: false, details: false, help: false, quit: false };
}

export function reduceDashboard(s: DashboardState, a: DashboardAction): DashboardState {
  const i = PANELS.indexOf(s.panel);
  switch (a.type) {
    case 'next-panel':
      return { ...s, panel: PANELS[(i + 1) % PANELS.length], details: false };
    case 'prev-panel':
      return { ...s, panel: PANELS[(i + PANELS.length - 1) % PANELS.length], details: false };
    case 'panel':
      return a.index >= 0 && a.index < PANELS.length ? { ...s, panel: PANELS[a.index], details: false } : s;
    case 'move':
      // The upper bound depends on the rows: clampCursor() at render time.
      return { ...s, cursor: { ...s.cursor, [s.panel]: Math.max(0, s.cursor[s.panel] + a.delta) } };
    case 'open':
      return { ...s, details: true };
    case 'close':
      if (s.filterDraft !== undefined) return { ...s, filterDraft: undefined };
      if (s.help) return { ...s, help: false };
      if (s.details) return { ...s, details: false };
      return { ...s, filter: '' };
    case 'filter-start':
      return { ...s, filterDraft: s.filter };
    case 'filter-input':
      return s.filterDraft === undefined ? s : { ...s, filterDraft: s.filterDraft + a.text };
    case 'filter-backspace':
      return s.filterDraft === undefined ? s : { ...s, filterDraft: s.filterDraft.slice(0, -1) };
    case 'filter-commit':
      return {
        ...s,
        filter: s.filterDraft ?? s.filter,
        filterDraft: undefined,
        cursor: { ...s.cursor, [s.panel]: 0 },
      };
    case 'toggle-pause':
      return { ...s, paused: !s.paused };
    case 'toggle-help':
      return { ...s, help: !s.help };
    case 'quit':
      return { ...s, quit: true };
  }
}

/** The subset of ink's Key the mapping needs. */
export interface KeyPress {
  tab?: boolean;
  shift?: boolean;
  upArrow?: boolean;
  downArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  return?: boolean;
  escape?: boolean;
  backspace?: boolean;
  delete?: boolean;
  ctrl?: boolean;
}

/** Maps a key press to an action; while typing a filter every printable key is text. */
export function keyToAction(s: DashboardState, input: string, key: KeyPress): DashboardAction | undefined {
  if (key.ctrl && input === 'c') return { type: 'quit' };
  if (s.filterDraft !== undefined) {
    if (key.return) return { type: 'filter-commit' };
    if (key.escape) return { type: 'close' };
    if (key.backspace || key.delete) return { type: 'filter-backspace' };
    return input && !key.ctrl ? { type: 'filter-input', text: input } : undefined;
  }
  if (key.tab) return key.shift ? { type: 'prev-panel' } : { type: 'next-panel' };
  if (key.upArrow) return { type: 'move', delta: -1 };
  if (key.downArrow) return { type: 'move', delta: 1 };
  if (key.pageUp) return { type: 'move', delta: -10 };
  if (key.pageDown) return { type: 'move', delta: 10 };
  if (key.return) return { type: 'open' };
  if (key.escape) return { type: 'close' };
  if (/^[1-6]$/.test(input)) return { type: 'panel', index: Number(input) - 1 };
  switch (input) {
    case 'q':
      return { type: 'quit' };
    case 'p':
      return { type: 'toggle-pause' };
    case '?':
    case 'h':
      return { type: 'toggle-help' };
    case '/':
      return { type: 'filter-start' };
    case 'j':
      return { type: 'move', delta: 1 };
    case 'k':
      return { type: 'move', delta: -1 };
  }
  return undefined;
}
