// The event kinds that describe an alarm (issue 16): a crash, a timeout, a daemon that died or was signalled, a failed
// connect or proxy, truncated headers, embedded mode refused, Apache stopping or restarting.

export const ALARM_KINDS: ReadonlySet<string> = new Set([
  'child-crash',
  'parent-crash',
  'child-fatal',
  'header-timeout',
  'queue-timeout',
  'request-time-limit',
  'deadlock-timeout',
  'startup-timeout',
  'shutdown-timeout',
  'daemon-died',
  'daemon-signal',
  'connect-failed',
  'proxy-failed',
  'truncated-headers',
  'daemon-gone-before-headers',
  'embedded-disabled',
  'embedded-no-python',
  'stop',
  'restart',
]);
