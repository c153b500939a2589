// Bench: parseErrorLine (and parse + classify, and a custom ErrorLogFormat) on realistic mixed error lines against
// one bare default-format regex exec per line.
import { readdirSync, readFileSync } from 'node:fs';
import { classifyErrorRecord } from '../src/analyse/wsgi/classify-error-record.ts';
import { compileErrorLogFormat } from '../src/parse/error/compile-error-log-format.ts';
import { parseErrorLine } from '../src/parse/error/parse-error-line.ts';

const LINES = Number(process.env.LINES ?? 500_000);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const FIXTURES = new URL('../test/fixtures/error/', import.meta.url);

// Baseline: the default-format regex of apache-mod_wsgi-formats.md §7, one exec per line, nothing else.
const BARE =
  /^\[(?<ts>[A-Z][a-z]{2} [A-Z][a-z]{2} \d{2} \d{2}:\d{2}:\d{2}(?:\.\d{6})? \d{4})\] \[(?<module>[^:\]]*):(?<level>emerg|alert|crit|error|warn|notice|info|debug|trace[1-8])\] \[pid (?<pid>\d+)(?::tid (?<tid>\d+))?\] (?:(?<srcloc>[^\s:]+\(\d+\)): )?(?:(?<status>\((?:\d+|EAI \d+|OS \d+|os 0x[0-9a-f]{8})\)[^:]*): )?(?:\[(?<peerKind>client|remote) (?<peer>[^\]]+)\] )?(?<msg>.*?)(?:, referer: (?<referer>.*))?$/;
const CUSTOM = '[%{cu}t] [%-m:%-l] [pid %P:tid %-T] %7F: %E: [client\\ %a] [%L] %M% ,\\ referer\\ %{Referer}i';

/** Every observed default-format line of the domain docs (4.9.4 and 6.x), re-timed on a running clock. */
function generate(n: number): string[] {
  const templates = readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.log') && f !== 'custom-format.log')
    .flatMap((f) => readFileSync(new URL(f, FIXTURES), 'utf8').split('\n'))
    .filter((l) => l.startsWith('[Mon '));
  const bare = readFileSync(new URL('bare-lines.log', FIXTURES), 'utf8').split('\n').filter(Boolean);
  const lines: string[] = new Array(n);
  let seed = 12345;
  const rnd = (m: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % m;
  };
  for (let i = 0; i < n; i++) {
    if (i % 50 === 49) {
      lines[i] = bare[rnd(bare.length)]; // ~2 % raw stderr lines
      continue;
    }
    const second = Math.floor(i / 20); // about 20 lines per second
    const time = `Mon Nov 23 ${String(20 + (Math.floor(second / 3600) % 4)).padStart(2, '0')}:${String(Math.floor(second / 60) % 60).padStart(2, '0')}:${String(second % 60).padStart(2, '0')}.${String(rnd(1_000_000)).padStart(6, '0')} 2026`;
    lines[i] = templates[rnd(templates.length)]
      .replace(/^\[[^\]]+\]/, `[${time}]`)
      .replace(/127\.0\.0\.1:\d+/, `10.0.${rnd(256)}.${rnd(256)}:${1024 + rnd(60000)}`);
  }
  return lines.join('\n').split('\n'); // flat strings, as cut from a decoded read buffer
}

function customLines(n: number): string[] {
  const lines = readFileSync(new URL('custom-format.log', FIXTURES), 'utf8').split('\n').filter(Boolean);
  return Array.from({ length: n }, (_, i) => lines[i % lines.length]);
}

function time(label: string, lines: string[], fn: (line: string) => unknown): number {
  let sink = 0;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < lines.length; i++) if (fn(lines[i])) sink++;
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (sink === 0) throw new Error(`${label}: nothing matched`);
  return lines.length / seconds;
}

const lines = generate(LINES);
const custom = compileErrorLogFormat(CUSTOM);
const cLines = customLines(LINES);
const cases: Array<[string, string[], (line: string) => unknown]> = [
  ['bare regex exec (baseline)', lines, (l) => BARE.exec(l) !== null || true],
  ['parseErrorLine', lines, (l) => parseErrorLine(l).ok],
  [
    'parseErrorLine + classifyErrorRecord',
    lines,
    (l) => {
      const r = parseErrorLine(l);
      return r.ok && (classifyErrorRecord(r) !== undefined || true);
    },
  ],
  ['compileErrorLogFormat(custom).parse', cLines, (l) => custom.parse(l).ok],
];
for (const [label, input, fn] of cases) time(label, input.slice(0, 50_000), fn); // warm-up
const best = new Map<string, number>();
for (let round = 0; round < ROUNDS; round++) {
  for (const [label, input, fn] of cases) best.set(label, Math.max(best.get(label) ?? 0, time(label, input, fn)));
}
const baseline = best.get('bare regex exec (baseline)') ?? 1;
console.log(
  `parse-error: ${LINES.toLocaleString('en')} mixed lines (4.9.4 + 6.x + core + 2 % bare), best of ${ROUNDS}`,
);
for (const [label, rate] of best) {
  console.log(
    `  ${label.padEnd(40)} ${Math.round(rate).toLocaleString('en').padStart(12)} lines/s  ${(rate / baseline).toFixed(2)}× baseline`,
  );
}
const target = best.get('parseErrorLine') ?? 0;
console.log(`  target ≥ 300,000 lines/s for parseErrorLine: ${target >= 300_000 ? 'met' : 'NOT met'}`);
