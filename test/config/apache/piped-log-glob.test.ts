import { describe, expect, it } from 'vitest';
import { pipedLogGlob } from '../../../src/config/apache/piped-log-glob.ts';

describe('pipedLogGlob', () => {
  it('turns strftime names into globs and keeps the -L link', () => {
    expect(
      pipedLogGlob(
        '|/usr/bin/rotatelogs -l -L /var/log/a/access.log /var/log/a/access.%Y%m%d.log 86400',
        '/etc/apache2',
      ),
    ).toEqual({
      path: '/var/log/a/access.[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9].log',
      link: '/var/log/a/access.log',
    });
  });

  it('appends the epoch suffix when the name has no %, and handes -t, -n, |$ and relative names', () => {
    expect(pipedLogGlob('|rotatelogs /var/log/a/error_log 5M', '/x').path).toBe('/var/log/a/error_log.[0-9]*');
    expect(pipedLogGlob('||/usr/bin/rotatelogs -t /var/log/a/t.log 86400', '/x').path).toBe('/var/log/a/t.log');
    expect(pipedLogGlob('|$/usr/bin/rotatelogs -n 3 logs/n.log 1M', '/srv/httpd').path).toBe('/srv/httpd/logs/n.log*');
  });

  it('says why other pipes cannot be followed', () => {
    expect(pipedLogGlob('|/usr/bin/logger -t apache', '/x')).toEqual({
      reason: 'piped log to /usr/bin/logger is not rotatelogs: cannot tell which file it writes',
    });
  });
});
