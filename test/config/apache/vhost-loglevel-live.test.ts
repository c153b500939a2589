// Integration: what a vhost's LogLevel does to mod_wsgi's info lines on a real Apache + mod_wsgi, against what the
// model says. The server shows wsgi:info; vhost `quiet` says `LogLevel warn` (which resets every module's level
// there), vhost `loud` only `LogLevel authz_core:debug` (which keeps the server's wsgi:info). Each has its own
// ErrorLog and daemon group; a daemon logs its interpreter lines through the vhost that defines its group.

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findConfigIssues } from '../../../src/analyse/findings/find-config-issues.ts';
import { loadApacheConfig } from '../../../src/config/apache/load-apache-config.ts';
import { type ApacheInstance, canStartApache, startApache } from '../../fixtures/apache/start-apache.ts';

const APP = `def application(environ, start_response):
    start_response('200 OK', [('Content-Type', 'text/plain')])
    return [b'ok']
`;

const vhost = (name: string, level: string) => `<VirtualHost 127.0.0.1:{PORT}>
    ServerName ${name}.example.test
    ErrorLog {ROOT}/logs/${name}-error.log
    LogLevel ${level}
    WSGIDaemonProcess ${name} processes=1 threads=2
    WSGIScriptAlias / {ROOT}/app/app.wsgi process-group=${name} application-group=%{GLOBAL}
    <Directory {ROOT}/app>
        Require all granted
    </Directory>
</VirtualHost>`;

describe.skipIf(!canStartApache)('LogLevel per vhost on a live Apache', () => {
  let apache: ApacheInstance;
  beforeAll(async () => {
    apache = await startApache({
      port: 18163,
      files: { 'app/app.wsgi': APP },
      config: `${vhost('quiet', 'warn')}\n${vhost('loud', 'authz_core:debug')}`,
    });
  }, 30_000);
  afterAll(async () => apache?.stop(), 30_000);

  it('hides wsgi:info in the vhost whose plain level resets it, shows it where only module levels are set', async () => {
    for (const name of ['quiet', 'loud']) {
      const res = await fetch(apache.url('/'), { headers: { Host: `${name}.example.test` } });
      expect(res.status).toBe(200);
    }
    const log = (name: string) => readFileSync(`${apache.root}/logs/${name}-error.log`, 'utf8');
    const server = readFileSync(apache.errorLog, 'utf8');
    // Apache's own behaviour.
    expect(server).toMatch(/\[wsgi:info\].*Starting process 'quiet'/);
    expect(log('loud')).toMatch(/\[wsgi:info\].*mod_wsgi \(pid=\d+\)/);
    expect(log('quiet')).not.toMatch(/\[wsgi:info\]/);

    // The model agrees.
    const { model } = loadApacheConfig(apache.configFile);
    const byName = Object.fromEntries(model.vhostLogs.map((v) => [v.vhost, v]));
    expect(byName['quiet.example.test']).toMatchObject({
      logLevels: { '': 'warn' },
      errorLog: `${apache.root}/logs/quiet-error.log`,
    });
    expect(byName['loud.example.test'].logLevels).toEqual({ '': 'warn', wsgi: 'info', authz_core: 'debug' });
    const findings = findConfigIssues(model, { modWsgiVersion: '4.9.4' }).filter(
      (f) => f.rule === 'loglevel-hides-wsgi-info',
    );
    expect(findings.map((f) => [f.subject, f.severity])).toEqual([['quiet.example.test', 'warning']]);
    expect(findings[0].message).toContain(`${apache.root}/logs/quiet-error.log`);
  });
});
