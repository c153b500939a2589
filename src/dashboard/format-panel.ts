// Snapshot → pre-formatted, fixed-width, sanitised rows per panel (dependencies.md §5: ink only lays out strings).

import { formatFlushDelayBanner } from '../analyse/findings/format-flush-delay-banner.ts';
import { formatSetupSummary } from '../analyse/format-setup-summary.ts';
import type { LocationSnapshot, Snapshot } from '../report/snapshot.ts';
import type { PanelId } from './dashboard-state.ts';
import { sanitiseText } from './sanitise-text.ts';

export type Tone = 'normal' | 'bad' | 'warn' | 'good' | 'dim' | 'accent';

export interface Row {
  text: string;
  tone: Tone;
  /** Shown by enter: the explanation and the evidence. */
  details: string[];
}

export interface PanelView {
  /** Lines above the table (counts, flagged settings). */
  summary: { text: string; tone: Tone }[];
  columns: string;
  rows: Row[];
  /** What an empty table says instead of "nothing yet". */
  empty?: string[];
}

/** Sanitised, truncated and padded to exactly `w` columns. */
export function cell(s: string, w: number, right = false): string {
  const t = sanitiseText(s, w);
  const n = Array.from(t).length;
  return right ? ' '.repeat(Math.max(0, w - n)) + t : t + ' '.repeat(Math.max(0, w - n));
}

export function formatKiB(n: number | undefined): string {
  if (n === undefined || !Number.isFinite(n)) return '-';
  return n < 10_000 ? String(Math.round(n)) : `${(n / 1024).toFixed(1)}M`;
}

export function formatRatio(r: number | undefined): string {
  if (r === undefined || !Number.isFinite(r)) return '-';
  return r < 10 ? r.toFixed(2) : r.toFixed(0);
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1048576) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1073741824) return `${(n / 1048576).toFixed(1)} MiB`;
  return `${(n / 1073741824).toFixed(2)} GiB`;
}

export function formatSeconds(s: number | undefined): string {
  if (s === undefined || !Number.isFinite(s)) return '-';
  return s < 1 ? `${Math.round(s * 1000)}ms` : `${s.toFixed(s < 10 ? 2 : 1)}s`;
}

const BARS = '▁▂▃▄▅▆▇█';

/** Ratio history as bars: 1.0 (conforming) is the middle, ≥ 2 full. */
export function sparkline(values: number[], width: number): string {
  const tail = values.slice(-width);
  const bars = tail.map((v) => BARS[Math.max(0, Math.min(7, Math.round((Math.min(v, 2) / 2) * 7)))]).join('');
  return bars.padStart(width, ' ');
}

const VERDICT_TONE: Record<string, Tone> = {
  throttled: 'bad',
  ineffective: 'warn',
  conforming: 'good',
  unclear: 'dim',
  'insufficient-data': 'dim',
  'no-limit': 'dim',
};

const hostPrefix = (l: LocationSnapshot & { host?: string }) => (l.host ? `${l.host} ` : '');

function rateLimitPanel(s: Snapshot, width: number): PanelView {
  // loc | conf | p50 | p90 | ratio | verdict | spark
  const fixed = 6 + 7 + 7 + 7 + 13 + 13;
  const locW = Math.max(10, width - fixed);
  const limited = s.locations.filter((l) => l.rateKiBps !== undefined);
  return {
    summary: [],
    // A quiet first run explains itself: what was read, what is followed, why no verdict can come.
    empty: formatSetupSummary({ apacheConfig: s.apacheConfig, logs: s.sources, rateLimitedLocations: 0 }),
    columns: `${cell('location', locW - 1)} ${cell('KiB/s', 6, true)}${cell('p50', 7, true)}${cell('p90', 7, true)}${cell('ratio', 7, true)} ${cell('verdict', 12)}${cell('ratio history', 13)}`,
    rows: limited.map((l) => ({
      text: `${cell(hostPrefix(l) + l.location, locW - 1)} ${cell(formatKiB(l.rateKiBps), 6, true)}${cell(formatKiB(l.achievedKiBps?.p50), 7, true)}${cell(formatKiB(l.achievedKiBps?.p90), 7, true)}${cell(formatRatio(l.medianRatio), 7, true)} ${cell(l.verdict.toUpperCase(), 12)}${sparkline(l.ratioHistory, 12)}`,
      tone: VERDICT_TONE[l.verdict] ?? 'normal',
      details: [
        `${l.vhost} ${l.location}: ${l.verdict} (${l.samples} measured responses)`,
        `configured ${formatKiB(l.rateKiBps)} KiB/s, burst ${l.burstKiB ?? 0} KiB; achieved p10/p50/p90 ${formatKiB(l.achievedKiBps?.p10)}/${formatKiB(l.achievedKiBps?.p50)}/${formatKiB(l.achievedKiBps?.p90)} KiB/s`,
        ...(l.daemonGroup
          ? [`daemon group ${l.daemonGroup}, response-flush-delay ${l.flushDelayMs ?? 'default'} ms`]
          : []),
        l.explanation,
      ],
    })),
  };
}

function eventsPanel(s: Snapshot, width: number): PanelView {
  const codes = Object.entries(s.wsgi.byCode)
    .filter(([, n]) => n > 0)
    .sort((a, b) => (a[0] === 'WSGI0210' ? -1 : b[0] === 'WSGI0210' ? 1 : b[1] - a[1]));
  const kinds = Object.entries(s.wsgi.byKind)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1]);
  const summary: PanelView['summary'] = [];
  summary.push({
    text: sanitiseText(`codes: ${codes.map(([c, n]) => `${c} ${n}`).join('  ') || 'none'}`, width),
    tone: (s.wsgi.byCode.WSGI0210 ?? 0) > 0 ? 'bad' : 'normal',
  });
  summary.push({
    text: sanitiseText(`kinds: ${kinds.map(([k, n]) => `${k} ${n}`).join('  ') || 'none'}`, width),
    tone: 'normal',
  });
  // The rows are the recent ring; the counts above hold every event.
  const notKept = s.wsgi.notKept ?? 0;
  if (notKept > 0)
    summary.push({ text: sanitiseText(`${notKept} older events not kept (counted above)`, width), tone: 'normal' });
  const reqW = 28;
  const msgW = Math.max(10, width - 9 - 19 - reqW - 2);
  const recent = s.wsgi.recent.slice().reverse();
  return {
    summary,
    columns: `${cell('time', 9)}${cell('code/kind', 19)}${cell('request', reqW)}  ${cell('message', msgW)}`,
    rows: recent.map((e) => {
      const time = e.timeSeconds ? new Date(e.timeSeconds * 1000).toISOString().slice(11, 19) : '-';
      const req = e.request ? `${e.request.method ?? ''} ${e.request.url ?? ''} → ${e.request.status ?? '?'}` : '';
      return {
        // An unrecognised mod_wsgi line shows its level: `other:crit` is worth a look, `other:info` is not.
        text: `${cell(time, 9)}${cell(e.code ?? (e.kind === 'other' ? `other:${e.level}` : e.kind), 19)}${cell(req, reqW)}  ${cell(e.message, msgW)}`,
        tone: e.code === 'WSGI0210' ? 'bad' : e.level === 'error' || e.level === 'crit' ? 'warn' : 'normal',
        details: [
          `${e.code ?? ''} ${e.kind} [${e.level}] pid ${e.pid ?? '?'}${e.processGroup ? ` group ${e.processGroup}` : ''}`,
          e.message,
          ...(e.peer ? [`peer ${e.peer.kind} ${e.peer.ip}:${e.peer.port ?? ''}`] : []),
          ...(e.request ? [`request: ${req} from ${e.request.clientIp ?? '?'}`] : []),
          ...(e.exception
            ? [`exception ${e.exception.type}: ${e.exception.message} (${e.exception.lines} lines)`]
            : []),
          ...(e.script ? [`script ${e.script}`] : []),
        ],
      };
    }),
  };
}

function findingsPanel(s: Snapshot, width: number): PanelView {
  // The mis-set flush delay stands in the banner above every panel (formatBanner), not here a second time.
  const ruleW = 34;
  const subjW = 14;
  const msgW = Math.max(10, width - 8 - ruleW - subjW);
  return {
    summary: [],
    columns: `${cell('sev', 8)}${cell('rule', ruleW)}${cell('subject', subjW)}${cell('message', msgW)}`,
    rows: s.findings.map((f) => ({
      text: `${cell(f.severity.toUpperCase(), 8)}${cell(f.rule, ruleW - 1)} ${cell(f.subject, subjW - 1)} ${cell(f.message, msgW)}`,
      tone: f.severity === 'error' ? 'bad' : f.severity === 'warning' ? 'warn' : 'normal',
      details: [
        `${f.severity} ${f.rule} (${f.subject})${f.file ? ` at ${f.file}:${f.line ?? 0}` : ''}`,
        f.message,
        `fix: ${f.fix}`,
      ],
    })),
  };
}

function requestsPanel(s: Snapshot, width: number): PanelView {
  const locW = Math.max(10, width - 9 - 8 - 9 - 10);
  return {
    summary: [],
    columns: `${cell('location', locW - 1)} ${cell('req/s', 9, true)}${cell('5xx', 8, true)}${cell('p95', 9, true)}${cell('total', 10, true)}`,
    rows: s.locations.map((l) => ({
      text: `${cell(hostPrefix(l) + l.location, locW - 1)} ${cell(l.requestsPerSecond.toFixed(1), 9, true)}${cell(`${(l.errorRatio * 100).toFixed(1)}%`, 8, true)}${cell(formatSeconds(l.p95DurationSeconds), 9, true)}${cell(String(l.requestsTotal), 10, true)}`,
      tone: l.errorRatio > 0.05 ? 'bad' : l.errorRatio > 0 ? 'warn' : 'normal',
      details: [
        `${l.vhost} ${l.location}`,
        `requests ${l.requestsTotal}, ${l.requestsPerSecond.toFixed(2)}/s, 5xx ${(l.errorRatio * 100).toFixed(2)}% over the last minute, p95 ${formatSeconds(l.p95DurationSeconds)}`,
      ],
    })),
  };
}

function sourcesPanel(s: Snapshot, width: number): PanelView {
  const pathW = Math.max(10, width - 7 - 8 - 11 - 10 - 8 - 5);
  const tailPath = (p: string) => (p.length > pathW ? `…${p.slice(p.length - pathW + 1)}` : p);
  return {
    summary: [],
    columns: `${cell('log', 7)}${cell('state', 8)}${cell('path', pathW)}${cell('offset', 11, true)}${cell('lag', 10, true)}${cell('lines/s', 8, true)}${cell('rot', 5, true)}`,
    rows: s.sources.map((x) => ({
      text: `${cell(x.log, 7)}${cell(x.state, 8)}${cell(tailPath(x.path), pathW)}${cell(formatBytes(x.offsetBytes), 11, true)}${cell(formatBytes(x.lagBytes), 10, true)}${cell(x.linesPerSecond.toFixed(0), 8, true)}${cell(String(x.rotations), 5, true)}`,
      tone: x.state === 'error' ? 'bad' : x.state === 'waiting' ? 'warn' : 'normal',
      details: [
        `${x.log} log ${x.path}: ${x.state}${x.error ? ` (${x.error})` : ''}`,
        `offset ${x.offsetBytes} of ${x.sizeBytes} bytes, lag ${x.lagBytes}; ${x.linesRead} lines read, ${x.linesPerSecond.toFixed(1)}/s`,
        `rotations ${x.rotations}, truncations ${x.truncations}, lines lost ${x.linesLost}, parse failures ${x.parseFailures}`,
      ],
    })),
  };
}

function logPanel(s: Snapshot, width: number): PanelView {
  const dropped = s.agentLogDropped ?? 0;
  return {
    summary: dropped > 0 ? [{ text: sanitiseText(`${dropped} older lines dropped`, width), tone: 'normal' }] : [],
    columns: cell('wsgiwatch log (newest last)', width),
    rows: s.agentLog.map((line) => {
      let text = line;
      let tone: Tone = 'normal';
      try {
        const j = JSON.parse(line) as { time?: string; level?: number; msg?: string; [k: string]: unknown };
        const { time, level, msg, pid: _p, hostname: _h, name: _n, ...rest } = j;
        text = `${String(time ?? '').slice(11, 19)} ${msg ?? ''} ${Object.keys(rest).length ? JSON.stringify(rest) : ''}`;
        tone = (level ?? 30) >= 50 ? 'bad' : (level ?? 30) >= 40 ? 'warn' : 'normal';
      } catch {}
      return { text: cell(text, width), tone, details: [line] };
    }),
  };
}

export function formatPanel(panel: PanelId, s: Snapshot, width: number): PanelView {
  switch (panel) {
    case 'ratelimit':
      return rateLimitPanel(s, width);
    case 'events':
      return eventsPanel(s, width);
    case 'findings':
      return findingsPanel(s, width);
    case 'requests':
      return requestsPanel(s, width);
    case 'sources':
      return sourcesPanel(s, width);
    case 'log':
      return logPanel(s, width);
  }
}

function uptime(sec: number): string {
  const s = Math.floor(sec);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h ? `${h}h${String(m).padStart(2, '0')}m` : `${m}m${String(s % 60).padStart(2, '0')}s`;
}

/** The two header lines: host and versions; throughput and lag. */
export function formatHeader(s: Snapshot, width: number, sourceLabel: string): string[] {
  const v = s.versions;
  const line1 = `wsgiwatch · ${s.host} · Apache ${v.apache ?? '?'} · mod_wsgi ${v.modWsgi ?? '?'} · Python ${v.python ?? '?'}${v.mpm ? ` · ${v.mpm}` : ''} · up ${uptime(s.uptimeSeconds)} · ${sourceLabel}`;
  const t = s.totals;
  const throttled = s.locations.filter((l) => l.verdict === 'throttled').length;
  const line2 = `lines/s ${t.linesPerSecond.toFixed(0)} · req/s ${t.requestsPerSecond.toFixed(1)} · worst lag ${formatBytes(t.worstLagBytes)} · parse failures ${t.parseFailures} · throttled ${throttled} · WSGI0210 ${s.wsgi.byCode.WSGI0210 ?? 0} · findings ${s.findings.length}`;
  return [cell(line1, width), cell(line2, width)];
}

/** Banner lines shown above the panels on every screen, wrapped to the width: at most `maxLines`. */
export function formatBanner(s: Snapshot, width: number, maxLines = 4): { text: string; tone: Tone }[] {
  const banners = formatFlushDelayBanner(s.findings, s.locations);
  const lines: { text: string; tone: Tone }[] = [];
  for (let i = 0; i < banners.length; i++) {
    const wrapped = wrapWords(sanitiseText(`! ${banners[i].text}`), width);
    const room = maxLines - lines.length - (i < banners.length - 1 ? 1 : 0);
    if (wrapped.length > room && i > 0) {
      lines.push({ text: cell(`! +${banners.length - i} more in 3 Findings`, width), tone: 'warn' });
      break;
    }
    for (const w of wrapped.slice(0, Math.max(1, room))) lines.push({ text: cell(w, width), tone: banners[i].tone });
  }
  return lines.slice(0, maxLines);
}

/** Word-wraps to `width` columns; a word longer than the width is cut. */
export function wrapWords(s: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of s.split(' ')) {
    if (line.length + word.length + 1 > width && line) {
      out.push(line);
      line = '';
    }
    line = line ? `${line} ${word}` : word.slice(0, width);
  }
  if (line) out.push(line);
  return out;
}
