// The request joiner across `analyse --jobs` workers. A worker reads access lines while the events waiting for their
// request sit in the main thread's joiner, whose answer depends on every line before (which event a line completes,
// which events age out). So a worker keeps only the lines that could matter there — those matching a waiting event
// (a superset: the main joiner only loses events), and its last `maxPending` other failed requests (what the joiner's
// access list can still hold for a later container log's events) — each with the joiner's newest time before it, as
// a function of the newest time before the part: max(before + add, floor). The main thread replays them in file order.

import { eventMatchesAccess, type RequestJoiner } from '../analyse/wsgi/join-requests.ts';
import type { WsgiEvent } from '../analyse/wsgi/wsgi-event.ts';
import type { AccessRecord } from '../parse/access/access-record.ts';
import { JOINER_OPTIONS } from '../pipeline/create-pipeline.ts';

/** The joiner's newest time after some lines, from the newest before them: max(before + add, floor). */
export interface NewestShift {
  add: number;
  floor: number;
}

export interface JoinCandidate {
  record: AccessRecord;
  /** The newest time before this line, relative to the part's start. */
  before: NewestShift;
  /** Matches a waiting event (else one of the part's last failed requests). */
  matches: boolean;
}

export interface JoinCandidates {
  candidates: JoinCandidate[];
  /** The newest time after the whole part. */
  after: NewestShift;
}

export interface CandidateJoiner extends RequestJoiner {
  /** Starts a part, against the events waiting in the main thread's joiner. */
  start(waiting: readonly WsgiEvent[]): void;
  /** The part's candidates. */
  take(): JoinCandidates;
}

/** A joiner for a worker's pipeline: it joins nothing, it collects the candidates for the main thread's joiner. */
export function createCandidateJoiner(): CandidateJoiner {
  const maxOthers = JOINER_OPTIONS.maxPending;
  let waiting: readonly WsgiEvent[] = [];
  let candidates: JoinCandidate[] = [];
  let others = 0;
  let shift: NewestShift = { add: 0, floor: Number.NEGATIVE_INFINITY };
  const { windowSeconds } = JOINER_OPTIONS;

  /** Drops the failed requests that `maxOthers` later ones have pushed out of the main joiner's access list. */
  function compact(): void {
    const kept: JoinCandidate[] = [];
    let left = maxOthers;
    for (let i = candidates.length - 1; i >= 0; i--) {
      const c = candidates[i];
      if (c.matches) kept.push(c);
      else if (left > 0) {
        kept.push(c);
        left--;
      }
    }
    candidates = kept.reverse();
    others = Math.min(others, maxOthers);
  }

  return {
    addEvent: () => [],
    addAccess(access) {
      if (access.status === undefined) return [];
      const matches = waiting.some((e) => eventMatchesAccess(e, access, windowSeconds));
      if (matches || access.status >= 400) {
        // Kept as the pipeline made it (its texts parsed only if kept to the end): most are compacted away.
        candidates.push({ record: access, before: { ...shift }, matches });
        if (!matches && ++others > 2 * maxOthers) compact();
      }
      // The main joiner's step: newest = max(newest, (time ?? newest) + duration).
      const duration = access.durationSeconds ?? 0;
      if (access.timeSeconds === undefined) {
        const grow = Math.max(0, duration);
        shift = { add: shift.add + grow, floor: shift.floor + grow };
      } else shift = { add: shift.add, floor: Math.max(shift.floor, access.timeSeconds + duration) };
      return [];
    },
    // The main joiner calls addAccess for every line while an event waits: so does this one.
    pending: () => ({ events: waiting.length, accesses: 0 }),
    dropped: () => 0,
    newestSeconds: () => shift.floor,
    advance: () => {},
    pendingEvents: () => waiting,
    start(events) {
      waiting = events;
      candidates = [];
      others = 0;
      shift = { add: 0, floor: Number.NEGATIVE_INFINITY };
    },
    take() {
      compact();
      return { candidates: candidates.map((c) => ({ ...c, record: plainRecord(c.record) })), after: shift };
    },
  };
}

/** Replays a part's candidates into the main thread's joiner, in order, then moves its newest time past the part. */
export function replayJoinCandidates(joiner: RequestJoiner, part: JoinCandidates): void {
  const before = joiner.newestSeconds();
  const at = (s: NewestShift) => Math.max(before + s.add, s.floor);
  for (const c of part.candidates) {
    joiner.advance(at(c.before));
    // As the pipeline does: a line that is not a failed request reaches the joiner only while an event waits.
    if ((c.record.status ?? 0) >= 400 || joiner.pending().events > 0) joiner.addAccess(c.record);
  }
  joiner.advance(at(part.after));
}

/** The joiner's fields as plain data (a worker's lazily parsed record cannot cross to the main thread). */
function plainRecord(a: AccessRecord): AccessRecord {
  const out: AccessRecord = { ok: true };
  if (a.status !== undefined) out.status = a.status;
  if (a.timeSeconds !== undefined) out.timeSeconds = a.timeSeconds;
  if (a.durationSeconds !== undefined) out.durationSeconds = a.durationSeconds;
  if (a.clientPort !== undefined) out.clientPort = a.clientPort;
  if (a.clientIp !== undefined) out.clientIp = a.clientIp;
  if (a.method !== undefined) out.method = a.method;
  if (a.urlPath !== undefined) out.urlPath = a.urlPath;
  if (a.query !== undefined) out.query = a.query;
  if (a.requestLogId !== undefined) out.requestLogId = a.requestLogId;
  return out;
}
