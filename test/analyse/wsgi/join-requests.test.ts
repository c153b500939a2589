import { describe, expect, it } from 'vitest';
import { createRequestJoiner } from '../../../src/analyse/wsgi/join-requests.ts';
import type { WsgiEvent } from '../../../src/analyse/wsgi/wsgi-event.ts';
import type { AccessRecord } from '../../../src/parse/access/access-record.ts';

const T = 1_795_466_265; // 2026-11-23 20:37:45 UTC
const event = (extra: Partial<WsgiEvent> = {}): WsgiEvent => ({
  kind: 'embedded-no-python',
  code: 'WSGI0210',
  level: 'error',
  message: 'WSGI0210: Embedded mode of mod_wsgi cannot be used as Python was not initialised in this process.',
  timeSeconds: T + 0.266671,
  peer: { kind: 'client', ip: '127.0.0.1', port: 55662 },
  ...extra,
});
const access = (extra: Partial<AccessRecord> = {}): AccessRecord => ({
  ok: true,
  timeSeconds: T,
  clientIp: '127.0.0.1',
  method: 'GET',
  urlPath: '/embedded/pid',
  query: '?t=x',
  status: 500,
  ...extra,
});

describe('createRequestJoiner', () => {
  it('joins WSGI0210 with its 500 by client address and time, event first', () => {
    const joiner = createRequestJoiner({ windowSeconds: 1, maxPending: 1000 });
    expect(joiner.addEvent(event())).toEqual([]);
    expect(joiner.addAccess(access({ status: 200 }))).toEqual([]);
    const [joined] = joiner.addAccess(access());
    expect(joined.request).toEqual({
      method: 'GET',
      url: '/embedded/pid?t=x',
      status: 500,
      clientIp: '127.0.0.1',
      timeSeconds: T,
    });
    expect(joiner.pending()).toEqual({ events: 0, accesses: 0 });
  });

  it('joins when the access line arrives first', () => {
    const joiner = createRequestJoiner();
    expect(joiner.addAccess(access())).toEqual([]);
    expect(joiner.addEvent(event())).toMatchObject([{ code: 'WSGI0210', request: { status: 500 } }]);
  });

  it('requires the same port when %{remote}p is logged, and the same IP otherwise', () => {
    const joiner = createRequestJoiner();
    joiner.addEvent(event());
    expect(joiner.addAccess(access({ clientPort: 1 }))).toEqual([]);
    expect(joiner.addAccess(access({ clientIp: '10.0.0.1' }))).toEqual([]);
    expect(joiner.addAccess(access({ clientPort: 55662 }))).toHaveLength(1);
  });

  it('uses %L when both sides have it', () => {
    const joiner = createRequestJoiner();
    joiner.addEvent(event({ requestLogId: 'SJgagl+j780', peer: { kind: 'remote', ip: '::1', port: 5 } }));
    expect(joiner.addAccess(access({ requestLogId: 'other' }))).toEqual([]);
    expect(joiner.addAccess(access({ requestLogId: 'SJgagl+j780' }))).toHaveLength(1);
  });

  it('enforces the ±window around the request span and the status of the kind', () => {
    const joiner = createRequestJoiner({ windowSeconds: 1 });
    joiner.addEvent(event({ timeSeconds: T + 5 }));
    expect(joiner.addAccess(access())).toEqual([]);
    expect(joiner.addAccess(access({ status: 502 }))).toEqual([]);
    // A long request: the event is logged 9 s after %t, within start + %D.
    expect(joiner.addAccess(access({ durationSeconds: 9.1 }))).toHaveLength(1);
    const timeouts = createRequestJoiner();
    timeouts.addEvent(event({ kind: 'header-timeout', code: 'WSGI0145', timeSeconds: T + 3 }));
    expect(timeouts.addAccess(access({ status: 504, durationSeconds: 3.003459 }))).toHaveLength(1);
  });

  it('ignores events that do not fail a request and is bounded', () => {
    const joiner = createRequestJoiner({ maxPending: 3 });
    expect(joiner.addEvent(event({ kind: 'daemon-start' }))).toEqual([]);
    expect(joiner.pending().events).toBe(0);
    for (let i = 0; i < 10; i++) joiner.addEvent(event({ timeSeconds: T + i }));
    for (let i = 0; i < 10; i++) joiner.addAccess(access({ clientIp: `10.0.0.${i}`, timeSeconds: T + 100 + i }));
    expect(joiner.pending()).toEqual({ events: 3, accesses: 3 });
    expect(joiner.dropped()).toBe(14);
    const aged = createRequestJoiner({ maxAgeSeconds: 60 });
    aged.addEvent(event());
    aged.addAccess(access({ clientIp: '10.9.9.9', timeSeconds: T + 3600 }));
    expect(aged.pending().events).toBe(0);
  });
});

describe('createRequestJoiner fills the event in place', () => {
  it('so an event already stored in the ring shows its request', () => {
    const joiner = createRequestJoiner();
    const stored = event();
    joiner.addEvent(stored);
    const [joined] = joiner.addAccess(access());
    expect(joined).toBe(stored);
    expect(stored.request?.status).toBe(500);
  });
});
