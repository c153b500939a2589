import { describe, expect, it } from 'vitest';
import { createPathSegmentStats, firstPathSegment } from '../../src/state/path-segment-stats.ts';

describe('firstPathSegment', () => {
  it('names a path by its first segment', () => {
    expect(firstPathSegment('/static/css/app.css')).toBe('/static');
    expect(firstPathSegment('/favicon.ico')).toBe('/favicon.ico');
    expect(firstPathSegment('/')).toBe('/');
  });

  it('puts what has no segment in other', () => {
    expect(firstPathSegment(undefined)).toBe('other');
    expect(firstPathSegment('*')).toBe('other');
    expect(firstPathSegment('http://example.test/x')).toBe('other');
  });
});

describe('createPathSegmentStats', () => {
  it('keeps at most maxSegments series of their own; later segments go to other', () => {
    const stats = createPathSegmentStats(2);
    for (const p of ['/a/1', '/b', '/a/2', '/c', '/d/x']) stats.record('default', p, 200, 10, 0.01, 0);
    const byLocation = [...stats.requests.series()].map((s) => [s.location, s.requests, s.responseBytes]);
    expect(byLocation).toEqual([
      ['/a', 2, 20],
      ['/b', 1, 10],
      ['other', 2, 20],
    ]);
  });
});
