import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyErrorRecord } from '../../../src/analyse/wsgi/classify-error-record.ts';
import { LEGACY_MESSAGES } from '../../../src/analyse/wsgi/legacy-messages.ts';
import { parseErrorLine } from '../../../src/parse/error/parse-error-line.ts';
import { renderTemplate } from './render-template.ts';

// Acceptance: every distinct warn-or-worse format string of mod_wsgi 4.9.4, rendered as a 2.4 line, is a counted
// event and at most 10 % of them are kind `other`.
const FORMATS = readFileSync(new URL('../../fixtures/wild/mod_wsgi-4.9.4-formats.tsv', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l !== '' && !l.startsWith('#'))
  .map((l) => {
    const [where, level, format] = l.split('\t');
    return { where, level, format };
  });

/** A 2.4 default-format line: pid-prefixed messages as the daemon/child logs them, script errors with a client. */
function renderLine(level: string, format: string): string {
  const peer = format.startsWith('mod_wsgi') ? '' : '[client 10.0.0.7:51234] ';
  return `[Mon Mar 02 09:15:03.123456 2015] [wsgi:${level}] [pid 4242:tid 140] ${peer}${renderTemplate(format)}`;
}

function classify(line: string) {
  const r = parseErrorLine(line);
  if (!r.ok) throw new Error(`unparsed: ${line}`);
  return classifyErrorRecord(r);
}

describe('mod_wsgi 4.9.4 warn-or-worse formats (extracted from the 4.9.4 tag, each with its file:line)', () => {
  it('lists every distinct format once, at warn or above', () => {
    expect(FORMATS.length).toBeGreaterThanOrEqual(140);
    expect(new Set(FORMATS.map((f) => f.format)).size).toBe(FORMATS.length);
    expect(new Set(FORMATS.map((f) => f.level))).toEqual(new Set(['emerg', 'alert', 'crit', 'error', 'warn']));
  });

  it('makes each one a counted event, at most 10 % of kind other', () => {
    const events = FORMATS.map((f) => ({ ...f, event: classify(renderLine(f.level, f.format)) }));
    expect(events.filter((e) => e.event === undefined).map((e) => e.where)).toEqual([]);
    const other = events.filter((e) => e.event?.kind === 'other');
    expect(other.length / events.length).toBeLessThanOrEqual(0.1);
    // Today none is `other`: keep it that way when the table changes.
    expect(other.map((e) => e.where)).toEqual([]);
    for (const e of events) expect(e.event?.level).toBe(e.level);
  });
});

describe('lines generated from the project’s own table', () => {
  it('classifies every 4.9.4 wording of the table, logged at error, as its kind', () => {
    const fromTable = LEGACY_MESSAGES.filter((t) => t.source.startsWith('4.9.4'));
    expect(fromTable.length).toBeGreaterThan(100);
    for (const t of fromTable) {
      const line = renderLine('error', `mod_wsgi (pid=%d): ${t.text}`);
      expect({ text: t.text, kind: classify(line)?.kind ?? null }).toEqual({ text: t.text, kind: t.kind });
    }
  });

  it('counts an unknown mod_wsgi line as other with its level and keeps app output out of it', () => {
    const unknown = classify(renderLine('crit', 'mod_wsgi (pid=%d): Something nobody has logged before.'));
    expect(unknown).toMatchObject({ kind: 'other', level: 'crit' });
    expect(classify(renderLine('error', 'mod_wsgi: Brand new wording %s.'))).toMatchObject({ kind: 'other' });
    expect(classify(renderLine('debug', 'mod_wsgi (pid=%d): Socket for %s is %s.'))).toBeUndefined();
    // What the application writes to stderr (no mod_wsgi prefix) stays application output.
    expect(classify(renderLine('error', 'Unable to reach the payment gateway, retrying'))).toBeUndefined();
    expect(classify(renderLine('error', "Couldn't parse the uploaded CSV"))).toBeUndefined();
  });
});
