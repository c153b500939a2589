import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectVersions } from '../../../src/analyse/wsgi/detect-versions.ts';
import { parseErrorLine } from '../../../src/parse/error/parse-error-line.ts';

const banners = readFileSync(new URL('../../fixtures/error/version-banners.log', import.meta.url), 'utf8')
  .split('\n')
  .filter(Boolean);

describe('detectVersions', () => {
  it('reads Apache, mod_wsgi, Python and the MPM from AH00489/AH00163 (§1.3)', () => {
    const found = banners.map((line) => {
      const r = parseErrorLine(line);
      return r.ok ? detectVersions(r) : undefined;
    });
    expect(found).toEqual([
      { mpm: 'event', apache: '2.4.71', modWsgi: '4.9.4', python: '3.11' },
      { mpm: 'event', apache: '2.4.71', modWsgi: '6.0.5', python: '3.11' },
      { mpm: 'prefork', apache: '2.4.71', modWsgi: '4.9.4', python: '3.11' },
    ]);
  });

  it('handles the worker MPM, no mod_wsgi, and ignores other lines', () => {
    const worker = parseErrorLine(
      '[Mon Nov 23 20:29:08.457804 2026] [mpm_worker:notice] [pid 1:tid 1] AH00292: Apache/2.4.62 (Unix) configured -- resuming normal operations',
    );
    expect(worker.ok && detectVersions(worker)).toEqual({ mpm: 'worker', apache: '2.4.62' });
    const other = parseErrorLine(
      '[Mon Nov 23 20:29:08.457917 2026] [mpm_event:info] [pid 13228:tid 13228] AH00490: Server built: 2026-11-12T08:58:41',
    );
    expect(other.ok && detectVersions(other)).toBeUndefined();
    expect(detectVersions({ ok: true, prefixed: false, message: 'mod_wsgi/6.0.5 Python/3.11' })).toBeUndefined();
  });
});
