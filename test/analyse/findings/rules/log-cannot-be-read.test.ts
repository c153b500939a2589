import { describe, expect, it } from 'vitest';
import { findConfigIssues } from '../../../../src/analyse/findings/find-config-issues.ts';
import { readApacheConfig } from '../../../../src/config/apache/read-apache-config.ts';
import { memoryFs } from '../../../config/apache/memory-fs.ts';

const CONF = `ServerRoot /etc/httpd
LoadModule wsgi_module modules/mod_wsgi.so
ErrorLog syslog:local1
LogFormat "%h %l %u %t \\"%r\\" %>s %O %D" timed
CustomLog "|/usr/bin/rotatelogs -l /var/log/httpd/access.%Y-%m-%d.log 86400" timed
<VirtualHost *:80>
    ServerName app.example.test
    ErrorLog "|$/usr/bin/logger -t app-error -p local1.err"
    CustomLog "||/usr/bin/logger -t app-access" timed
</VirtualHost>
<VirtualHost *:80>
    ServerName api.example.test
    ErrorLog "|/usr/bin/rotatelogs -l"
    TransferLog "|/usr/local/bin/ship-logs --to kafka"
</VirtualHost>
<VirtualHost *:80>
    ServerName files.example.test
    ErrorLog /var/log/httpd/files-error.log
</VirtualHost>
`;

function check() {
  const { model, errors, warnings } = readApacheConfig(
    '/etc/httpd/conf/httpd.conf',
    memoryFs({ '/etc/httpd/conf/httpd.conf': CONF }),
  );
  expect(errors).toEqual([]);
  return { model, warnings, findings: findConfigIssues(model).filter((f) => f.rule === 'log-cannot-be-read') };
}

describe('log-cannot-be-read', () => {
  it('names each syslog or non-rotatelogs log: its vhost, file:line, why and the fix; rotatelogs with a file is tailed', () => {
    const { model, findings, warnings } = check();
    expect(findings.map((f) => [f.subject, f.line, f.severity])).toEqual([
      ['default', 3, 'warning'],
      ['app.example.test', 8, 'warning'],
      ['app.example.test', 9, 'warning'],
      ['api.example.test', 13, 'warning'],
      ['api.example.test', 14, 'warning'],
    ]);
    expect(findings.every((f) => f.file === '/etc/httpd/conf/httpd.conf')).toBe(true);
    // Said once, as a finding, not also as a note.
    expect(warnings).toEqual([]);
    expect(model.logTargets.map((t) => [t.log, t.vhost, t.path])).toEqual([
      ['access', 'default', '/var/log/httpd/access.[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9].log'],
      ['error', 'files.example.test', '/var/log/httpd/files-error.log'],
    ]);
    expect(model.vhostLogs.find((v) => v.vhost === 'app.example.test')?.errorLog).toBeUndefined();
  });

  it('says why and what to do for each kind', () => {
    const [server, appError, appAccess, apiError, apiTransfer] = check().findings;
    expect(server.message).toBe(
      'The main server\'s error log (and that of every vhost without its own) is not read, so its mod_wsgi events (crashes, timeouts, daemon restarts) are not seen: ErrorLog "syslog:local1" — Apache sends it to syslog, not to a file.',
    );
    expect(server.fix).toContain('APACHE_LOG_DIR}/error.log`');
    expect(appError.message).toContain('The error log of vhost app.example.test is not read');
    expect(appError.message).toContain('piped log to /usr/bin/logger is not rotatelogs');
    expect(appError.fix).toMatch(/^If the program writes a file, pass it with --error-log FILE;/);
    expect(appAccess.message).toContain('its requests, errors and rate-limit verdicts are not seen: CustomLog');
    expect(appAccess.fix).toContain('--access-log FILE (and --access-log-format)');
    expect(apiError.message).toContain('rotatelogs without a log file argument');
    expect(apiError.fix).toMatch(/^Give rotatelogs the file name to write/);
    expect(apiTransfer.message).toContain('TransferLog "|/usr/local/bin/ship-logs --to kafka"');
  });
});
