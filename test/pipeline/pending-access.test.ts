import { describe, expect, it } from 'vitest';
import type { AccessRecord } from '../../src/parse/access/access-record.ts';
import { compileLogFormat } from '../../src/parse/access/compile-log-format.ts';
import { HOT_FIELDS } from '../../src/pipeline/create-pipeline.ts';
import { LAZY_LINE_CAP, pendingAccess, URL_CAP } from '../../src/pipeline/pending-access.ts';

const format = compileLogFormat('%h %t "%r" %>s %D %L %{remote}p');
const hot = format.select(HOT_FIELDS);
const line = (path: string, query = '?a=1') =>
  `10.1.2.3 [23/Nov/2026:20:39:56 +0000] "GET ${path}${query} HTTP/1.1" 500 1500000 YbX9@fAQ 40123`;

function kept(text: string): AccessRecord {
  const rec = hot(text);
  if (!rec.ok) throw new Error(rec.reason);
  const p = pendingAccess(rec, text, format);
  if (p === undefined) throw new Error('not kept');
  return p;
}

/** What the joiner reads of a kept record. */
const joinerView = (r: AccessRecord) => ({
  status: r.status,
  timeSeconds: r.timeSeconds,
  durationSeconds: r.durationSeconds,
  clientPort: r.clientPort,
  clientIp: r.clientIp,
  method: r.method,
  urlPath: r.urlPath,
  query: r.query,
  requestLogId: r.requestLogId,
});

describe('pendingAccess', () => {
  it('gives the joiner what a whole parse gives, for a short line (kept whole, parsed on first read)', () => {
    const text = line('/app/x');
    const whole = format.parse(text) as AccessRecord;
    expect(joinerView(kept(text))).toEqual(joinerView(whole));
    expect(joinerView(kept(text))).toMatchObject({
      status: 500,
      clientIp: '10.1.2.3',
      urlPath: '/app/x',
      query: '?a=1',
      requestLogId: 'YbX9@fAQ',
      clientPort: 40123,
      durationSeconds: 1.5,
    });
  });

  it('gives the same for a line too long to keep whole (cut down at once), and caps the path and query', () => {
    const long = `/${'p'.repeat(LAZY_LINE_CAP)}`;
    const query = `?${'q'.repeat(2 * URL_CAP)}`;
    for (const text of [line(long, query), line(long.slice(0, 2 * URL_CAP), query.slice(0, 2 * URL_CAP))]) {
      const r = kept(text);
      expect(r.urlPath).toBe(long.slice(0, URL_CAP));
      expect(r.query).toBe(query.slice(0, URL_CAP));
      expect(r).toMatchObject({ status: 500, clientIp: '10.1.2.3', requestLogId: 'YbX9@fAQ' });
    }
    expect(line(long, query).length).toBeGreaterThan(LAZY_LINE_CAP);
  });

  it('keeps no part of the text the line was sliced from', async () => {
    const { setFlagsFromString } = await import('node:v8');
    const { runInNewContext } = await import('node:vm');
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    gc();
    const before = process.memoryUsage().heapUsed;
    const keep: AccessRecord[] = [];
    for (let i = 0; i < 300; i++) {
      const text = `${line(`/r/${i}`)}\n${'y'.repeat(65_536)}`;
      const one = text.slice(0, text.indexOf('\n'));
      const r = kept(one);
      void r.clientIp; // parsed now: its texts are slices of the kept copy, not of `text`
      keep.push(r);
    }
    gc();
    // 300 pinned 64 KiB parents would be ≈ 19 MiB
    expect((process.memoryUsage().heapUsed - before) / 2 ** 20).toBeLessThan(4);
    expect(keep[299].urlPath).toBe('/r/299');
  });
});
