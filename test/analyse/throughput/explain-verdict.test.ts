import { describe, expect, it } from 'vitest';
import { explainVerdict } from '../../../src/analyse/throughput/explain-verdict.ts';
import type { WsgiDaemonModel } from '../../../src/config/apache/config-model.ts';

const daemon = (over: Partial<WsgiDaemonModel> = {}): WsgiDaemonModel => ({
  name: 'app',
  vhost: 'default',
  options: {},
  processes: 1,
  threads: 15,
  source: { file: '/etc/apache2/sites-enabled/app.conf', line: 3 },
  ...over,
});
const throttled = {
  verdict: 'throttled' as const,
  samples: 12,
  medianRatio: 0.34,
  achievedKiBps: { p10: 320, p50: 345, p90: 352 },
};

describe('explainVerdict', () => {
  it('names the daemon group, its buffer, the version, the ~350 KiB/s ceiling and the fix on 4.9.4', () => {
    const text = explainVerdict({
      verdict: throttled,
      location: 'default /dl',
      rateKiB: 1000,
      daemon: daemon(),
      modWsgiVersion: '4.9.4',
    });
    expect(text).toContain("daemon group 'app'");
    expect(text).toContain('response-buffer-size default (65536)');
    expect(text).toContain('mod_wsgi 4.9.4');
    expect(text).toContain('352 KiB/s');
    expect(text).toContain('median ratio 0.34 over 12 responses');
    expect(text).toContain('upgrade mod_wsgi to 6.0.2');
  });

  it('blames response-flush-delay=0 on 6.0.2+', () => {
    const d = daemon({ options: { 'response-flush-delay': '0' }, responseFlushDelayMs: 0 });
    const text = explainVerdict({
      verdict: throttled,
      location: '/dl',
      rateKiB: 1000,
      daemon: d,
      modWsgiVersion: '6.0.5',
    });
    expect(text).toContain('response-flush-delay=0');
    expect(text).not.toContain('upgrade');
  });

  it('blames a small response-buffer-size on 6.0.2+', () => {
    const d = daemon({ options: { 'response-buffer-size': '65536' }, responseBufferSize: 65536 });
    const text = explainVerdict({
      verdict: throttled,
      location: '/dl',
      rateKiB: 1000,
      daemon: d,
      modWsgiVersion: '6.0.2',
    });
    expect(text).toContain('response-buffer-size=65536');
    expect(text).toContain('320 KiB/s');
  });

  it('points at the MIME-type list when AddOutputFilterByType never matched', () => {
    const text = explainVerdict({
      verdict: { verdict: 'ineffective', samples: 6, medianRatio: 9.8 },
      location: '/bytype',
      rateKiB: 1000,
      filterOnly: ['image/png'],
    });
    expect(text).toContain('image/png');
    expect(text).toContain('SetOutputFilter RATE_LIMIT');
  });

  it('refuses to conclude on too few samples', () => {
    const text = explainVerdict({
      verdict: { verdict: 'insufficient-data', samples: 2 },
      location: '/x',
      rateKiB: 100,
    });
    expect(text).toContain('2 measurable responses');
    expect(text).toContain('at least 5');
  });

  it('says conforming plainly and warns about the pre-6.0.2 ceiling when the rate is near it', () => {
    const ok = { verdict: 'conforming' as const, samples: 9, medianRatio: 0.99 };
    expect(explainVerdict({ verdict: ok, location: '/static', rateKiB: 1000 })).toContain(
      'about as long as rate-limit 1000 KiB/s allows',
    );
    const near = explainVerdict({
      verdict: ok,
      location: '/d',
      rateKiB: 300,
      daemon: daemon(),
      modWsgiVersion: '4.9.4',
    });
    expect(near).toContain('will not make these responses faster');
  });

  it('does not pretend to know the version when no startup line was seen', () => {
    const text = explainVerdict({ verdict: throttled, location: '/dl', rateKiB: 1000, daemon: daemon() });
    expect(text).toContain('version is unknown');
    expect(text).toContain('352 KiB/s');
  });
});
