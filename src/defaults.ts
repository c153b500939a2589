// Every default in one object that every module reads (flags, config file and embedders fall back to these), so the
// documented value, the agent's value and a library caller's value cannot drift apart.

export const DEFAULTS = {
  listenAddress: ':9147',
  telemetryPath: '/metrics',
  positionsFile: '.wsgiwatch/positions.json',
  /** The LogFormat of an --access-log given without --access-log-format. */
  accessLogFormat: 'combined',
  logLevel: 'info',
  /** How a log's lines are wrapped (CRI, Docker json-file, journal): detected per file. */
  logWrapper: 'auto',
  tail: {
    /** Apache's own line cap for a logged request line is 8 KiB; 64 KiB leaves room for long query strings. */
    maxLineBytes: 65536,
    /**
     * Idle poll when no inotify event arrives (bind mounts, NFS, overlay volumes of a sidecar): 100 ms keeps the
     * latency of a line under one dashboard refresh tenth and costs < 0.1 % CPU (one fstat per file per poll).
     */
    pollIntervalMs: 100,
    /** How often read positions are written: SIGKILL re-reads at most this much of the logs. */
    positionsSyncMs: 1000,
  },
  /**
   * The sliding window behind each rate-limit verdict. 600 s is the alert rules' `for: 10m`: a fixed config clears
   * the verdict within one alert window, and a throttled location stays throttled long enough to fire.
   */
  verdictWindow: { maxSamples: 200, maxAgeSeconds: 600 },
  /** How often the Apache config files' mtimes are checked (a change re-reads it, as SIGHUP does). */
  configCheckIntervalMs: 5000,
  dashboardRefreshMs: 1000,
} as const;
