import { describe, expect, it } from 'vitest';
import { unwrapCriLine } from '../../../src/sources/unwrap/unwrap-cri-line.ts';

describe('unwrapCriLine', () => {
  it('reads time, stream, tag and content', () => {
    expect(
      unwrapCriLine('2016-10-06T00:17:09.669794202Z stdout F 10.0.0.1 - - [06/Oct/2016:00:17:09 +0000] "GET /"'),
    ).toEqual({
      ok: true,
      stream: 'stdout',
      text: '10.0.0.1 - - [06/Oct/2016:00:17:09 +0000] "GET /"',
      partial: false,
    });
    expect(unwrapCriLine('2016-10-06T00:17:09.669794202Z stderr P [Thu Oct 06 ')).toMatchObject({
      stream: 'stderr',
      text: '[Thu Oct 06 ',
      partial: true,
    });
  });

  it('keeps the content as written: leading spaces, an empty content with or without the separator', () => {
    expect(unwrapCriLine('2016-10-06T00:17:09Z stdout F   indented')).toMatchObject({ text: '  indented' });
    expect(unwrapCriLine('2016-10-06T00:17:09.1+02:00 stdout F ')).toMatchObject({ ok: true, text: '' });
    expect(unwrapCriLine('2016-10-06T00:17:09.1Z stderr F')).toMatchObject({ ok: true, text: '' });
  });

  it('rejects what is not a CRI line, with a bounded sample and never a throw', () => {
    for (const bad of [
      '',
      '[Mon Dec 07 05:41:05 2026] [wsgi:error] x',
      '2016-10-06T00:17:09Z stdin F x',
      '2016-10-06T00:17:09Z stdout X x',
      '2016-10-06 stdout F x',
      '2016-10-06T00:17:09Z',
      `2016-10-06T00:17:09Z stdout Q ${'x'.repeat(500)}`,
    ]) {
      const r = unwrapCriLine(bad);
      expect(r.ok, bad).toBe(false);
      if (!r.ok) {
        expect(r.reason).toBe('wrapper');
        expect(r.sample.length).toBeLessThanOrEqual(201);
      }
    }
  });
});
