import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { addRunOptions, hasNoSources, parseLocationFlag, resolveRunOptions } from '../../src/cli/run-options.ts';

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

describe('--web.config.file', () => {
  const parse = (argv: string[]) => {
    const cmd = addRunOptions(new Command('run')).exitOverride();
    cmd.parse(argv, { from: 'user' });
    return resolveRunOptions(cmd.opts());
  };

  it("takes exporter-toolkit's spelling and the older --web.config-file", () => {
    expect(parse(['--web.config.file', '/etc/wsgiwatch/web.yml']).webConfigFile).toBe('/etc/wsgiwatch/web.yml');
    expect(parse(['--web.config-file', '/old.yml']).webConfigFile).toBe('/old.yml');
    expect(parse([]).webConfigFile).toBeUndefined();
  });

  it("takes --web.telemetry-path (node_exporter's flag), default /metrics", () => {
    expect(parse(['--web.telemetry-path', '/wsgiwatch/metrics']).telemetryPath).toBe('/wsgiwatch/metrics');
    expect(parse([]).telemetryPath).toBe('/metrics');
  });

  it('shows only the exporter-toolkit spelling in --help', () => {
    const help = addRunOptions(new Command('run')).helpInformation();
    expect(help).toContain('--web.config.file <file>');
    expect(help).not.toContain('--web.config-file');
  });
});
