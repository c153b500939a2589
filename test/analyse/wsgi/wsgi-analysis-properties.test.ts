import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyErrorRecord } from '../../../src/analyse/wsgi/classify-error-record.ts';
import { createTracebackGrouper } from '../../../src/analyse/wsgi/group-tracebacks.ts';
import { createRequestJoiner } from '../../../src/analyse/wsgi/join-requests.ts';
import type { AccessRecord } from '../../../src/parse/access/access-record.ts';
import type { ErrorRecord } from '../../../src/parse/error/error-record.ts';

const messages = fc.constantFrom(
  "WSGI0174: [script /a.wsgi] RuntimeError exception raised processing WSGI script '/a.wsgi' for main interpreter of daemon process 'app'.",
  "mod_wsgi (pid=1): Exception occurred processing WSGI script '/a.wsgi'.",
  'Traceback (most recent call last):',
  '  File "/a.wsgi", line 8, in application',
  'RuntimeError: bang',
  'KeyError',
  '',
  'During handling of the above exception, another exception occurred:',
  'about to raise',
  'WSGI0210: Embedded mode of mod_wsgi cannot be used as Python was not initialised in this process.',
  "Process 'app' (pid=2) has died; deregistering and restarting it.",
  'AH00052: child pid 3 exit signal Segmentation fault (11)',
);
const record: fc.Arbitrary<ErrorRecord> = fc
  .record({
    message: messages,
    prefixed: fc.boolean(),
    tid: fc.integer({ min: 1, max: 4 }),
    port: fc.integer({ min: 1, max: 3 }),
    time: fc.integer({ min: 0, max: 20 }),
  })
  .map(({ message, prefixed, tid, port, time }) => {
    if (!prefixed) return { ok: true, prefixed: false, message };
    const wsgi = /^WSGI(\d{4}): /.exec(message);
    const ah = /^AH\d{5}/.exec(message);
    const r: ErrorRecord = {
      ok: true,
      prefixed: true,
      module: ah ? 'core' : 'wsgi',
      level: 'error',
      pid: 1,
      tid,
      timeSeconds: 1_795_466_000 + time,
      peerKind: 'remote',
      peer: { ip: '127.0.0.1', port },
      message,
    };
    if (wsgi) r.wsgiCode = `WSGI${wsgi[1]}`;
    if (ah) r.ahCode = ah[0];
    return r;
  });

describe('wsgi analysis on arbitrary record sequences (property)', () => {
  it('the grouper never throws, never invents events, and holds every event it takes in', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 80 }), fc.integer({ min: 1, max: 5 }), (records, maxOpen) => {
        const grouper = createTracebackGrouper({ maxOpenGroups: maxOpen, maxLinesPerGroup: 5 });
        let classified = 0;
        let tracebackStarts = 0;
        let out = 0;
        for (const r of records) {
          const e = classifyErrorRecord(r);
          if (e !== undefined) classified++;
          if (r.message.startsWith('Traceback')) tracebackStarts++;
          out += grouper.push(r, e).length;
        }
        out += grouper.flush().length;
        expect(out).toBeGreaterThanOrEqual(classified);
        expect(out).toBeLessThanOrEqual(classified + tracebackStarts);
        expect(grouper.flush()).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('the joiner joins each event and each access at most once and stays bounded', () => {
    const access: fc.Arbitrary<AccessRecord> = fc
      .record({
        port: fc.integer({ min: 1, max: 3 }),
        time: fc.integer({ min: 0, max: 20 }),
        status: fc.constantFrom(200, 500, 502, 504),
      })
      .map(({ port, time, status }) => ({
        ok: true,
        clientIp: '127.0.0.1',
        clientPort: port,
        timeSeconds: 1_795_466_000 + time,
        status,
      }));
    fc.assert(
      fc.property(fc.array(fc.oneof(record, access), { maxLength: 80 }), (items) => {
        const joiner = createRequestJoiner({ maxPending: 4 });
        const joined = new Set<unknown>();
        for (const item of items) {
          const out =
            'prefixed' in item
              ? (() => {
                  const e = classifyErrorRecord(item);
                  return e === undefined ? [] : joiner.addEvent(e);
                })()
              : joiner.addAccess(item);
          for (const e of out) {
            expect(joined.has(e)).toBe(false);
            expect(e.request).toBeDefined();
            joined.add(e);
          }
          const pending = joiner.pending();
          expect(pending.events).toBeLessThanOrEqual(4);
          expect(pending.accesses).toBeLessThanOrEqual(4);
        }
      }),
      { numRuns: 300 },
    );
  });
});
