import { describe, expect, it } from 'vitest';
import { unwrapJournalLine } from '../../../src/sources/unwrap/unwrap-journal-line.ts';

const text = (line: string, at?: number) => unwrapJournalLine(line, at).results.map((r) => (r.ok ? r.text : r));

describe('unwrapJournalLine', () => {
  it('short-iso: the message after `host identifier[pid]: `, in both offset spellings and with microseconds', () => {
    expect(text('2026-12-07T05:41:05+0000 web-1 apache2[123]: [Mon Dec 07 05:41:05 2026] [wsgi:error] x')).toEqual([
      '[Mon Dec 07 05:41:05 2026] [wsgi:error] x',
    ]);
    expect(text('2026-12-07T05:41:05+00:00 web-1 httpd: 10.0.0.1 - - "GET /"')).toEqual(['10.0.0.1 - - "GET /"']);
    expect(text('2026-12-07T05:41:05.123456+01:00 web-1 apache2[9]: a: b [c]')).toEqual(['a: b [c]']);
    expect(text('2026-12-07T05:41:05+0000 web-1 apache2[9]:')).toEqual(['']);
    expect(unwrapJournalLine('2026-12-07T05:41:05+0000 web-1 apache2[9]: x').results[0]).toMatchObject({
      stream: undefined,
    });
  });

  it("skips journalctl's own marker lines and cuts indented continuation lines at the message column", () => {
    expect(
      unwrapJournalLine('-- Logs begin at Mon 2026-12-07 05:00:00 UTC, end at Mon 2026-12-07 06:00:00 UTC. --').results,
    ).toEqual([]);
    expect(unwrapJournalLine('-- Boot 3f2a9c0e8b5d4d2e8c1f0a9b8c7d6e5f --').results).toEqual([]);
    expect(unwrapJournalLine('-- No entries --').results).toEqual([]);
    const first = unwrapJournalLine('2026-12-07T05:41:05+0000 web-1 apache2[9]: line one');
    expect(first.prefixLength).toBe(43);
    expect(text(`${' '.repeat(43)}line two`, first.prefixLength)).toEqual(['line two']);
  });

  it('-o json: MESSAGE as a string, as a byte array (not UTF-8 clean), with newlines as several lines', () => {
    expect(text('{"__CURSOR":"s","MESSAGE":"[Mon Dec 07 05:41:05 2026] x"}')).toEqual(['[Mon Dec 07 05:41:05 2026] x']);
    const bytes = [...Buffer.from('caf\u00e9 \u0007bell', 'utf8')];
    expect(text(JSON.stringify({ MESSAGE: bytes }))).toEqual(['caf\u00e9 \u0007bell']);
    expect(text(JSON.stringify({ MESSAGE: 'a\nb\n' }))).toEqual(['a', 'b']);
  });

  it('rejects what is neither, a null MESSAGE (a field over 4096 bytes without --all), a bad byte array', () => {
    for (const bad of [
      'web-1 apache2: x',
      '{"MESSAGE":null}',
      '{"MESSAGE":[256]}',
      '{"MESSAGE":["a"]}',
      '{"__CURSOR":"s"}',
      '{"MESSAGE":"x"',
    ]) {
      expect(unwrapJournalLine(bad).results, bad).toEqual([expect.objectContaining({ ok: false, reason: 'wrapper' })]);
    }
  });
});
