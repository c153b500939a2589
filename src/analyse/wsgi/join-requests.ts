// Joins request-failing WSGI events with the access-log line of the request they broke (WSGI0210 → its 500).

import type { AccessRecord } from '../../parse/access/access-record.ts';
import type { WsgiEvent } from './wsgi-event.ts';

export interface RequestJoinerOptions {
  /** Allowed distance between the event time and the request's [start, start + duration] span. Default 1 s. */
  windowSeconds?: number;
  /** Pending events and pending access records kept each (oldest dropped first). Default 1000. */
  maxPending?: number;
  /** Pending entries older than this behind the newest time seen are dropped. Default 600 s. */
  maxAgeSeconds?: number;
}

export interface RequestJoiner {
  /** Adds an event; returns it (with `request` filled in place) when a pending access record matches, else [] (kept pending). */
  addEvent(event: WsgiEvent): WsgiEvent[];
  /** Adds an access record; returns the pending event it completes (at most one), joined. */
  addAccess(record: AccessRecord): WsgiEvent[];
  /** Pending counts, for the dashboard and tests. */
  pending(): { events: number; accesses: number };
  /** Entries dropped unjoined because of maxPending / maxAgeSeconds. */
  dropped(): number;
  /** The newest log time seen (request ends, event times): entries this far behind it are dropped. */
  newestSeconds(): number;
  /** Raises the newest time seen, as access records ending then would (lines read elsewhere: `analyse --jobs`). */
  advance(timeSeconds: number): void;
  /** Events waiting for their request, oldest first. */
  pendingEvents(): readonly WsgiEvent[];
}

/**
 * Status the client gets for each joinable kind (§1.4 "HTTP" column; mw6 wsgi_remote.c:595-640, :173-193).
 * proxy-failed happens after the status was sent, so any status matches.
 */
export const JOINABLE_STATUS: Readonly<Record<string, (status: number) => boolean>> = {
  'embedded-no-python': (s) => s === 500,
  'embedded-disabled': (s) => s === 500,
  exception: (s) => s === 500,
  'truncated-headers': (s) => s === 500 || s === 502,
  'daemon-gone-before-headers': (s) => s === 500 || s === 502,
  'malformed-header': (s) => s === 500,
  'header-timeout': (s) => s === 504,
  'queue-timeout': (s) => s === 504 || s === 500,
  'connect-failed': (s) => s === 503,
  'script-load-failed': (s) => s === 500 || s === 404,
  'request-rejected': (s) => s >= 400,
  'permission-denied': (s) => s >= 400,
  'daemon-not-configured': (s) => s >= 400,
  'access-denied': (s) => s >= 400,
  'auth-script-error': (s) => s >= 400,
  'interpreter-unavailable': (s) => s >= 500,
  'request-interrupted': (s) => s === 504 || s === 500,
  'proxy-failed': () => true,
};

export function eventMatchesAccess(event: WsgiEvent, access: AccessRecord, windowSeconds: number): boolean {
  const accepts = JOINABLE_STATUS[event.kind];
  if (accepts === undefined || access.status === undefined || !accepts(access.status)) return false;
  // %L in both logs is the strongest key (mod_wsgi ≥ 4.5.4 forwards it to the daemon, §2.3).
  const bothIds = event.requestLogId !== undefined && access.requestLogId !== undefined;
  if (bothIds && event.requestLogId !== access.requestLogId) return false;
  if (!bothIds) {
    if (event.peer === undefined || access.clientIp === undefined || event.peer.ip !== access.clientIp) return false;
    // Same client port when the access format logs %{remote}p.
    if (access.clientPort !== undefined && event.peer.port !== undefined && access.clientPort !== event.peer.port) {
      return false;
    }
  }
  if (event.timeSeconds === undefined || access.timeSeconds === undefined) return bothIds;
  // %t is the request start; the event is logged while it runs, so allow the request's duration too.
  const start = access.timeSeconds;
  const end = start + (access.durationSeconds ?? 0);
  return event.timeSeconds >= start - windowSeconds && event.timeSeconds <= end + windowSeconds;
}

/** Fills `event.request` in place (so an event already in the ring shows its request) and returns the event. */
function joined(event: WsgiEvent, access: AccessRecord): WsgiEvent {
  const request: NonNullable<WsgiEvent['request']> = {};
  if (access.method !== undefined) request.method = access.method;
  if (access.urlPath !== undefined) request.url = `${access.urlPath}${access.query ?? ''}`;
  if (access.status !== undefined) request.status = access.status;
  if (access.clientIp !== undefined) request.clientIp = access.clientIp;
  if (access.timeSeconds !== undefined) request.timeSeconds = access.timeSeconds;
  event.request = request;
  return event;
}

/**
 * A bounded matcher (no I/O, no clock: log times only); either side may arrive first (access lines are written when
 * the request ends). A joined event gets `request` filled in place and is returned.
 */
export function createRequestJoiner(options: RequestJoinerOptions = {}): RequestJoiner {
  const windowSeconds = options.windowSeconds ?? 1;
  const maxPending = options.maxPending ?? 1000;
  const maxAgeSeconds = options.maxAgeSeconds ?? 600;
  const events: WsgiEvent[] = [];
  const accesses: AccessRecord[] = [];
  let newest = Number.NEGATIVE_INFINITY;
  let droppedCount = 0;

  const prune = <T extends { timeSeconds?: number }>(list: T[]) => {
    while (list.length > maxPending) {
      list.shift();
      droppedCount++;
    }
    while (list.length > 0 && (list[0].timeSeconds ?? newest) < newest - maxAgeSeconds) {
      list.shift();
      droppedCount++;
    }
  };

  return {
    addEvent(event) {
      if (JOINABLE_STATUS[event.kind] === undefined) return [];
      if (event.timeSeconds !== undefined && event.timeSeconds > newest) newest = event.timeSeconds;
      const at = accesses.findIndex((a) => eventMatchesAccess(event, a, windowSeconds));
      if (at >= 0) {
        const [access] = accesses.splice(at, 1);
        return [joined(event, access)];
      }
      events.push(event);
      prune(events);
      prune(accesses);
      return [];
    },
    addAccess(access) {
      if (access.status === undefined) return [];
      const end = (access.timeSeconds ?? newest) + (access.durationSeconds ?? 0);
      if (end > newest) newest = end;
      prune(events);
      const at = events.findIndex((e) => eventMatchesAccess(e, access, windowSeconds));
      if (at >= 0) {
        const [event] = events.splice(at, 1);
        return [joined(event, access)];
      }
      // Only failed requests wait for a late event; a 2xx can only complete an earlier proxy-failed event.
      if (access.status >= 400) {
        accesses.push(access);
        prune(accesses);
      }
      return [];
    },
    pending: () => ({ events: events.length, accesses: accesses.length }),
    dropped: () => droppedCount,
    newestSeconds: () => newest,
    advance(timeSeconds) {
      if (timeSeconds > newest) newest = timeSeconds;
    },
    pendingEvents: () => events,
  };
}
