// mod_wsgi and Apache event counters (by code and level, by kind and level), versions from the startup line, and the
// bounded ring of recent events shown by the dashboard and the API.

import type { WsgiEvent } from '../analyse/wsgi/wsgi-event.ts';

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
}

export function createWsgiStats(ringCapacity = 200): WsgiStats {
  const codes = new Map<string, number>();
  const kinds = new Map<string, number>();
  const ring: WsgiEvent[] = [];
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
      // Every event counts by kind (version-independent: a 4.9.4 exception and a 6.x WSGI0174 are both `exception`);
      // coded ones also by code.
      if (event.code !== undefined) {
        const key = `${event.code}\u0000${event.level}`;
        codes.set(key, (codes.get(key) ?? 0) + 1);
      }
      const kindKey = `${event.kind}\u0000${event.level}`;
      kinds.set(kindKey, (kinds.get(kindKey) ?? 0) + 1);
      ring.push(event);
      if (ring.length > ringCapacity) ring.shift();
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
    recent: () => ring.slice(),
  };
}
