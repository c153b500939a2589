import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyErrorRecord } from '../../../src/analyse/wsgi/classify-error-record.ts';
import { detectVersions } from '../../../src/analyse/wsgi/detect-versions.ts';
import { createTracebackGrouper } from '../../../src/analyse/wsgi/group-tracebacks.ts';
import { createRequestJoiner } from '../../../src/analyse/wsgi/join-requests.ts';
import { WSGI_CODES } from '../../../src/analyse/wsgi/wsgi-codes.ts';
import type { WsgiEvent } from '../../../src/analyse/wsgi/wsgi-event.ts';
import { compileLogFormat } from '../../../src/parse/access/compile-log-format.ts';
import { compileErrorLogFormat } from '../../../src/parse/error/compile-error-log-format.ts';

const here = (name: string) => new URL(name, import.meta.url);
const lines = (name: string) => readFileSync(here(name), 'utf8').split('\n').filter(Boolean);
const ACCESS_FORMAT = '%a %{remote}p %l %u %t "%r" %>s %O %D "%{Referer}i" "%{User-Agent}i"';

function runPipeline() {
  const errorFormat = compileErrorLogFormat(undefined, { utcOffsetMinutes: 0 });
  const grouper = createTracebackGrouper();
  const joiner = createRequestJoiner({ windowSeconds: 1, maxPending: 1000 });
  const events: WsgiEvent[] = [];
  const versions: unknown[] = [];
  let failures = 0;
  let bare = 0;
  for (const line of lines('error.log')) {
    const record = errorFormat.parse(line);
    if (!record.ok) {
      failures++;
      continue;
    }
    if (!record.prefixed) bare++;
    const v = detectVersions(record);
    if (v !== undefined) versions.push(v);
    events.push(...grouper.push(record, classifyErrorRecord(record)));
  }
  events.push(...grouper.flush());
  // Feed both streams to the joiner in log-time order, as the tailers would (an access line is written at request end).
  const accessFormat = compileLogFormat(ACCESS_FORMAT);
  const accesses = lines('access.log').map((line) => {
    const access = accessFormat.parse(line);
    if (!access.ok) throw new Error(`access fixture did not parse: ${line} (${access.reason})`);
    return access;
  });
  const timeline = [
    ...events.map((event) => ({ at: event.timeSeconds ?? 0, event, access: undefined })),
    ...accesses.map((access) => ({
      at: (access.timeSeconds ?? 0) + (access.durationSeconds ?? 0),
      event: undefined,
      access,
    })),
  ].sort((a, b) => a.at - b.at);
  const joinedByKey = new Map<WsgiEvent, WsgiEvent>();
  const pending: WsgiEvent[] = [];
  for (const item of timeline) {
    if (item.event !== undefined) {
      const [j] = joiner.addEvent(item.event);
      if (j !== undefined) joinedByKey.set(item.event, j);
      else pending.push(item.event);
    } else if (item.access !== undefined) {
      for (const j of joiner.addAccess(item.access)) {
        const original = pending.find((e) => e.timeSeconds === j.timeSeconds && e.message === j.message);
        if (original !== undefined) joinedByKey.set(original, j);
      }
    }
  }
  const final = events.map((e) => joinedByKey.get(e) ?? e);
  const countBy = (key: (e: WsgiEvent) => string | undefined) => {
    const counts: Record<string, number> = {};
    for (const e of final) {
      const k = key(e);
      if (k !== undefined) counts[k] = (counts[k] ?? 0) + 1;
    }
    return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
  };
  return {
    lines: { failures, bare },
    versions,
    countsByKind: countBy((e) => e.kind),
    countsByCode: countBy((e) => e.code),
    joined: final
      .filter((e) => e.request !== undefined)
      .map((e) => ({ code: e.code, kind: e.kind, peer: e.peer, request: e.request })),
    events: final,
  };
}

describe('golden: 6.x error log → events, grouped and joined', () => {
  const actual = runPipeline();

  it('matches the committed expected.json (UPDATE_GOLDEN=1 rewrites it)', () => {
    const path = here('expected.json');
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(path, `${JSON.stringify(actual, null, 2)}\n`);
    const expected = JSON.parse(readFileSync(path, 'utf8'));
    expect(JSON.parse(JSON.stringify(actual))).toEqual(expected);
  });

  it('counts WSGI0210 and joins it to its 500', () => {
    expect(actual.countsByCode.WSGI0210).toBe(2); // observed line + the §1.6 rendering
    expect(actual.joined).toContainEqual({
      code: 'WSGI0210',
      kind: 'embedded-no-python',
      peer: { kind: 'client', ip: '127.0.0.1', port: 55662 },
      request: { method: 'GET', url: '/embedded/e', status: 500, clientIp: '127.0.0.1', timeSeconds: 1795466265 },
    });
  });

  it('classifies every live code of the table, none as `other`, and loses no line', () => {
    const live = WSGI_CODES.filter((c) => c.kind !== 'retired');
    for (const c of live) expect(actual.countsByCode[c.code], c.code).toBeGreaterThanOrEqual(1);
    expect(actual.countsByKind.other).toBeUndefined();
    expect(actual.lines).toEqual({ failures: 0, bare: 0 });
    expect(actual.versions).toEqual([{ mpm: 'event', apache: '2.4.71', modWsgi: '6.0.5', python: '3.11' }]);
  });
});
