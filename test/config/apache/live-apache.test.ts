// Integration: a real Apache + mod_wsgi (daemon mode) + mod_ratelimit instance on 127.0.0.1:18160. The files the model
// says to tail are the files Apache writes, the matcher labels the logged request, and `check` reads the mod_wsgi
// version from the startup line in that error log.

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocationMatcher } from '../../../src/analyse/match-location.ts';
import { runCheck } from '../../../src/cli/commands/check.ts';
import { loadApacheConfig } from '../../../src/config/apache/load-apache-config.ts';
import { type ApacheInstance, canStartApache, startApache } from '../../fixtures/apache/start-apache.ts';

const APP = `def application(environ, start_response):
    body = b'x' * 65536
    start_response('200 OK', [('Content-Type', 'application/octet-stream'), ('Content-Length', str(len(body)))])
    return [body]
`;

describe.skipIf(!canStartApache)('a live Apache instance', () => {
  let apache: ApacheInstance;
  beforeAll(async () => {
    apache = await startApache({
      port: 18160,
      files: { 'app/app.wsgi': APP },
      config: `<VirtualHost 127.0.0.1:{PORT}>
    ServerName live.example.test
    WSGIDaemonProcess live processes=1 threads=2
    WSGIScriptAlias / {ROOT}/app/app.wsgi process-group=live application-group=%{GLOBAL}
    <Directory {ROOT}/app>
        Require all granted
    </Directory>
    <Location "/downloads">
        SetOutputFilter RATE_LIMIT
        SetEnv rate-limit 2048
    </Location>
</VirtualHost>`,
    });
  }, 30_000);
  afterAll(async () => apache?.stop(), 30_000);

  it('writes the logs the model points at, and the matcher labels the request', async () => {
    const res = await fetch(apache.url('/downloads/one.bin'), { headers: { Host: 'live.example.test' } });
    expect(res.status).toBe(200);
    expect((await res.arrayBuffer()).byteLength).toBe(65536);

    const { model, errors } = loadApacheConfig(apache.configFile);
    expect(errors).toEqual([]);
    const access = model.logTargets.find((t) => t.log === 'access');
    const error = model.logTargets.find((t) => t.log === 'error');
    expect(access?.path).toBe(apache.accessLog);
    expect(error?.path).toBe(apache.errorLog);
    // The access line is written after the response: poll briefly (bounded).
    let line = '';
    for (let i = 0; i < 100 && line === ''; i++) {
      line =
        readFileSync(apache.accessLog, 'utf8')
          .split('\n')
          .find((l) => l.includes('/downloads/one.bin')) ?? '';
      if (line === '') await new Promise((r) => setTimeout(r, 50));
    }
    expect(line).toMatch(/"GET \/downloads\/one\.bin HTTP\/1\.1" 200 \d+ \d+ "2048"$/);
    const ctx = createLocationMatcher(model)('live.example.test', '/downloads/one.bin', 18160);
    expect(ctx).toMatchObject({
      vhost: 'live.example.test',
      location: '/downloads',
      rate: { rateKiB: 2048 },
      daemon: { name: 'live' },
    });
  });

  it('check finds mod_wsgi 4.9.4 in the error log and reports the daemon behind RATE_LIMIT', () => {
    expect(readFileSync(apache.errorLog, 'utf8')).toMatch(/AH00489: .*mod_wsgi\/4\.9\.4/);
    let stdout = '';
    const code = runCheck(
      { apacheConfig: apache.configFile, format: 'json' },
      {
        stdout: (s) => {
          stdout += s;
        },
      },
    );
    const json = JSON.parse(stdout);
    expect(json.modWsgiVersion).toBe('4.9.4');
    expect(json.findings).toContainEqual(
      expect.objectContaining({ rule: 'mod-wsgi-before-6.0.2-with-ratelimit', severity: 'error', subject: 'live' }),
    );
    expect(code).toBe(1);
  });
});
