// Generates src/analyse/wsgi/wsgi-codes.ts from the §1.6 table of the domain doc, so the codes are data, never retyped.
// Usage: npx tsx scripts/generate-wsgi-codes.ts [path/to/apache-mod_wsgi-formats.md]

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface WsgiCodeRow {
  code: string;
  /** `[wsgi:LEVEL]` token, or `-` for retired IDs. */
  level: string;
  kind: string;
  /** printf-style format as logged (first variant when the table lists two). */
  text: string;
  /** Call site in mw6 src/server/ (`—` for retired IDs). */
  source: string;
  /** Logged with wsgi_log_rerror*: request-scoped, `[script PATH] ` tag and a peer. */
  request: boolean;
}

// Explicit kinds for the codes an operator alerts on (the §7 event-key table); keyword rules cover the rest.
const KIND_BY_CODE: Record<string, string> = {
  WSGI0210: 'embedded-no-python',
  WSGI0142: 'embedded-disabled',
  WSGI0143: 'embedded-disabled',
  WSGI0144: 'truncated-headers',
  WSGI0145: 'header-timeout',
  WSGI0146: 'daemon-gone-before-headers',
  WSGI0147: 'daemon-gone-before-headers',
  WSGI0148: 'malformed-header',
  WSGI0084: 'queue-timeout',
  WSGI0115: 'connect-failed',
  WSGI0116: 'connect-failed',
  WSGI0117: 'connect-failed',
  WSGI0124: 'connect-failed',
  WSGI0118: 'proxy-failed',
  WSGI0119: 'proxy-failed',
  WSGI0120: 'proxy-failed',
  WSGI0174: 'exception',
  WSGI0175: 'system-exit',
  WSGI0001: 'python-init-failed',
  WSGI0002: 'python-init-failed',
  WSGI0028: 'python-init-failed',
  WSGI0029: 'python-init-failed',
  WSGI0036: 'python-init-failed',
};

// Ordered keyword rules on the logged text: first match wins.
const KIND_RULES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^\(retired/, 'retired'],
  [/Python based handlers will not be available|Python interpreter configuration failed/, 'python-init-failed'],
  [/^Compiled for Python\//, 'python-version-mismatch'],
  [/Python home/, 'python-home-invalid'],
  [
    /Could not read or compile|Unable to execute Python script|when doing exec of Python script|does not contain WSGI application|Unable to import handler|Unable to stat target|Failed to close source file/,
    'script-load-failed',
  ],
  [/exception raised|Exception occurred/, 'background-exception'],
  [/No WSGI daemon process called/, 'daemon-not-configured'],
  [/Client denied|Authorization of user/, 'access-denied'],
  [
    /auth(?:entication|orization)? (?:script|provider|hook)|host access|groups_for_user|allow_access|'Basic' auth|'Digest' auth/i,
    'auth-script-error',
  ],
  [
    /cannot be accessed|writable to|does not match|permissions not available|information not available|Unable to determine (?:group|owner)|Unable to stat parent directory/,
    'permission-denied',
  ],
  [/proxying data to daemon|Unable to send request details|Unexpected status from WSGI daemon/, 'proxy-failed'],
  [
    /Request origin could not be validated|Unable to read incoming WSGI request|not located within chroot|Options ExecCGI|Target WSGI script not found|invoke directory|AcceptPathInfo|Transfer-Encoding|chunked transfer encoding|Content-Length/,
    'request-rejected',
  ],
  [/[Tt]elemetry/, 'telemetry-failed'],
  [
    /has no effect|is ignored|^Skipping|will run with|will run without|default size will be used|coredumps will not be produced|requires Python 3\.12/,
    'config-ignored',
  ],
  [
    /Daemon process will exit|Daemon group will not start|Daemon process will shut down|daemon process will shut down|worker thread will exit|signal dispatcher exiting|will not be enforced|will not be delivered|Unable to spawn daemon process|Unable to join with worker thread/,
    'daemon-setup-failed',
  ],
  [/unix domain socket|daemon process socket/, 'daemon-socket'],
  [/^Unable to acquire/, 'interpreter-unavailable'],
  [
    /^Unable to (?:install|create|replace|import|look up|locate|publish|find|setup)|^Call to '|Main interpreter reference|Location of WSGI dispatch script|stack-trace dump skipped/,
    'interpreter-setup-failed',
  ],
  [/Lookup of 'close' attribute/, 'app-error'],
];

/** Kind slug for a code, by the explicit map then the keyword rules; `other` when nothing matches. */
export function assignWsgiKind(code: string, text: string): string {
  const explicit = KIND_BY_CODE[code];
  if (explicit !== undefined) return explicit;
  for (const [pattern, kind] of KIND_RULES) if (pattern.test(text)) return kind;
  return 'other';
}

const ROW = /^\| (WSGI\d{4}) \| ([^|]+) \| (.+) \| ([^|]+) \|\s*$/;

/** The rows of the §1.6 table, in table order. */
export function parseWsgiCodeTable(markdown: string): WsgiCodeRow[] {
  const start = markdown.indexOf('### 1.6 ');
  if (start < 0) throw new Error('§1.6 table heading not found');
  const end = markdown.indexOf('\n### ', start + 8);
  const section = markdown.slice(start, end < 0 ? markdown.length : end);
  const rows: WsgiCodeRow[] = [];
  for (const line of section.split('\n')) {
    const m = ROW.exec(line);
    if (m === null) continue;
    const levelCell = m[2].trim();
    const retired = levelCell === '—';
    const backticked = /`([^`]*)`/.exec(m[3]);
    const text = backticked !== null ? backticked[1] : m[3].replace(/\*/g, '').trim();
    rows.push({
      code: m[1],
      level: retired ? '-' : levelCell.replace(/\s*\(request\)\s*$/, ''),
      kind: assignWsgiKind(m[1], text),
      text,
      source: m[4].trim(),
      request: /\(request\)/.test(levelCell) || /^\[script %s\]/.test(text),
    });
  }
  return rows;
}

/** The complete text of src/analyse/wsgi/wsgi-codes.ts for a domain doc. */
export function generateWsgiCodesSource(markdown: string): string {
  const rows = parseWsgiCodeTable(markdown);
  const body = rows.map((row) => `  ${JSON.stringify(row)},`).join('\n');
  return `// Generated by scripts/generate-wsgi-codes.ts from apache-mod_wsgi-formats.md §1.6 — do not edit; re-run the script.

export interface WsgiCode {
  code: string;
  /** \`[wsgi:LEVEL]\` token, or \`-\` for retired IDs. */
  level: string;
  /** Event kind slug (a bounded metric label). */
  kind: string;
  /** printf-style format as logged. */
  text: string;
  /** Call site in mod_wsgi 6.0.5 src/server/. */
  source: string;
  /** Request-scoped (logged with a peer and a \`[script PATH]\` tag). */
  request: boolean;
}

export const WSGI_CODES: readonly WsgiCode[] = [
${body}
];

/** Lookup by \`WSGInnnn\`. */
export const WSGI_CODE_BY_ID: ReadonlyMap<string, WsgiCode> = new Map(WSGI_CODES.map((c) => [c.code, c]));
`;
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// The shared domain doc sits beside the checkout (`../shared`), or two levels up from a worktree (`../../shared`).
export const DEFAULT_DOC_PATH =
  ['../shared', '../../shared']
    .map((dir) => resolve(repoRoot, dir, 'domain/apache-mod_wsgi-formats.md'))
    .find((path) => existsSync(path)) ?? resolve(repoRoot, '../shared/domain/apache-mod_wsgi-formats.md');
export const OUTPUT_PATH = resolve(repoRoot, 'src/analyse/wsgi/wsgi-codes.ts');

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const docPath = process.argv[2] ?? DEFAULT_DOC_PATH;
  const source = generateWsgiCodesSource(readFileSync(docPath, 'utf8'));
  writeFileSync(OUTPUT_PATH, source);
  // Format like every other source file so `biome check` stays clean; the drift test compares data, not layout.
  spawnSync(resolve(repoRoot, 'node_modules/.bin/biome'), ['format', '--write', OUTPUT_PATH], { stdio: 'inherit' });
  console.log(`wrote ${OUTPUT_PATH} from ${docPath}`);
}
