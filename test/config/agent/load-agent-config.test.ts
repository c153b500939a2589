import { describe, expect, it } from 'vitest';
import { AgentConfigFileError, parseAgentConfig } from '../../../src/config/agent/load-agent-config.ts';

describe('parseAgentConfig', () => {
  it('accepts a full config', () => {
    const cfg = parseAgentConfig(
      `accessLogs:
  - path: /var/log/apache2/access.log
    format: combined
errorLogs:
  - path: /var/log/apache2/error.log
locations:
  - prefix: /downloads
    rateLimitKiB: 400
web:
  listenAddress: 127.0.0.1:9147
  telemetryPath: /wsgiwatch/metrics
`,
      'w.yml',
    );
    expect(cfg.accessLogs?.[0]).toEqual({ path: '/var/log/apache2/access.log', format: 'combined' });
    expect(cfg.locations?.[0].rateLimitKiB).toBe(400);
    expect(cfg.web?.telemetryPath).toBe('/wsgiwatch/metrics');
  });

  it('names file:line:col for a wrong value, an unknown key and a YAML syntax error', () => {
    const err = (text: string) => {
      try {
        parseAgentConfig(text, 'w.yml');
      } catch (e) {
        expect(e).toBeInstanceOf(AgentConfigFileError);
        return (e as Error).message;
      }
      throw new Error('expected an error');
    };
    expect(err('accessLogs:\n  - path: /a\n    format: 3\n')).toMatch(/^w\.yml:3:13: accessLogs\.0\.format: /);
    expect(err('web:\n  listen: x\n')).toMatch(/^w\.yml:2:3: web: Unrecognized key: "listen"/);
    expect(err('web:\n  telemetryPath: metrics\n')).toMatch(
      /^w\.yml:2:18: web\.telemetryPath: expected a path starting with \//,
    );
    expect(err('locations:\n  - prefix: nope\n')).toMatch(/^w\.yml:2:13: locations\.0\.prefix: /);
    expect(err('a: [1, 2\n')).toMatch(/^w\.yml:\d+:\d+: /);
  });
});
