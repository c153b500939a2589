import { describe, expect, it } from 'vitest';
import { classifyErrorRecord } from '../../../src/analyse/wsgi/classify-error-record.ts';
import { detectVersions } from '../../../src/analyse/wsgi/detect-versions.ts';
import { analyseLogs } from '../../../src/cli/commands/analyse.ts';
import { parseErrorLine } from '../../../src/parse/error/parse-error-line.ts';

const kind = (line: string) => {
  const r = parseErrorLine(line);
  return r.ok ? classifyErrorRecord(r)?.kind : 'unparsed';
};

// Acceptance 3 of issue 16: 2.2 lines get the kinds of their 2.4 counterparts, recognised by their text. The real
// pasted 2.2 lines (graphite-web, ckan, mod_wsgi issues) are in test/fixtures/wild/pasted-error-lines.txt.
describe('Apache 2.2 lines', () => {
  it('get the kinds of their 2.4 AH-coded counterparts', () => {
    expect(
      [
        '[Mon Mar 02 09:15:03 2015] [notice] child pid 4242 exit signal Segmentation fault (11)',
        '[Thu May 14 10:22:27 2015] [notice] child pid 18770 exit signal Segmentation fault (11), possible coredump in /tmp/coredumps',
        '[Thu May 14 10:22:27 2015] [notice] seg fault or similar nasty error detected in the parent process',
        '[Tue Jun 04 14:34:26 2019] [notice] caught SIGTERM, shutting down',
        '[Tue Jun 04 14:34:26 2019] [notice] caught SIGWINCH, shutting down gracefully',
        '[Mon Aug 11 06:10:02 2008] [notice] SIGHUP received.  Attempting to restart',
        '[Mon Aug 11 06:10:02 2008] [notice] SIGUSR1 received.  Doing graceful restart',
        '[Mon Aug 11 06:10:02 2008] [notice] Graceful restart requested, doing restart',
        '[Sun Jun 02 03:18:02 2019] [notice] Apache/2.2.34 (Unix) DAV/2 mod_wsgi/4.6.5 Python/2.7 configured -- resuming normal operations',
        '[Mon Mar 02 09:15:03 2015] [error] server reached MaxClients setting, consider raising the MaxClients setting',
        '[Mon Mar 02 09:15:03 2015] [warn] child process 4242 still did not exit, sending a SIGTERM',
        '[Mon Mar 02 09:15:03 2015] [error] [client 1.2.3.4] Premature end of script headers: app.wsgi',
        '[Mon Mar 02 09:15:03 2015] [error] [client 1.2.3.4] Script timed out before returning headers: app.wsgi',
      ].map(kind),
    ).toEqual([
      'child-crash',
      'child-crash',
      'parent-crash',
      'stop',
      'stop',
      'restart',
      'restart',
      'restart',
      'startup',
      'max-workers',
      'child-stuck',
      'truncated-headers',
      'header-timeout',
    ]);
  });

  it('reads the versions from the 2.2 banner', () => {
    const r = parseErrorLine(
      '[Sun Jun 02 03:18:02 2019] [notice] Apache/2.2.34 (Unix) DAV/2 mod_wsgi/3.4 Python/2.7 configured -- resuming normal operations',
    );
    expect(r.ok && detectVersions(r)).toEqual({ apache: '2.2.34', modWsgi: '3.4', python: '2.7' });
  });

  it('counts 0 events when analyse reads a 2.2 log full of other modules’ chatter', async () => {
    const path = new URL('../../fixtures/wild/apache22-other-modules.log', import.meta.url).pathname;
    const report = await analyseLogs({ accessLogs: [], errorLogs: [path] });
    expect(report.files).toMatchObject([{ log: 'error', lines: 30, parseFailures: 0 }]);
    expect(Object.values(report.wsgiEvents.byKind).reduce((a, b) => a + b, 0)).toBe(0);
    expect(report.events).toEqual([]);
    expect(report.wsgiEvents.other).toEqual([]);
  });
});
