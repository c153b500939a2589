import { describe, expect, it } from 'vitest';
import { listAccessLogFormats } from '../../../src/analyse/findings/list-access-log-formats.ts';
import { readApacheConfig } from '../../../src/config/apache/read-apache-config.ts';
import { memoryFs } from '../../config/apache/memory-fs.ts';

describe('listAccessLogFormats', () => {
  it("gives each vhost its own logs, else the main server's, plus GlobalLog, with what each format logs", () => {
    const conf = `LogFormat "%h %t \\"%r\\" %>s %O %D" timed
LogFormat "%h %l %u %t \\"%r\\" %>s %b" common
CustomLog /var/log/a/main.log common
GlobalLog /var/log/a/global.log timed
<VirtualHost *:80>
  ServerName own.example.test
  CustomLog /var/log/a/own.log timed
</VirtualHost>
<VirtualHost *:80>
  ServerName inherit.example.test
</VirtualHost>
`;
    const { model, errors } = readApacheConfig('/c/h.conf', memoryFs({ '/c/h.conf': conf }));
    expect(errors).toEqual([]);
    const rows = listAccessLogFormats(model).map((r) => [r.vhost, r.target.path, r.logs]);
    expect(rows).toEqual([
      ['own.example.test', '/var/log/a/own.log', { duration: true, responseBytes: true, bodyBytes: false }],
      ['own.example.test', '/var/log/a/global.log', { duration: true, responseBytes: true, bodyBytes: false }],
      ['inherit.example.test', '/var/log/a/main.log', { duration: false, responseBytes: false, bodyBytes: true }],
      ['inherit.example.test', '/var/log/a/global.log', { duration: true, responseBytes: true, bodyBytes: false }],
    ]);
  });
});
