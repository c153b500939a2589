import { describe, expect, it } from 'vitest';
import { hasNoSources, parseLocationFlag, resolveRunOptions } from '../../src/cli/run-options.ts';

describe('parseLocationFlag', () => {
  it('parses a prefix with and without a rate', () => {
    expect(parseLocationFlag('/dl=1000')).toEqual({ prefix: '/dl', rateLimitKiB: 1000 });
    expect(parseLocationFlag('/api')).toEqual({ prefix: '/api' });
    expect(() => parseLocationFlag('dl')).toThrow(/invalid --location "dl"/);
  });
});

describe('resolveRunOptions', () => {
  it('applies defaults and flags', () => {
    const o = resolveRunOptions({ accessLog: ['/a.log'], accessLogFormat: 'common' });
    expect(o.accessLogs).toEqual([{ path: '/a.log', format: 'common' }]);
    expect(o.listenAddress).toBe(':9147');
    expect(o.positionsFile).toBe('.wsgiwatch/positions.json');
    expect(hasNoSources(o)).toBe(false);
    expect(hasNoSources(resolveRunOptions({}))).toBe(true);
  });
});
