import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseLogs } from '../../src/cli/commands/analyse.ts';
import { buildHtmlReportData, splitFix } from '../../src/web/build-html-report-data.ts';
import { createReportCollectors } from '../../src/web/create-report-collectors.ts';

const ERROR_LOG = [
  '[Mon Nov 23 20:29:08.457804 2026] [mpm_event:notice] [pid 13228:tid 13228] AH00489: Apache/2.4.71 (Debian) mod_wsgi/4.9.4 Python/3.11 configured -- resuming normal operations',
  "[Mon Nov 23 20:35:30.623512 2026] [wsgi:error] [pid 11178:tid 11191] [remote 127.0.0.1:53976] mod_wsgi (pid=11178): Exception occurred processing WSGI script '/srv/app/app.wsgi'.",
  '[Mon Nov 23 20:35:30.631803 2026] [wsgi:error] [pid 11178:tid 11191] [remote 127.0.0.1:53976] Traceback (most recent call last):',
  '[Mon Nov 23 20:35:30.631916 2026] [wsgi:error] [pid 11178:tid 11191] [remote 127.0.0.1:53976]   File "/srv/app/app.wsgi", line 60, in application',
  '[Mon Nov 23 20:35:30.631942 2026] [wsgi:error] [pid 11178:tid 11191] [remote 127.0.0.1:53976] RuntimeError: boom',
  '[Mon Nov 23 20:36:00.000000 2026] [core:error] [pid 11179:tid 11192] [client 10.0.0.1:4000] AH00128: File does not exist: /srv/a.png',
  '[Mon Nov 23 20:37:00.000000 2026] [core:error] [pid 11179:tid 11193] [client 10.0.0.2:4001] AH00128: File does not exist: /srv/b.png',
  'a bare line from stderr',
  '[not a valid line',
].join('\n');

describe('createReportCollectors through analyse', () => {
  it('groups the error lines that are no event and no traceback, and samples parse failures', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wsgiwatch-collectors-'));
    writeFileSync(join(dir, 'error.log'), `${ERROR_LOG}\n`);
    writeFileSync(join(dir, 'access.log'), 'not an access line\n');
    const collectors = createReportCollectors();
    const report = await analyseLogs(
      { accessLogs: [join(dir, 'access.log')], errorLogs: [join(dir, 'error.log')] },
      {
        observe: collectors.observe,
        onParseFailure: collectors.recordParseFailure,
        onVersions: collectors.recordVersions,
      },
    );
    const data = buildHtmlReportData(report, collectors, 0);
    expect(data.errorTemplates?.templates.map((t) => [t.template, t.count])).toEqual([
      ['AH00128: File does not exist: <path>', 2],
      ['[not a valid line', 1],
      ['a bare line from stderr', 1],
    ]);
    expect(data.files.find((f) => f.log === 'access')?.samples).toEqual([
      { reason: 'format_mismatch', sample: 'not an access line' },
    ]);
    expect(data.versions).toEqual({ apache: '2.4.71', modWsgi: '4.9.4', python: '3.11', mpm: 'event' });
    expect(data.events.total).toBe(report.events.length);
    expect(data.series?.eventsByKind.exception?.reduce((a, n) => a + n, 0)).toBe(1);
  });
});

describe('splitFix', () => {
  it('takes the Fix sentence out of an explanation, leaving what follows it', () => {
    expect(splitFix('Slow. Fix: remove X (default 5 ms). Served by Y.')).toEqual({
      explanation: 'Slow. Served by Y.',
      fix: 'remove X (default 5 ms).',
    });
    expect(splitFix('Fine.')).toEqual({ explanation: 'Fine.' });
  });
});
