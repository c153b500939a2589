// A hand-made Snapshot for the view tests: one throttled daemon location, a conforming one, events, findings.

import type { LocationSnapshot, Snapshot } from '../../src/report/snapshot.ts';

export function location(over: Partial<LocationSnapshot> = {}): LocationSnapshot {
  return {
    vhost: 'shop.example',
    location: '/static',
    rateKiBps: 1000,
    burstKiB: 0,
    samples: 60,
    achievedKiBps: { p10: 990, p50: 1010, p90: 1200 },
    medianRatio: 0.98,
    verdict: 'conforming',
    explanation: '/static: median ratio 0.98: responses take about as long as rate-limit 1000 KiB/s allows.',
    ratioHistory: [0.97, 0.98, 1.0],
    requestsTotal: 120,
    requestsPerSecond: 1,
    errorRatio: 0,
    p95DurationSeconds: 2.1,
    ...over,
  };
}

export const THROTTLED = location({
  location: '/downloads',
  daemonGroup: 'shop',
  flushDelayMs: 0,
  achievedKiBps: { p10: 297, p50: 308, p90: 316 },
  medianRatio: 0.3,
  verdict: 'throttled',
  explanation:
    'response-flush-delay=0 flushes on every stall of the daemon socket, and each flush costs RATE_LIMIT a 200 ms sleep.',
  ratioHistory: [0.31, 0.3, 0.29],
});

export function snapshot(over: Partial<Snapshot> = {}): Snapshot {
  return {
    generatedAtSeconds: 1795487000,
    host: 'web-1',
    uptimeSeconds: 65,
    versions: { apache: '2.4.71', modWsgi: '6.0.5', python: '3.11', mpm: 'event' },
    totals: { linesPerSecond: 17, requestsPerSecond: 16.5, worstLagBytes: 0, parseFailures: 0 },
    sources: [
      {
        path: '/var/log/apache2/access.log',
        log: 'access',
        state: 'open',
        offsetBytes: 136767,
        sizeBytes: 136767,
        lagBytes: 0,
        linesRead: 932,
        linesPerSecond: 16,
        rotations: 1,
        truncations: 0,
        linesLost: 0,
        parseFailures: 0,
      },
    ],
    locations: [THROTTLED, location()],
    wsgi: { byCode: { WSGI0210: 0 }, byKind: {}, recent: [] },
    findings: [
      {
        rule: 'flush-delay-zero-with-ratelimit',
        severity: 'warning',
        subject: 'shop',
        file: '/etc/apache2/sites-enabled/shop.conf',
        line: 17,
        message: 'Daemon group shop has response-flush-delay=0 and serves /downloads under RATE_LIMIT.',
        fix: 'Remove response-flush-delay=0 from WSGIDaemonProcess shop (the default is 5 ms).',
      },
    ],
    agentLog: ['{"level":30,"time":"2026-11-24T02:23:20.000Z","msg":"demo running"}'],
    ...over,
  };
}
