// `WSGIDaemonProcess NAME option=value …` parsed and validated as mod_wsgi does (mw6 wsgi_config.c:36-71
// wsgi_parse_option, wsgi_daemon.c:101-763; domain doc §1.7).

import type { SourceRef, WsgiDaemonModel } from './config-model.ts';

export interface ParsedDaemon {
  daemon?: WsgiDaemonModel;
  /** mod_wsgi would refuse to start with these (configtest fails). */
  errors: string[];
  /** Options only 6.x knows (their presence proves ≥ 6.0.2 for response-flush-delay) or only 4.x knows. */
  versionHints: { option: string; needs: '>=6' | '>=6.0.2' | '<6' }[];
}

type Check =
  | 'int>=0'
  | 'int>=1'
  | 'threads'
  | 'octal'
  | 'abs'
  | 'bytes512'
  | 'header'
  | 'respbuf'
  | 'float>0'
  | 'int64>=0'
  | 'onoff'
  | 'any';

const OPTIONS: Record<string, Check> = {
  user: 'any',
  group: 'any',
  'supplementary-groups': 'any',
  processes: 'int>=1',
  threads: 'threads',
  umask: 'octal',
  chroot: 'abs',
  home: 'abs',
  lang: 'any',
  locale: 'any',
  'python-home': 'any',
  'python-path': 'any',
  'python-eggs': 'any',
  'switch-interval': 'float>0',
  'stack-size': 'int>=1',
  'maximum-requests': 'int>=0',
  'startup-timeout': 'int>=0',
  'shutdown-timeout': 'int>=0',
  'deadlock-timeout': 'int>=0',
  'inactivity-timeout': 'int>=0',
  'request-timeout': 'int>=0',
  'interrupt-timeout': 'int>=0',
  'graceful-timeout': 'int>=0',
  'eviction-timeout': 'int>=0',
  'restart-interval': 'int>=0',
  'connect-timeout': 'int>=0',
  'socket-timeout': 'int>=0',
  'queue-timeout': 'int>=0',
  'listen-backlog': 'int>=0',
  'display-name': 'any',
  'send-buffer-size': 'bytes512',
  'receive-buffer-size': 'bytes512',
  'header-buffer-size': 'header',
  'response-buffer-size': 'respbuf',
  'response-socket-timeout': 'int>=0',
  'response-flush-delay': 'int>=0',
  'socket-user': 'any',
  'script-user': 'any',
  'script-group': 'any',
  'cpu-time-limit': 'int>=0',
  'cpu-priority': 'any',
  'memory-limit': 'int64>=0',
  'virtual-memory-limit': 'int64>=0',
  'server-metrics': 'onoff',
  'newrelic-config-file': 'any',
  'newrelic-environment': 'any',
};

const VERSION_HINTS: Record<string, '>=6' | '>=6.0.2' | '<6'> = {
  'switch-interval': '>=6',
  'interrupt-timeout': '>=6',
  'response-flush-delay': '>=6.0.2',
  'newrelic-config-file': '<6',
  'newrelic-environment': '<6',
};

const INVALID = 'Invalid option to WSGI daemon process definition.';

/** C atoi(): leading blanks, optional sign, digits; anything else stops; no digits → 0. */
export function atoi(value: string): number {
  const m = /^\s*([+-]?\d+)/.exec(value);
  return m === null ? 0 : Number.parseInt(m[1], 10);
}

/** Parses the text after the directive name. `raw` keeps quotes: values are read with ap_getword_conf. */
export function parseWsgiDaemonProcess(raw: string, vhost: string, source: SourceRef): ParsedDaemon {
  const errors: string[] = [];
  const versionHints: ParsedDaemon['versionHints'] = [];
  let i = 0;
  const n = raw.length;
  const skipBlank = () => {
    while (i < n && (raw[i] === ' ' || raw[i] === '\t')) i++;
  };
  const word = (): string => {
    const q = raw[i];
    if (q === '"' || q === "'") {
      i++;
      let w = '';
      while (i < n && raw[i] !== q) {
        if (raw[i] === '\\' && raw[i + 1] === q) {
          w += q;
          i += 2;
          continue;
        }
        w += raw[i++];
      }
      i++;
      return w;
    }
    let w = '';
    while (i < n && raw[i] !== ' ' && raw[i] !== '\t') w += raw[i++];
    return w;
  };
  skipBlank();
  const name = word();
  if (name === '') return { errors: ['WSGIDaemonProcess needs a name.'], versionHints };
  const options: Record<string, string> = {};
  for (;;) {
    skipBlank();
    if (i >= n) break;
    let key = '';
    while (i < n && raw[i] !== '=' && raw[i] !== ' ' && raw[i] !== '\t') key += raw[i++];
    if (raw[i] !== '=') {
      errors.push(`${INVALID} (${key} has no '=value')`);
      word();
      continue;
    }
    i++;
    const value = word();
    const check = OPTIONS[key];
    if (check === undefined) {
      errors.push(`${INVALID} (unknown option ${key})`);
      continue;
    }
    if (VERSION_HINTS[key] !== undefined) versionHints.push({ option: key, needs: VERSION_HINTS[key] });
    options[key] = value;
    const problem = validate(key, check, value);
    if (problem !== undefined) errors.push(problem);
  }
  if (options['script-user'] !== undefined && options['script-group'] !== undefined) {
    errors.push('Only one of script-user and script-group allowed.');
  }
  const flush = options['response-flush-delay'];
  const buffer = options['response-buffer-size'];
  const daemon: WsgiDaemonModel = {
    name,
    vhost,
    options,
    processes: options.processes === undefined ? 1 : atoi(options.processes),
    threads: options.threads === undefined ? 15 : atoi(options.threads),
    responseFlushDelayMs: flush === undefined ? undefined : atoi(flush),
    // 0 means "the default" to mod_wsgi: leave undefined so the version decides.
    responseBufferSize: buffer === undefined || atoi(buffer) === 0 ? undefined : atoi(buffer),
    source,
  };
  return { daemon, errors, versionHints };
}

function validate(key: string, check: Check, value: string): string | undefined {
  if (check !== 'any' && value === '') return `Invalid value for ${key}: empty.`;
  const v = atoi(value);
  switch (check) {
    case 'int>=0':
      return v < 0 ? `Invalid ${key}: must be >= 0 (got ${value}).` : undefined;
    case 'int>=1':
      return v < 1 ? `Invalid ${key}: must be >= 1 (got ${value}).` : undefined;
    case 'threads':
      return v < 0 || v >= 65534 ? `Invalid thread count for WSGI daemon process (got ${value}).` : undefined;
    case 'octal':
      return /^[0-7]+$/.test(value) ? undefined : `Invalid umask for WSGI daemon process (got ${value}).`;
    case 'abs':
      return value.startsWith('/') ? undefined : `Invalid ${key} directory for WSGI daemon process: must be absolute.`;
    case 'bytes512':
      return v !== 0 && v < 512 ? `Invalid ${key}: must be >= 512 bytes, or 0 for default.` : undefined;
    case 'header':
      return v !== 0 && v < 8192 ? `Header buffer size must be >= 8192 bytes, or 0 for default.` : undefined;
    case 'respbuf':
      return v !== 0 && v < 65536 ? 'Response buffer size must be >= 65536 bytes, or 0 for default.' : undefined;
    case 'float>0': {
      const f = Number(value);
      return Number.isFinite(f) && f > 0 ? undefined : `Invalid ${key}: must be a number > 0 (got ${value}).`;
    }
    case 'int64>=0':
      return v < 0 ? `Invalid ${key}: must be >= 0 (got ${value}).` : undefined;
    case 'onoff':
      return /^(on|off)$/i.test(value) ? undefined : `Invalid ${key}: must be On or Off (got ${value}).`;
    default:
      return undefined;
  }
}
