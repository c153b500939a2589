import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyErrorRecord } from '../../../src/analyse/wsgi/classify-error-record.ts';
import { createTracebackGrouper } from '../../../src/analyse/wsgi/group-tracebacks.ts';
import type { ErrorRecord } from '../../../src/parse/error/error-record.ts';
import { parseErrorLine } from '../../../src/parse/error/parse-error-line.ts';

// Acceptance (issue 16): the second list, typed by hand from mod_wsgi 4.9.4's source, checks both the extracted
// formats list and the message table: every line is a counted event of its kind, and the extractor missed none.
function rows(name: string): string[][] {
  return readFileSync(new URL(`../../fixtures/wild/${name}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => l.split('\t'));
}

const HAND = rows('mod_wsgi-4.9.4-handtyped.tsv').map(([where = '', via = '', kind = '', line = '']) => ({
  where,
  via,
  kind,
  line,
}));
const LOGGED = HAND.filter((h) => h.via !== 'pyerr');
const RAISED = HAND.filter((h) => h.via === 'pyerr');
const FORMATS = rows('mod_wsgi-4.9.4-formats.tsv').map(([where = '', level = '', format = '']) => ({
  where,
  level,
  format,
}));

function parse(line: string): ErrorRecord {
  const r = parseErrorLine(line);
  if (!r.ok) throw new Error(`unparsed: ${line}`);
  return r;
}

/** A whole-message pattern for a printf format: `%s` any text, `%d`/`%ld`/`%u` an integer. */
function formatPattern(format: string): RegExp {
  const piece = (p: string, i: number) => {
    if (i % 2 === 0) return p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return p.endsWith('s') ? '.*' : '-?\\d+';
  };
  const body = format
    .split(/(%l?[sdu])/)
    .map(piece)
    .join('');
  return new RegExp(`^${body}$`, 's');
}
const COMPILED = FORMATS.map((f) => ({ ...f, pattern: formatPattern(f.format) }));

describe('mod_wsgi 4.9.4 messages typed by hand from the source', () => {
  it('lists each call site once, at warn or above', () => {
    expect(LOGGED.length).toBeGreaterThanOrEqual(140);
    const sites = HAND.flatMap((h) => {
      const [file, lines = ''] = h.where.split(':');
      return lines.split(',').map((n) => `${file}:${n}`);
    });
    expect(new Set(sites).size).toBe(sites.length);
    for (const h of LOGGED) expect(['emerg', 'alert', 'crit', 'error', 'warn']).toContain(parse(h.line).level);
  });

  it('makes every logged line a counted event of its expected kind and level, at most 10 % other', () => {
    const got = LOGGED.map((h) => {
      const event = classifyErrorRecord(parse(h.line));
      return { where: h.where, kind: event?.kind ?? null, level: event?.level ?? null };
    });
    expect(got).toEqual(LOGGED.map((h) => ({ where: h.where, kind: h.kind, level: parse(h.line).level })));
    const other = got.filter((g) => g.kind === 'other');
    expect(other.length / got.length).toBeLessThanOrEqual(0.1);
    expect(other).toEqual([]);
  });

  it('keeps each Python exception text of the C code inside one exception event, never counted alone', () => {
    for (const h of RAISED) {
      const last = parse(h.line);
      expect(classifyErrorRecord(last)).toBeUndefined();
      const prefix = h.line.slice(0, h.line.length - last.message.length);
      const block = [
        `${prefix}mod_wsgi (pid=${last.pid}): Exception occurred processing WSGI script '/srv/www/example/app.wsgi'.`,
        `${prefix}Traceback (most recent call last):`,
        `${prefix}  File "/srv/www/example/app.wsgi", line 12, in application`,
        h.line,
      ];
      const grouper = createTracebackGrouper();
      const events = block.map(parse).flatMap((r) => grouper.push(r, classifyErrorRecord(r)));
      events.push(...grouper.flush());
      const [type, ...message] = last.message.split(': ');
      expect({ where: h.where, events: events.map((e) => [e.kind, e.exception?.type, e.exception?.message]) }).toEqual({
        where: h.where,
        events: [[h.kind, type, message.join(': ')]],
      });
    }
  });
});

describe('the extracted formats list against the hand-typed one', () => {
  it('has a format, at the same level, for every hand-typed message (prints the ones the extractor missed)', () => {
    const missed = LOGGED.flatMap((h) => {
      const r = parse(h.line);
      const match = COMPILED.find((f) => f.pattern.test(r.message));
      return match !== undefined && match.level === r.level ? [] : [`${h.where} [${r.level}] ${r.message}`];
    });
    if (missed.length > 0) console.log(`extractor missed:\n${missed.join('\n')}`);
    expect(missed).toEqual([]);
  });

  it('lists no format that the hand-typed list has no line for', () => {
    const messages = LOGGED.map((h) => parse(h.line).message);
    expect(COMPILED.filter((f) => !messages.some((m) => f.pattern.test(m))).map((f) => f.where)).toEqual([]);
  });
});
