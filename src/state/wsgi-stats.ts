// mod_wsgi and Apache event counters (by code and level, by kind and level), versions from the startup line, and the
// bounded ring of recent events shown by the dashboard and the API.

import type { WsgiEvent } from '../analyse/wsgi/wsgi-event.ts';
import { createBoundedRing } from '../bounded-ring.ts';
import { createDroppedCounter, createLabelCap, type DroppedCounter } from './dropped-counter.ts';

export interface Versions {
  apache?: string;
  modWsgi?: string;
  python?: string;
  mpm?: string;
}

export interface WsgiStats {
  record(event: WsgiEvent): void;
  /** Zero series so `increase()` alerts fire on the first event. */
  declareCode(code: string, level: string): void;
  declareKind(kind: string, level: string): void;
  setVersions(versions: Versions): void;
  versions(): Versions;
  byCodeLevel(): Map<string, number>;
  byKindLevel(): Map<string, number>;
  byCode(): Record<string, number>;
  byKind(): Record<string, number>;
  recent(): WsgiEvent[];
  /** Events pushed out of the recent ring by newer ones (counted above; only their detail is gone). */
  recentDropped(): number;
  /** Distinct messages of kind `other` (unrecognised mod_wsgi lines), first seen first, with their level and count. */
  otherSamples(): OtherSample[];
}

export interface OtherSample {
  level: string;
  message: string;
  count: number;
}

/** Apache's level tokens; anything else (a custom ErrorLogFormat, a forged line) is counted as `other`. */
const LEVELS = new Set([
  'emerg',
  'alert',
  'crit',
  'error',
  'warn',
  'notice',
  'info',
  'debug',
  'trace1',
  'trace2',
  'trace3',
  'trace4',
  'trace5',
  'trace6',
  'trace7',
  'trace8',
]);
/** mod_wsgi 6.0.5 has 210 IDs; room for later releases, but application output cannot mint new label values forever. */
const MAX_CODES = 400;
/** Distinct `other` messages kept as samples; later ones are still counted by kind and level. */
const MAX_OTHER_SAMPLES = 20;

export function createWsgiStats(ringCapacity = 200, dropped?: DroppedCounter): WsgiStats {
  const capCode = createLabelCap(MAX_CODES, 'wsgi_code', dropped ?? createDroppedCounter());
  const codes = new Map<string, number>();
  const kinds = new Map<string, number>();
  const ring = createBoundedRing<WsgiEvent>(ringCapacity);
  const otherSamples = new Map<string, OtherSample>();
  let versions: Versions = {};
  const sumBy = (m: Map<string, number>) => {
    const out: Record<string, number> = {};
    for (const [key, n] of m) {
      const name = key.split('\u0000')[0];
      out[name] = (out[name] ?? 0) + n;
    }
    return out;
  };
  return {
    record(event) {
      // Label values are normalised here; the event itself goes to the ring unchanged (the request joiner may still
      // fill in `event.request` later).
      const level = LEVELS.has(event.level) ? event.level : 'other';
      // Every event counts by kind (version-independent: a 4.9.4 exception and a 6.x WSGI0174 are both `exception`);
      // coded ones also by code.
      if (event.code !== undefined) {
        const key = `${capCode(event.code)}\u0000${level}`;
        codes.set(key, (codes.get(key) ?? 0) + 1);
      }
      const kindKey = `${event.kind}\u0000${level}`;
      kinds.set(kindKey, (kinds.get(kindKey) ?? 0) + 1);
      ring.push(event);
      if (event.kind === 'other') {
        const sample = otherSamples.get(event.message);
        if (sample !== undefined) sample.count++;
        else if (otherSamples.size < MAX_OTHER_SAMPLES)
          otherSamples.set(event.message, { level, message: event.message, count: 1 });
      }
    },
    declareCode(code, level) {
      const key = `${code}\u0000${level}`;
      if (!codes.has(key)) codes.set(key, 0);
    },
    declareKind(kind, level) {
      const key = `${kind}\u0000${level}`;
      if (!kinds.has(key)) kinds.set(key, 0);
    },
    setVersions(v) {
      versions = { ...versions, ...v };
    },
    versions: () => versions,
    byCodeLevel: () => codes,
    byKindLevel: () => kinds,
    byCode: () => sumBy(codes),
    byKind: () => sumBy(kinds),
    recent: () => ring.toArray(),
    recentDropped: () => ring.dropped,
    otherSamples: () => [...otherSamples.values()].map((o) => ({ ...o })),
  };
}
