import { describe, expect, it } from 'vitest';
import { parseErrorLine } from '../../../src/parse/error/parse-error-line.ts';

// httpd 2.2 log_error_core(): `[time] [level] ` then `[client ip] `, then the APR status, then the message.
describe('Apache 2.2 error lines', () => {
  it('reads time, level, peer, APR status and referer (no module, no pid)', () => {
    const r = parseErrorLine(
      "[Thu Aug 20 15:01:52 2015] [error] [client 26.16.7.183] (2)No such file or directory: mod_wsgi (pid=1820): Unable to connect to WSGI daemon process 'g' on '/var/run/wsgi.1.0.1.sock'., referer: http://x/",
    );
    expect(r).toMatchObject({
      ok: true,
      prefixed: true,
      level: 'error',
      peerKind: 'client',
      peer: { ip: '26.16.7.183' },
      aprStatus: { errno: '2', text: 'No such file or directory' },
      referer: 'http://x/',
      message: "mod_wsgi (pid=1820): Unable to connect to WSGI daemon process 'g' on '/var/run/wsgi.1.0.1.sock'.",
    });
    expect(r.ok && r.module).toBeUndefined();
    expect(r.ok && r.pid).toBeUndefined();
    expect(r.ok && r.timeSeconds).toBeGreaterThan(1_400_000_000);
  });

  it('keeps a debug line’s source location out of the message', () => {
    const r = parseErrorLine('[Sun Jun 02 03:20:25 2019] [debug] mod_deflate.c(615): [client 10.1.2.3] Zlib: done');
    expect(r).toMatchObject({ level: 'debug', peer: { ip: '10.1.2.3' }, message: 'Zlib: done' });
  });

  it('leaves lines of other shapes bare (mod_jk’s own log format, a bad level, a bad time)', () => {
    for (const line of [
      '[Tue Sep 01 23:25:41.961 2015] [19925:140405991069568] [error] jk_uri_worker_map.c (564): x',
      '[Sun Jun 02 03:20:25 2019] [loud] x',
      '[Sun Jun 02 25:20:25 2019] [error] x',
    ]) {
      const r = parseErrorLine(line);
      expect(r.ok && r.prefixed).toBe(false);
    }
  });
});
