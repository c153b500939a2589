import { describe, expect, it } from 'vitest';
import { readApacheConfig } from '../../../src/config/apache/read-apache-config.ts';
import { memoryFs } from './memory-fs.ts';

const read = (text: string) => {
  const r = readApacheConfig(
    '/c/httpd.conf',
    memoryFs({ '/c/httpd.conf': `LoadModule wsgi_module /m/mod_wsgi.so\n${text}` }),
  );
  expect(r.errors).toEqual([]);
  return r.model;
};

// httpd 2.4 server/core.c set_loglevel and server/config.c ap_merge_log_config.
describe('LogLevel per vhost', () => {
  it('applies arguments in order: a plain level resets every module level before it', () => {
    expect(read('LogLevel wsgi:info\nLogLevel warn\n').logLevels).toEqual({ '': 'warn' });
    expect(read('LogLevel warn wsgi:info core:debug\n').logLevels).toEqual({ '': 'warn', wsgi: 'info', core: 'debug' });
    expect(read('LogLevel wsgi:info info\n').logLevels).toEqual({ '': 'info' });
    expect(read('LogLevel wsgi:info\n').logLevels).toEqual({ '': 'warn', wsgi: 'info' });
  });

  it('a vhost plain level replaces the server levels; module levels alone are added to them', () => {
    const m = read(`ServerRoot /c
ErrorLog logs/main.log
LogLevel notice wsgi:info core:info
<VirtualHost *:80>
    ServerName reset.test
    LogLevel warn
</VirtualHost>
<VirtualHost *:80>
    ServerName modules.test
    ErrorLog /var/log/modules.log
    LogLevel wsgi:error
</VirtualHost>
<VirtualHost *:80>
    ServerName inherits.test
</VirtualHost>
<VirtualHost *:80>
    ServerName reset-then-module.test
    LogLevel info mod_wsgi.c:debug
</VirtualHost>
`);
    expect(m.vhostLogs).toEqual([
      {
        vhost: 'reset.test',
        source: { file: '/c/httpd.conf', line: 5 },
        logLevels: { '': 'warn' },
        ownLogLevels: { '': 'warn' },
        logLevelSource: { file: '/c/httpd.conf', line: 7 },
        errorLog: '/c/logs/main.log',
        errorLogSource: { file: '/c/httpd.conf', line: 3 },
      },
      {
        vhost: 'modules.test',
        source: { file: '/c/httpd.conf', line: 9 },
        logLevels: { '': 'notice', wsgi: 'error', core: 'info' },
        ownLogLevels: { wsgi: 'error' },
        logLevelSource: { file: '/c/httpd.conf', line: 12 },
        errorLog: '/var/log/modules.log',
        errorLogSource: { file: '/c/httpd.conf', line: 11 },
      },
      {
        vhost: 'inherits.test',
        source: { file: '/c/httpd.conf', line: 14 },
        logLevels: { '': 'notice', wsgi: 'info', core: 'info' },
        ownLogLevels: {},
        errorLog: '/c/logs/main.log',
        errorLogSource: { file: '/c/httpd.conf', line: 3 },
      },
      expect.objectContaining({ vhost: 'reset-then-module.test', logLevels: { '': 'info', wsgi: 'debug' } }),
    ]);
  });

  it('leaves per-directory LogLevel out and names the default error log when there is no ErrorLog', () => {
    const m = read(`ServerRoot /c
LogLevel warn wsgi:info
<Location /x>
    LogLevel debug
</Location>
<If "-T env('X')">
    LogLevel error
</If>
<VirtualHost *:80>
    ServerName v.test
    ErrorLog syslog:local1
</VirtualHost>
`);
    expect(m.logLevels).toEqual({ '': 'warn', wsgi: 'info' });
    expect(m.vhostLogs[0].errorLog).toBeUndefined();
    expect(m.vhostLogs[0].errorLogSource).toEqual({ file: '/c/httpd.conf', line: 12 });
    expect(read('ServerRoot /c\n<VirtualHost *:80>\n</VirtualHost>\n').vhostLogs[0]).toMatchObject({
      errorLog: '/c/logs/error_log',
      errorLogSource: { file: '/c/httpd.conf', line: 0 },
    });
  });
});
