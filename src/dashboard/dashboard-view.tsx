// The whole screen for one (snapshot, UI state, size): pure, no timers or input, so ink-testing-library renders it.

import { Box, Text } from 'ink';
import type { Snapshot } from '../report/snapshot.ts';
import { type DashboardState, PANEL_TITLES, PANELS } from './dashboard-state.ts';
import { cell, formatBanner, formatHeader, formatPanel, type Row, type Tone, wrapWords } from './format-panel.ts';
import { sanitiseText } from './sanitise-text.ts';

export interface DashboardViewProps {
  snapshot?: Snapshot;
  state: DashboardState;
  width: number;
  height: number;
  sourceLabel: string;
  /** Last read error of the source (shown in the footer; the last good snapshot stays). */
  error?: string;
}

const COLOR: Record<Tone, { color?: string; bold?: boolean; dimColor?: boolean; inverse?: boolean }> = {
  normal: {},
  bad: { color: 'red', bold: true },
  warn: { color: 'yellow' },
  good: { color: 'green' },
  dim: { dimColor: true },
  accent: { color: 'cyan' },
};

export const HELP_LINES = [
  'tab / shift-tab   next / previous panel        1-6   jump to a panel',
  'up / down, j / k  move the selection           pgup / pgdn  page',
  'enter             details: explanation, evidence      esc  back',
  '/                 filter rows (enter applies, esc cancels)',
  'p                 pause / resume the refresh   ?     this help',
  'q                 quit (the terminal is restored)',
];

/** Clamps the cursor to the rows and returns the visible window [start, end). */
export function visibleWindow(cursor: number, rows: number, height: number): { cursor: number; start: number } {
  const c = Math.max(0, Math.min(cursor, rows - 1));
  const start = Math.max(0, Math.min(c - height + 1 + Math.floor(height / 2), rows - height));
  return { cursor: Math.max(0, c), start: Math.max(0, Math.min(start, c)) };
}

export function DashboardView(p: DashboardViewProps) {
  const width = Math.max(40, p.width - 1); // one spare column: no wrap on terminals that auto-wrap the last column
  const { state } = p;
  const tabs = PANELS.map((id, i) => {
    const label = ` ${i + 1} ${PANEL_TITLES[id]} `;
    return (
      <Text key={id} inverse={id === state.panel} bold={id === state.panel}>
        {label}
      </Text>
    );
  });
  const footerText =
    state.filterDraft !== undefined
      ? `/${state.filterDraft}▏  enter apply · esc cancel`
      : `${state.paused ? 'PAUSED · ' : ''}${state.filter ? `filter "${state.filter}" · ` : ''}${p.error ? `source error: ${p.error} · ` : ''}tab/1-6 panels · ↑↓ scroll · enter details · / filter · p pause · ? help · q quit`;
  const footer = (
    <Text dimColor={!p.error} color={p.error ? 'red' : undefined}>
      {cell(footerText, width)}
    </Text>
  );
  if (!p.snapshot)
    return (
      <Box flexDirection="column" width={width}>
        <Text>{cell(`wsgiwatch · waiting for the first snapshot from ${p.sourceLabel}…`, width)}</Text>
        {footer}
      </Box>
    );
  const header = formatHeader(p.snapshot, width, sanitiseText(p.sourceLabel));
  const view = formatPanel(state.panel, p.snapshot, width);
  const needle = state.filter.toLowerCase();
  const rows: Row[] = needle
    ? view.rows.filter(
        (r) => r.text.toLowerCase().includes(needle) || r.details.join(' ').toLowerCase().includes(needle),
      )
    : view.rows;
  const summary = view.summary.slice(0, 3);
  // The flush-delay banner stands on every screen; on a short terminal it keeps one line.
  const banner = formatBanner(p.snapshot, width, p.height < 20 ? 1 : 4);
  const bodyHeight = Math.max(1, p.height - 5 - summary.length - banner.length);
  let body: React.ReactNode;
  if (state.help) {
    body = <Text>{HELP_LINES.map((l) => cell(l, width)).join('\n')}</Text>;
  } else if (state.details && rows.length > 0) {
    const { cursor } = visibleWindow(state.cursor[state.panel], rows.length, bodyHeight);
    const lines = rows[cursor].details.flatMap((d) => wrapWords(sanitiseText(d), width));
    body = <Text>{lines.slice(0, bodyHeight).join('\n')}</Text>;
  } else if (rows.length === 0) {
    const empty = needle ? [`no rows match "${state.filter}"`] : (view.empty ?? ['nothing yet']);
    const lines = empty.flatMap((l) => wrapWords(sanitiseText(l), width));
    body = <Text dimColor={view.empty === undefined || needle !== ''}>{lines.slice(0, bodyHeight).join('\n')}</Text>;
  } else {
    const { cursor, start } = visibleWindow(state.cursor[state.panel], rows.length, bodyHeight);
    // One <Text> per run of rows with the same tone (and one for the selected row): few nodes, pre-formatted strings.
    const shown = rows.slice(start, start + bodyHeight);
    const runs: { tone: Tone; selected: boolean; lines: string[] }[] = [];
    shown.forEach((r, i) => {
      const selected = start + i === cursor;
      const last = runs[runs.length - 1];
      if (last && !selected && !last.selected && last.tone === r.tone) last.lines.push(r.text);
      else runs.push({ tone: r.tone, selected, lines: [r.text] });
    });
    body = runs.map((run, i) => (
      // biome-ignore lint/suspicious/noArrayIndexKey: runs are positional
      <Text key={i} {...COLOR[run.tone]} inverse={run.selected}>
        {run.lines.join('\n')}
      </Text>
    ));
  }
  return (
    <Box flexDirection="column" width={width}>
      <Text bold color="cyan">
        {header[0]}
      </Text>
      <Text>{header[1]}</Text>
      {banner.map((b, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: positional lines
        <Text key={`banner-${i}`} {...COLOR[b.tone]}>
          {b.text}
        </Text>
      ))}
      <Box>{tabs}</Box>
      {summary.map((s, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: positional lines
        <Text key={i} {...COLOR[s.tone]}>
          {cell(s.text, width)}
        </Text>
      ))}
      <Text underline>{cell(view.columns, width)}</Text>
      <Box flexDirection="column" height={bodyHeight}>
        {body}
      </Box>
      {footer}
    </Box>
  );
}
