import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALARM_KINDS } from '../../../src/analyse/wsgi/alarm-kinds.ts';
import { classifyErrorRecord } from '../../../src/analyse/wsgi/classify-error-record.ts';
import { WSGI_EVENT_KINDS } from '../../../src/analyse/wsgi/wsgi-event-kinds.ts';
import { parseErrorLine } from '../../../src/parse/error/parse-error-line.ts';

// Acceptance 2 of issue 16: real lines pasted in public bug reports, each with its source and an expected kind.
interface PastedLine {
  source: string;
  label: string;
  line: string;
}

const PASTED: PastedLine[] = [];
let source = '';
for (const text of readFileSync(new URL('../../fixtures/wild/pasted-error-lines.txt', import.meta.url), 'utf8').split(
  '\n',
)) {
  if (text === '' || text.startsWith('#')) continue;
  if (text.startsWith('@ ')) {
    source = text.slice(2);
    continue;
  }
  const space = text.indexOf(' ');
  PASTED.push({ source, label: text.slice(0, space), line: text.slice(space + 1) });
}

function kindOf(line: string): string {
  const r = parseErrorLine(line);
  if (!r.ok) return 'unparsed';
  return classifyErrorRecord(r)?.kind ?? '-';
}

describe('real pasted error lines (test/fixtures/wild/pasted-error-lines.txt)', () => {
  it('holds at least 300 lines, each with an http(s) source and a known label', () => {
    expect(PASTED.length).toBeGreaterThanOrEqual(300);
    for (const p of PASTED) {
      expect(p.source).toMatch(/^https?:\/\//);
      expect(p.label === '-' || WSGI_EVENT_KINDS.includes(p.label)).toBe(true);
    }
  });

  it('classifies at least 98 % of the alarm lines as labelled', () => {
    const alarms = PASTED.filter((p) => ALARM_KINDS.has(p.label));
    const wrong = alarms.filter((p) => kindOf(p.line) !== p.label);
    expect(alarms.length).toBeGreaterThanOrEqual(50);
    expect(wrong.length / alarms.length).toBeLessThanOrEqual(0.02);
    expect(wrong.map((p) => `${p.label} ${p.source}\n  ${p.line}`)).toEqual([]);
  });

  it('counts no info or application-output line as an alarm', () => {
    const quiet = PASTED.filter((p) => !ALARM_KINDS.has(p.label));
    expect(quiet.filter((p) => ALARM_KINDS.has(kindOf(p.line))).map((p) => p.line)).toEqual([]);
  });

  it('gives every line the kind its label says', () => {
    const wrong = PASTED.filter((p) => kindOf(p.line) !== p.label).map(
      (p) => `${p.label} ← ${kindOf(p.line)}: ${p.line}`,
    );
    expect(wrong).toEqual([]);
  });
});
