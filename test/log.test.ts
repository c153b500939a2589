import { describe, expect, it } from 'vitest';
import { createLogRing } from '../src/log.ts';

describe('createLogRing', () => {
  it('keeps the newest lines in order and counts the older ones it dropped', () => {
    const ring = createLogRing(3);
    ring.write('{"msg":"1"}\n{"msg":"2"}\n');
    expect([ring.lines(), ring.dropped()]).toEqual([['{"msg":"1"}', '{"msg":"2"}'], 0]);
    ring.write('{"msg":"3"}\n\n{"msg":"4"}\n{"msg":"5"}\n');
    expect(ring.lines()).toEqual(['{"msg":"3"}', '{"msg":"4"}', '{"msg":"5"}']);
    expect(ring.dropped()).toBe(2);
  });
});
