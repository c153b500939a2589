// The writers' side, for tests: wraps log lines as a container runtime, Docker's json-file driver or journalctl would,
// so an unwrapped read can be compared with the original.

export interface StreamLine {
  stream: 'stdout' | 'stderr';
  text: string;
  /** Code-unit positions where the runtime split the line into partial pieces (CRI `P`, Docker entries without `\n`). */
  cuts?: number[];
}

const BASE_MS = Date.UTC(2026, 11, 7, 5, 41, 5);

function pieces(line: StreamLine): string[] {
  const cuts = [...new Set(line.cuts ?? [])].filter((c) => c > 0 && c < line.text.length).sort((a, b) => a - b);
  const out: string[] = [];
  let from = 0;
  for (const c of cuts) {
    out.push(line.text.slice(from, c));
    from = c;
  }
  out.push(line.text.slice(from));
  return out;
}

function criTime(i: number): string {
  return new Date(BASE_MS + i).toISOString().replace('Z', '123456Z');
}

/** `/var/log/containers/*.log`: `TIME STREAM P|F text`, one `F` per line. */
export function wrapCri(lines: StreamLine[]): string {
  let i = 0;
  return lines
    .flatMap((l) => {
      const ps = pieces(l);
      return ps.map((p, k) => `${criTime(i++)} ${l.stream} ${k === ps.length - 1 ? 'F' : 'P'} ${p}\n`);
    })
    .join('');
}

/** Docker json-file: the `\n` the container wrote ends `log`; a split line's earlier pieces have none. */
export function wrapDocker(lines: StreamLine[]): string {
  let i = 0;
  return lines
    .flatMap((l) => {
      const ps = pieces(l);
      return ps.map(
        (p, k) =>
          `${JSON.stringify({ log: k === ps.length - 1 ? `${p}\n` : p, stream: l.stream, time: criTime(i++) })}\n`,
      );
    })
    .join('');
}

/** `journalctl -o short-iso` (systemd < 254 spells the offset +0000), with the journal's own first line. */
export function wrapJournalShort(texts: string[], identifier = 'apache2[1234]'): string {
  const head = '-- Logs begin at Mon 2026-12-07 05:00:00 UTC, end at Mon 2026-12-07 06:00:00 UTC. --\n';
  return (
    head +
    texts
      .map((t, i) => `${new Date(BASE_MS + i * 1000).toISOString().slice(0, 19)}+0000 web-1 ${identifier}: ${t}\n`)
      .join('')
  );
}

/** `journalctl -o json`: MESSAGE as a string, or as the bytes of its UTF-8 when `asBytes` says so. */
export function wrapJournalJson(texts: string[], asBytes: (text: string, i: number) => boolean = () => false): string {
  return texts
    .map((t, i) => {
      const message = asBytes(t, i) ? [...Buffer.from(t, 'utf8')] : t;
      return `${JSON.stringify({
        __CURSOR: `s=0;i=${i}`,
        __REALTIME_TIMESTAMP: String((BASE_MS + i) * 1000),
        _HOSTNAME: 'web-1',
        SYSLOG_IDENTIFIER: 'apache2',
        _PID: '1234',
        MESSAGE: message,
      })}\n`;
    })
    .join('');
}
