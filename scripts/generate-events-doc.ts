// Generates docs/events.md from the event tables the classifier uses (WSGI#### catalogue, uncoded and Apache 2.2
// wordings, AH codes), so the document lists exactly the messages behind each kind. A test holds the file current.
// Usage: npx tsx scripts/generate-events-doc.ts

import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALARM_KINDS } from '../src/analyse/wsgi/alarm-kinds.ts';
import { AH_CODE_KINDS } from '../src/analyse/wsgi/classify-error-record.ts';
import { LEGACY_MESSAGES } from '../src/analyse/wsgi/legacy-messages.ts';
import { WSGI_CODES } from '../src/analyse/wsgi/wsgi-codes.ts';
import { WSGI_EVENT_KINDS } from '../src/analyse/wsgi/wsgi-event-kinds.ts';

/** What each kind tells the operator. */
const KIND_NOTES: Record<string, { note: string }> = {
  'access-denied': { note: 'An access or authorisation hook refused the request.' },
  'app-error': { note: 'The application misused an API mod_wsgi guards (response close, signal handlers).' },
  'auth-script-error': { note: 'A WSGIAuthUserScript / WSGIAccessScript hook is missing or returned a bad value.' },
  'background-exception': { note: 'A Python exception outside a request: atexit, event callbacks, interpreter start.' },
  'child-crash': {
    note: 'An Apache child or mod_wsgi daemon process was killed by a signal (segfault, abort, OOM kill).',
  },
  'child-fatal': { note: 'A child returned a fatal error and Apache is exiting.' },
  'child-stuck': { note: 'A child did not exit when asked to; Apache escalates to SIGTERM / SIGKILL.' },
  'config-ignored': { note: 'A configured limit or option could not be applied; the process runs without it.' },
  'config-invalid': { note: 'A configuration mod_wsgi refuses (mod_python loaded beside mod_wsgi 4.x).' },
  'connect-failed': { note: 'The Apache child could not reach the daemon socket: the client got 503.' },
  'cpu-time-limit': { note: 'The daemon reached its cpu-time-limit and restarts.' },
  'daemon-died': { note: 'The Apache parent saw a daemon process die and restarts it.' },
  'daemon-exit': { note: 'A daemon process exited with an exit code (4.x/6.x report exit code N as signal N too).' },
  'daemon-gone-before-headers': {
    note: 'The daemon closed the connection before the response headers (6.x: 502).',
  },
  'daemon-not-configured': { note: 'WSGIProcessGroup names a daemon group that does not exist.' },
  'daemon-setup-failed': { note: 'A daemon process could not set itself up (uid, chroot, socket, threads) and exits.' },
  'daemon-signal': { note: 'A daemon process was terminated by a signal.' },
  'daemon-socket': { note: 'Trouble with the daemon unix socket (path too long, stale socket, cleanup).' },
  'daemon-start': { note: 'A daemon process started.' },
  'daemon-stop': { note: 'A daemon process is stopping: shutdown requested, server restart, eviction.' },
  'deadlock-timeout': {
    note: 'The Python GIL was held too long (deadlock-timeout); the daemon restarts.',
  },
  'embedded-disabled': { note: 'A request reached embedded mode while WSGIRestrictEmbedded is on: 500.' },
  'embedded-no-python': {
    note: 'A request reached embedded mode in a child without Python (6.0.2+): 500.',
  },
  exception: { note: 'An unhandled exception in the application; the traceback lines are folded into this one event.' },
  'header-timeout': {
    note: 'No response headers from the daemon within socket-timeout: the client got 504.',
  },
  'inactivity-timeout': { note: 'An idle daemon process was stopped (inactivity-timeout).' },
  'interpreter-setup-failed': { note: 'Setting up or tearing down a Python interpreter failed in part.' },
  'interpreter-unavailable': { note: 'The interpreter a request or hook needs could not be acquired.' },
  'malformed-header': { note: 'The application returned a header Apache cannot use: 500.' },
  'max-workers': { note: 'Apache reached MaxRequestWorkers (MaxClients in 2.2): requests queue.' },
  'maximum-requests': { note: 'A daemon process reached maximum-requests and restarts.' },
  other: {
    note: 'A line mod_wsgi wrote itself (its `mod_wsgi (pid=…)` / `mod_wsgi:` prefix) that matches no wording below. Counted with its level; `analyse` lists the distinct messages.',
  },
  'parent-crash': { note: 'The Apache parent process itself crashed.' },
  'permission-denied': { note: 'The WSGI script or its directory fails an ownership or permission check.' },
  'proxy-failed': { note: 'Proxying the request or response between child and daemon failed.' },
  'python-home-invalid': { note: 'python-home / WSGIPythonHome points at a path that is missing or unreadable.' },
  'python-init-failed': { note: 'Python could not be initialised: Python based handlers are unavailable.' },
  'python-version-mismatch': { note: 'mod_wsgi was compiled for a different Python than the one it runs with.' },
  'queue-timeout': { note: 'A request waited longer than queue-timeout for a daemon thread: 504.' },
  'ratelimit-disabled': { note: 'mod_ratelimit dropped the limit for a response (rate-limit not a positive number).' },
  'ratelimit-failed': { note: 'mod_ratelimit could not split a brigade.' },
  'request-interrupted': { note: 'interrupt-timeout raised RequestTimeout in a request thread (6.x).' },
  'request-rejected': {
    note: 'mod_wsgi refused the request before running the application (options, encoding, path).',
  },
  'request-time-limit': { note: 'A request ran longer than request-timeout; the daemon restarts.' },
  restart: { note: 'Apache restarted (graceful or hard).' },
  'restart-interval': { note: 'The daemon reached restart-interval and restarts.' },
  retired: { note: 'A WSGI#### ID that 6.0.5 no longer logs.' },
  'script-load-failed': { note: 'The WSGI script could not be read, compiled, executed, or has no application.' },
  'script-reload': { note: 'The WSGI script changed; the daemon process restarts to reload it.' },
  'shutdown-timeout': { note: 'A daemon did not stop within shutdown-timeout and was aborted.' },
  startup: {
    note: 'Apache finished starting or restarting (the line names the Apache, mod_wsgi and Python versions).',
  },
  'startup-timeout': { note: 'The WSGI script did not load within startup-timeout; the daemon restarts.' },
  stop: { note: 'Apache is stopping.' },
  'system-exit': { note: 'The application called sys.exit() during a request.' },
  'telemetry-failed': { note: 'The 6.x telemetry reporter could not start.' },
  'truncated-headers': {
    note: 'The response headers from the daemon were cut short or too long: usually the daemon crashed mid-request.',
  },
};

// The texts of the AH codes that count (httpd 2.4 server/mpm_unix.c, server/mpm/*, modules/filters/mod_ratelimit.c).
const AH_TEXT: Record<string, string> = {
  AH00052: 'child pid %ld exit signal %s (%d)',
  AH00051: 'child pid %ld exit signal %s (%d), possible coredump in %s',
  AH00060: 'seg fault or similar nasty error detected in the parent process',
  AH00050: 'Child %d returned a Fatal error... Apache is exiting!',
  AH00045: 'child process %d still did not exit, sending a SIGTERM',
  AH00046: 'child process %d still did not exit, sending a SIGKILL',
  AH00047: 'could not make child process %d exit, attempting to continue anyway',
  AH00493: 'SIGUSR1 received.  Doing graceful restart',
  AH00171: 'Graceful restart requested, doing restart',
  AH00297: 'SIGUSR1 received.  Doing graceful restart',
  AH00494: 'SIGHUP received.  Attempting to restart',
  AH00173: 'SIGHUP received.  Attempting to restart',
  AH00298: 'SIGHUP received.  Attempting to restart',
  AH00491: 'caught SIGTERM, shutting down',
  AH00169: 'caught SIGTERM, shutting down',
  AH00295: 'caught SIGTERM, shutting down',
  AH00492: 'caught SIGWINCH, shutting down gracefully',
  AH00170: 'caught SIGWINCH, shutting down gracefully',
  AH00296: 'caught SIGWINCH, shutting down gracefully',
  AH00489: '%s configured -- resuming normal operations',
  AH00163: '%s configured -- resuming normal operations',
  AH00292: '%s configured -- resuming normal operations',
  AH00455: '%s configured -- resuming normal operations',
  AH03488: 'rl: disabling: rate-limit = %s (too high?)',
  AH03489: 'rl: disabling burst: rate-initial-burst = %s (too high?)',
  AH01456: 'rl: partition failed.',
  AH00484: 'server reached MaxRequestWorkers setting, consider raising the MaxRequestWorkers setting',
  AH00161: 'server reached MaxRequestWorkers setting, consider raising the MaxRequestWorkers setting',
  AH00286: 'server reached MaxRequestWorkers setting, consider raising the MaxRequestWorkers setting',
};

const cell = (text: string) => `\`${text.replace(/`/g, "'").replace(/\|/g, '\\|')}\``;

/** The complete text of docs/events.md. */
export function renderEventsDoc(): string {
  const out: string[] = [
    '<!-- Generated by scripts/generate-events-doc.ts from the classifier tables; do not edit, re-run the script. -->',
    '',
    '# Events: the kinds wsgiwatch counts and the log messages behind them',
    '',
    'Every error-log line that mod_wsgi or Apache writes about the health of the server becomes an event with a kind.',
    'Events are counted in `apache_wsgi_events_total{kind,level}` (level is the Apache level token as logged, or `other`),',
    'shown in `wsgiwatch analyse` and on the dashboard. Lines carrying a `WSGI####` ID (mod_wsgi 6.x) are also counted',
    'by code in `apache_wsgi_errors_total{code,level}`.',
    '',
    'How a line is classified:',
    '',
    '- A `WSGI####` ID: the kind of that ID (the 6.x catalogue below).',
    '- An Apache `AH#####` code: the kind of that code, when it is one listed below.',
    '- Otherwise the message text: mod_wsgi 3.x/4.x/5.x lines (after their `mod_wsgi (pid=N): ` prefix), 6.x info lines',
    '  and Apache 2.2 lines (no module, no AH code) are matched against the wordings below. A wording matches when the',
    '  message starts with it; `%s` stands for any text and `%d` for a number. Most 4.x messages kept the first clause of',
    '  their 6.x wording, so each catalogue text below also matches the 4.x line.',
    '- A line with the `mod_wsgi (pid=N): ` or `mod_wsgi: ` prefix that matches nothing is kind `other`: counted with its',
    '  level and sampled, never dropped (debug and trace lines excepted).',
    '- What the application writes to stderr (logged under `wsgi` without the prefix) is application output, not an',
    '  event; a Python traceback is folded into one `exception` event.',
    '',
    'Alarm kinds (worth an alert) are marked ⚠.',
    '',
    '## Kinds',
    '',
    '| Kind | Meaning |',
    '|---|---|',
  ];
  for (const kind of WSGI_EVENT_KINDS) {
    const n = KIND_NOTES[kind];
    if (n === undefined) throw new Error(`no note for kind ${kind}: add one to KIND_NOTES`);
    out.push(`| [\`${kind}\`](#${kind})${ALARM_KINDS.has(kind) ? ' ⚠' : ''} | ${n.note} |`);
  }
  out.push('', '## Messages by kind', '');
  for (const kind of WSGI_EVENT_KINDS) {
    out.push(`### ${kind}`, '');
    const codes = WSGI_CODES.filter((c) => c.kind === kind);
    const ah = Object.entries(AH_CODE_KINDS).filter(([, k]) => k === kind);
    const legacy = LEGACY_MESSAGES.filter((t) => t.kind === kind);
    if (codes.length === 0 && ah.length === 0 && legacy.length === 0) {
      out.push(kind === 'exception' ? 'A traceback written after its header line.' : KIND_NOTES[kind].note, '');
      continue;
    }
    out.push('| Code / source | Level | Message |', '|---|---|---|');
    for (const c of codes) out.push(`| ${c.code} (6.x ${c.source}) | ${c.level} | ${cell(c.text)} |`);
    for (const [code] of ah) {
      const text = AH_TEXT[code];
      if (text === undefined) throw new Error(`no text for ${code}: add it to AH_TEXT`);
      out.push(`| ${code} (Apache 2.4) | | ${cell(`${code}: ${text}`)} |`);
    }
    for (const t of legacy)
      out.push(
        `| ${t.source}${t.equivalentCode !== undefined ? ` (= ${t.equivalentCode})` : ''} | | ${cell(t.text)} |`,
      );
    out.push('');
  }
  out.push('## Recognised, not counted', '');
  out.push('These info lines are known and deliberately not events (they accompany a start, stop or stack dump):', '');
  for (const t of LEGACY_MESSAGES.filter((m) => m.kind === null)) out.push(`- ${cell(t.text)} (${t.source})`);
  out.push('');
  return out.join('\n');
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const EVENTS_DOC_PATH = resolve(repoRoot, 'docs/events.md');

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(EVENTS_DOC_PATH, renderEventsDoc());
  console.log(`wrote ${EVENTS_DOC_PATH}`);
}
