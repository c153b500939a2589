import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findConfigIssues } from '../../../src/analyse/findings/find-config-issues.ts';
import { createLocationMatcher } from '../../../src/analyse/match-location.ts';
import { readApacheConfig } from '../../../src/config/apache/read-apache-config.ts';
import { memoryFs } from './memory-fs.ts';

const MODS = `LoadModule mpm_event_module /m/mod_mpm_event.so
LoadModule wsgi_module /m/mod_wsgi.so
LoadModule ratelimit_module /m/mod_ratelimit.so
LoadModule env_module /m/mod_env.so
LoadModule setenvif_module /m/mod_setenvif.so
LoadModule filter_module /m/mod_filter.so
LoadModule alias_module /m/mod_alias.so
LoadModule mime_module /m/mod_mime.so
LoadModule rewrite_module /m/mod_rewrite.so
`;

describe('readApacheConfig', () => {
  it('reads vhosts, locations, rate limits, daemons and log targets', () => {
    const fs = memoryFs({
      '/etc/a/apache2.conf': `${MODS}
ServerRoot /etc/a
Define LOGS /var/log/a
LogFormat "%h %t \\"%r\\" %>s %O %D" timed
ErrorLog \${LOGS}/error.log
LogLevel warn wsgi:info
IncludeOptional sites/*.conf
`,
      '/etc/a/sites/app.conf': `<VirtualHost *:80>
    ServerName app.example.com
    ServerAlias www.example.com
    WSGIDaemonProcess app processes=2 threads=15 \\
        response-flush-delay=5 python-home="/srv/app/venv"
    WSGIScriptAlias / /srv/app/app.wsgi process-group=app
    CustomLog "|/usr/bin/rotatelogs -l /var/log/a/access.%Y%m%d.log 86400" timed
    <Location "/downloads">
        SetOutputFilter RATE_LIMIT
        SetEnv rate-limit 400
        SetEnv rate-initial-burst 512
    </Location>
</VirtualHost>
`,
    });
    const { model, errors, warnings } = readApacheConfig('/etc/a/apache2.conf', fs);
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
    expect(model.vhosts).toEqual([
      {
        name: 'app.example.com',
        aliases: ['www.example.com'],
        addresses: ['*:80'],
        source: { file: '/etc/a/sites/app.conf', line: 1 },
      },
    ]);
    expect(model.daemons[0]).toMatchObject({
      name: 'app',
      vhost: 'app.example.com',
      processes: 2,
      threads: 15,
      responseFlushDelayMs: 5,
      options: { 'python-home': '/srv/app/venv' },
      source: { file: '/etc/a/sites/app.conf', line: 4 },
    });
    expect(model.locations.map((l) => [l.location, l.processGroup, l.wsgi])).toEqual([
      ['/downloads', 'app', true],
      ['/', 'app', true],
    ]);
    expect(model.rateLimits).toEqual([
      expect.objectContaining({
        vhost: 'app.example.com',
        location: '/downloads',
        rateKiB: 400,
        burstKiB: 512,
        rateHow: 'SetEnv',
        conditional: false,
        filter: { how: 'SetOutputFilter', source: { file: '/etc/a/sites/app.conf', line: 9 } },
      }),
    ]);
    expect(model.logTargets).toEqual([
      expect.objectContaining({ log: 'error', path: '/var/log/a/error.log', vhost: 'default' }),
      expect.objectContaining({
        log: 'access',
        path: '/var/log/a/access.[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9].log',
        format: '%h %t "%r" %>s %O %D',
        vhost: 'app.example.com',
      }),
    ]);
    expect(model.logLevels).toEqual({ '': 'warn', wsgi: 'info' });
  });

  it('merges SetEnv over SetEnvIf and keeps AddOutputFilterByType types', () => {
    const fs = memoryFs({
      '/c/httpd.conf': `${MODS}
AddOutputFilterByType RATE_LIMIT application/zip application/octet-stream
SetEnvIf Request_URI "^/export/" rate-limit=50
<Location /export>
  SetEnv rate-limit 100
</Location>
`,
    });
    const { model, errors } = readApacheConfig('/c/httpd.conf', fs);
    expect(errors).toEqual([]);
    const byLoc = Object.fromEntries(model.rateLimits.map((r) => [r.location, r]));
    expect(byLoc['/'].filter).toMatchObject({
      how: 'AddOutputFilterByType',
      only: ['application/zip', 'application/octet-stream'],
    });
    expect(byLoc['/']).toMatchObject({ rateKiB: 50, rateHow: 'SetEnvIf', conditional: true });
    expect(byLoc['/export']).toMatchObject({ rateKiB: 100, rateHow: 'SetEnv', rateSource: { line: 14 } });
  });

  it('resolves IfModule from LoadModule lines in effect and IfDefine from defines', () => {
    const fs = memoryFs({
      '/c/httpd.conf': `<IfModule rewrite_module>
  Bogus directive never read
</IfModule>
LoadModule env_module /m/mod_env.so
<IfModule mod_env.c>
  SetEnv rate-limit 10
</IfModule>
<IfDefine !NOPE>
  <IfDefine FOO>
    UnsetEnv rate-limit
  </IfDefine>
</IfDefine>
`,
    });
    const plain = readApacheConfig('/c/httpd.conf', fs);
    expect(plain.errors).toEqual([]);
    expect(plain.model.rateLimits[0]).toMatchObject({ rateKiB: 10 });
    const withFoo = readApacheConfig('/c/httpd.conf', fs, { defines: ['FOO'] });
    expect(withFoo.model.rateLimits).toEqual([]);
  });

  it('places <Directory> rules at the URL DocumentRoot or an alias serves them under', () => {
    const fs = memoryFs({
      '/c/httpd.conf': `${MODS}
<VirtualHost *:80>
  ServerName files.example.test
  DocumentRoot /srv/www
  WSGIDaemonProcess app
  WSGIScriptAlias /app /srv/app/app.wsgi
  <Directory /srv/www/files>
    SetOutputFilter RATE_LIMIT
    SetEnv rate-limit 100
  </Directory>
  <Directory /srv/app>
    WSGIProcessGroup app
  </Directory>
  <Directory /srv/elsewhere>
    SetOutputFilter RATE_LIMIT
  </Directory>
</VirtualHost>
`,
    });
    const { model, errors } = readApacheConfig('/c/httpd.conf', fs);
    expect(errors).toEqual([]);
    expect(model.rateLimits.map((r) => [r.location, r.rateKiB])).toEqual([['/files', 100]]);
    expect(model.locations.find((l) => l.location === '/app')).toMatchObject({ wsgi: true, processGroup: 'app' });
  });

  it('downgrades an unknown directive to a warning when a module it does not know is loaded (anywhere: httpd looks directives up after reading)', () => {
    const fs = memoryFs({
      '/c/httpd.conf':
        'SecRuleEngine On\nLoadModule security2_module /m/mod_security2.so\nSecRuleEngine On\nLoadModule wsgi_module /m/mod_wsgi.so\nWSGIFutureDirective On\n',
    });
    const { errors, warnings } = readApacheConfig('/c/httpd.conf', fs);
    expect(errors).toEqual([]);
    expect(warnings).toEqual([
      expect.objectContaining({ line: 1, message: expect.stringContaining('unless security2_module defines it') }),
      expect.objectContaining({ line: 3, message: expect.stringContaining('unless security2_module defines it') }),
    ]);
  });

  it('accepts Listen before the LoadModule of the MPM that defines it, as apache2 -t does', () => {
    const fs = memoryFs({
      '/c/httpd.conf': 'Listen 127.0.0.1:8080\nLoadModule mpm_event_module /m/mod_mpm_event.so\nFrobnicate x\n',
    });
    const { errors } = readApacheConfig('/c/httpd.conf', fs);
    expect(errors.map((e) => e.line)).toEqual([3]);
  });

  it('keeps rules under <If> as conditional', () => {
    const fs = memoryFs({
      '/c/httpd.conf': `${MODS}
<Location /big>
  <If "%{QUERY_STRING} =~ /slow/">
    SetOutputFilter RATE_LIMIT
    SetEnv rate-limit 64
  </If>
</Location>
`,
    });
    const { model } = readApacheConfig('/c/httpd.conf', fs);
    expect(model.rateLimits[0]).toMatchObject({ location: '/big', rateKiB: 64, conditional: true });
  });

  it('reports broken configs with file:line', () => {
    const fs = memoryFs(
      {
        '/c/httpd.conf':
          'Include missing.conf\nInclude loop-a.conf\nInclude secret.conf\n<VirtualHost *:80>\nServerName x\n',
        '/c/loop-a.conf': 'Include loop-b.conf\n',
        '/c/loop-b.conf': 'Include loop-a.conf\nFrobnicate on\n',
        '/c/secret.conf': '',
      },
      ['/c/secret.conf'],
    );
    const { errors } = readApacheConfig('/c/httpd.conf', fs);
    // Unknown directives are reported after reading (httpd checks them when it walks the whole tree): compare as a set.
    const byPlace = (a: { file: string; line: number }, b: { file: string; line: number }) =>
      a.file.localeCompare(b.file) || a.line - b.line;
    expect([...errors].sort(byPlace)).toEqual(
      [
        {
          file: '/c/httpd.conf',
          line: 1,
          message: 'Could not open configuration file /c/missing.conf: No such file or directory',
        },
        {
          file: '/c/loop-b.conf',
          line: 1,
          message: 'Include loop: /c/loop-a.conf -> /c/loop-b.conf -> /c/loop-a.conf',
        },
        {
          file: '/c/loop-b.conf',
          line: 2,
          message:
            "Invalid command 'Frobnicate', perhaps misspelled or defined by a module not included in the server configuration",
        },
        {
          file: '/c/httpd.conf',
          line: 3,
          message: 'Could not open configuration file /c/secret.conf: Permission denied',
        },
        { file: '/c/httpd.conf', line: 4, message: '<VirtualHost> was not closed' },
      ].sort(byPlace),
    );
  });
});

describe('readApacheConfig on arbitrary input', () => {
  it('never throws (reader, matcher, findings), and every error names a file and line', () => {
    const piece = fc.constantFrom(
      '<VirtualHost *:80>',
      '</VirtualHost>',
      '<Location /a>',
      '</Location>',
      '<LocationMatch "(">',
      '</LocationMatch>',
      '<IfModule env_module>',
      '</IfModule>',
      '<If "true">',
      '</If>',
      'SetEnv rate-limit 0',
      'SetEnv rate-limit abc',
      'SetEnvIf X "y" rate-limit=$1',
      'SetOutputFilter RATE_LIMIT',
      'WSGIDaemonProcess a threads=x =',
      'WSGIDaemonProcess',
      'WSGIScriptAlias',
      'WSGIProcessGroup a',
      'CustomLog "|rotatelogs" x',
      'ErrorLog',
      'LogFormat',
      'Include *.conf',
      'Include sub',
      `Define X \${X}`,
      '"unterminated',
      'foo \\',
      '',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, fc.string()), { maxLength: 30 }), (lines) => {
        const fs = memoryFs({
          '/c/httpd.conf': `LoadModule env_module /m/e.so\nLoadModule wsgi_module /m/w.so\n${lines.join('\n')}`,
          '/c/a.conf': lines.slice(0, 5).join('\n'),
          '/c/sub/b.conf': 'Include httpd.conf\n',
        });
        const r = readApacheConfig('/c/httpd.conf', fs);
        for (const e of [...r.errors, ...r.warnings]) {
          expect(typeof e.file).toBe('string');
          expect(Number.isInteger(e.line)).toBe(true);
        }
        createLocationMatcher(r.model)('x', '/a/b');
        findConfigIssues(r.model, { modWsgiVersion: '4.9.4' });
      }),
      { numRuns: 300 },
    );
  });
});
