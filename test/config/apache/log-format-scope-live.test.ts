// Integration: LogFormat nicknames per vhost on a real Apache, against the formats the model gives each access log.
// A nickname defined in a vhost is local to it, except that the first vhost without an access log of its own decides
// how the main server's shared CustomLog resolves its nickname; names compare case-insensitively, `CLF` is built in,
// and a one-argument LogFormat sets the TransferLog format of its scope.

import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadApacheConfig } from '../../../src/config/apache/load-apache-config.ts';
import { type ApacheInstance, canStartApache, startApache } from '../../fixtures/apache/start-apache.ts';

const get = (port: number, host: string) =>
  new Promise<void>((done) => {
    http
      .get({ host: '127.0.0.1', port, path: '/x', headers: { Host: host } }, (r) => {
        r.resume();
        r.on('end', () => done());
      })
      .on('error', () => done());
  });

/**
 * The lines of an access log once it holds `count`: httpd writes a request's line in its log_transaction phase, after
 * the response has reached the client, so a read right after the response can come too early.
 */
async function linesWhenWritten(file: string, count: number): Promise<string[]> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const lines = existsSync(file)
      ? readFileSync(file, 'utf8')
          .split('\n')
          .filter((l) => l !== '')
      : [];
    if (lines.length >= count || Date.now() > deadline) return lines;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.skipIf(!canStartApache)('LogFormat scoping on a live Apache', () => {
  let apache: ApacheInstance;
  beforeAll(async () => {
    apache = await startApache({
      port: 18164,
      config: `<VirtualHost 127.0.0.1:{PORT}>
    ServerName a.test
    LogFormat "AFORMAT %h %>s" ratelimit
</VirtualHost>
<VirtualHost 127.0.0.1:{PORT}>
    ServerName b.test
    LogFormat "BFORMAT %h %>s" ratelimit
</VirtualHost>
<VirtualHost 127.0.0.1:{PORT}>
    ServerName c.test
    LogFormat "CFORMAT %h %>s" Mine
    CustomLog {ROOT}/logs/c.log mine
    LogFormat "CDEFAULT %>s"
    TransferLog {ROOT}/logs/c-transfer.log
</VirtualHost>
<VirtualHost 127.0.0.1:{PORT}>
    ServerName d.test
    LogFormat mine
    TransferLog {ROOT}/logs/d-transfer.log
    CustomLog {ROOT}/logs/d-clf.log clf
</VirtualHost>`,
    });
  }, 30_000);
  afterAll(async () => apache?.stop(), 30_000);

  it('writes each access log in the format the model resolves for it', async () => {
    for (const host of ['a.test', 'b.test', 'c.test', 'd.test']) await get(apache.port, host);
    const { model } = loadApacheConfig(apache.configFile);
    const formatOf = (file: string) =>
      model.logTargets.find((t) => t.log === 'access' && t.path === `${apache.root}/logs/${file}`)?.format;
    const linesOf = (file: string, count = 1) => linesWhenWritten(`${apache.root}/logs/${file}`, count);
    // The main log, shared by a.test and b.test: a.test (first without its own log) decides, for both.
    expect(formatOf('access.log')).toBe('AFORMAT %h %>s');
    expect(await linesOf('access.log', 2)).toEqual(['AFORMAT 127.0.0.1 404', 'AFORMAT 127.0.0.1 404']);
    expect(formatOf('c.log')).toBe('CFORMAT %h %>s');
    expect(await linesOf('c.log')).toEqual(['CFORMAT 127.0.0.1 404']);
    expect(formatOf('c-transfer.log')).toBe('CDEFAULT %>s');
    expect(await linesOf('c-transfer.log')).toEqual(['CDEFAULT 404']);
    // `LogFormat mine` in d.test: no such nickname there (c.test's is local to c.test), so the text itself.
    expect(formatOf('d-transfer.log')).toBe('mine');
    expect(await linesOf('d-transfer.log')).toEqual(['mine']);
    expect(formatOf('d-clf.log')).toBe('%h %l %u %t "%r" %>s %b');
    expect((await linesOf('d-clf.log'))[0]).toMatch(/^127\.0\.0\.1 - - \[[^\]]+\] "GET \/x HTTP\/1\.1" 404 \d+$/);
  });
});
