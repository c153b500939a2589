import { describe, expect, it } from 'vitest';
import { unwrapDockerLine } from '../../../src/sources/unwrap/unwrap-docker-line.ts';

describe('unwrapDockerLine', () => {
  it('reads log and stream; the trailing newline marks a complete line', () => {
    expect(
      unwrapDockerLine(
        '{"log":"[Mon Dec 07 05:41:05 2026] [wsgi:error] x\\n","stream":"stderr","time":"2026-12-07T05:41:05.1Z"}',
      ),
    ).toEqual({ ok: true, stream: 'stderr', text: '[Mon Dec 07 05:41:05 2026] [wsgi:error] x', partial: false });
    expect(unwrapDockerLine('{"log":"first 16 KiB","stream":"stdout","time":"2026-12-07T05:41:05.1Z"}')).toMatchObject({
      stream: 'stdout',
      text: 'first 16 KiB',
      partial: true,
    });
  });

  it('decodes JSON escapes: quotes, backslashes, control characters, \\u sequences', () => {
    const text = 'GET /a?q="x\\y" \t \u00e9 \ud83d\ude00 \u0001';
    expect(unwrapDockerLine(JSON.stringify({ log: `${text}\n`, stream: 'stdout', time: 't' }))).toMatchObject({ text });
    expect(unwrapDockerLine('{"log":"a\\r\\n","stream":"stdout","time":"t"}')).toMatchObject({ text: 'a' });
  });

  it('rejects broken JSON, a missing log, an unknown stream', () => {
    for (const bad of [
      '{"log":"cut off',
      '{"stream":"stdout","time":"t"}',
      '{"log":1,"stream":"stdout"}',
      '{"log":"x\\n","stream":"stdin"}',
      'null',
      '[]',
    ]) {
      expect(unwrapDockerLine(bad), bad).toMatchObject({ ok: false, reason: 'wrapper' });
    }
  });
});
