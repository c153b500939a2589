// ErrorLog, CustomLog, GlobalLog and TransferLog → LogTargetModel: the file to tail (rotatelogs pipes turned into
// globs), its format resolved through the LogFormat nicknames of its scope, and the vhost it belongs to; or, for syslog
// and other pipes, an UnreadableLogModel saying why it cannot be tailed.

import type { LogTargetModel, UnreadableLogModel } from './config-model.ts';
import { pipedLogGlob } from './piped-log-glob.ts';
import type { Scoped, ScopedConfig } from './scope-config-tree.ts';

// mod_log_config's built-in format when no LogFormat applies, also its predefined nickname `CLF`
// (mod_log_config.c DEFAULT_LOG_FORMAT, make_config_log_state).
const DEFAULT_ACCESS_FORMAT = '%h %l %u %t "%r" %>s %b';
const ACCESS_LOGS = new Set(['customlog', 'transferlog']);

export function buildLogTargets(
  sc: ScopedConfig,
  vhostName: (v: number) => string,
): { logTargets: LogTargetModel[]; unreadableLogs: UnreadableLogModel[] } {
  const formats = logFormats(sc);
  const errorFormat = (v: number): string | undefined => {
    const find = (vh: number) =>
      sc
        .top(vh)
        .filter(
          (s) => s.node.nameKey === 'errorlogformat' && s.node.args[0] !== 'connection' && s.node.args[0] !== 'request',
        )
        .at(-1)?.node.args[0];
    return find(v) ?? (v >= 0 ? find(-1) : undefined);
  };
  const targets: LogTargetModel[] = [];
  const unreadableLogs: UnreadableLogModel[] = [];
  const add = (log: 'access' | 'error', target: string, format: string | undefined, s: Scoped, extra = {}) => {
    const vhost = vhostName(s.vhost);
    const made = logTarget(sc, target, { log, format, vhost, source: s.node.source, ...extra });
    if ('reason' in made)
      unreadableLogs.push({ log, directive: s.node.name, target, ...made, vhost, source: s.node.source });
    else targets.push(made);
  };
  let serverErrorLog = false;
  for (const s of sc.scoped) {
    if (s.section !== undefined) continue;
    const [a0, a1, a2] = s.node.args;
    switch (s.node.nameKey) {
      case 'errorlog':
        if (a0 === undefined) break;
        if (s.vhost === -1) serverErrorLog = true;
        add('error', a0, errorFormat(s.vhost), s);
        break;
      case 'customlog':
      case 'globallog': {
        if (a0 === undefined || a1 === undefined) break;
        const format = formats.ofCustomLog(s.vhost, a1);
        add('access', a0, format, s, {
          ...(a2 ? { condition: a2 } : {}),
          ...(s.node.nameKey === 'globallog' ? { global: true } : {}),
        });
        break;
      }
      case 'transferlog':
        if (a0 === undefined) break;
        add('access', a0, formats.ofTransferLog(s.vhost), s);
        break;
    }
  }
  if (!serverErrorLog) {
    // httpd's compiled-in default (DEFAULT_ERRORLOG "logs/error_log").
    targets.push({
      log: 'error',
      path: sc.abs('logs/error_log'),
      format: errorFormat(-1),
      vhost: 'default',
      source: { file: sc.expanded.files[0] ?? '', line: 0 },
    });
  }
  return { logTargets: targets, unreadableLogs };
}

/** A target from the directive's file argument, or why it cannot be tailed. */
function logTarget(
  sc: ScopedConfig,
  target: string,
  base: Omit<LogTargetModel, 'path'>,
): LogTargetModel | Pick<UnreadableLogModel, 'via' | 'reason'> {
  if (target.startsWith('|')) {
    const piped = pipedLogGlob(target, sc.expanded.serverRoot);
    if (piped.path === undefined) return { via: 'pipe', reason: piped.reason ?? 'piped log' };
    return { ...base, path: piped.path, piped: target, ...(piped.link ? { link: piped.link } : {}) };
  }
  // core's ErrorLog `syslog[:facility[:tag]]` (log.c open_error_log); CustomLog has no syslog target.
  if (base.log === 'error' && /^syslog(:|$)/.test(target))
    return { via: 'syslog', reason: 'Apache sends it to syslog, not to a file' };
  return { ...base, path: sc.abs(target) };
}

interface LogFormats {
  /** The format a CustomLog/GlobalLog of scope v writes: its nickname resolved, else the string itself. */
  ofCustomLog(v: number, format: string): string;
  /** The format a TransferLog of scope v writes: the scope's one-argument LogFormat, else the server's, else CLF. */
  ofTransferLog(v: number): string;
}

/**
 * mod_log_config's LogFormat scoping (2.4 mod_log_config.c): nicknames are per server, a vhost sees its own over the
 * main server's (merge_config_log_state overlays the tables), names compare case-insensitively (APR tables), `CLF` is
 * predefined, and nicknames resolve after the whole config is read, so a LogFormat below its CustomLog counts.
 */
function logFormats(sc: ScopedConfig): LogFormats {
  const nicknames = new Map<number, Map<string, string>>();
  const defaults = new Map<number, string>();
  for (const s of sc.scoped) {
    if (s.node.nameKey !== 'logformat' || s.section !== undefined) continue;
    const [fmt, nick] = s.node.args;
    if (fmt === undefined) continue;
    if (nick === undefined) {
      defaults.set(s.vhost, fmt);
      continue;
    }
    const table = nicknames.get(s.vhost) ?? new Map<string, string>();
    table.set(nick.toLowerCase(), fmt);
    nicknames.set(s.vhost, table);
  }
  const resolve = (v: number, name: string): string | undefined => {
    const key = name.toLowerCase();
    return (
      nicknames.get(v)?.get(key) ?? nicknames.get(-1)?.get(key) ?? (key === 'clf' ? DEFAULT_ACCESS_FORMAT : undefined)
    );
  };
  // The main server's CustomLogs are shared with every vhost that has no access log of its own, and each of those
  // resolves the shared log's nickname again with its own table (open_multi_logs): the first such vhost in file
  // order decides, for every request (seen on Debian's 2.4: a first vhost's `LogFormat "…" NAME` reformats every line
  // of the main server's `CustomLog … NAME`, its own requests and the other vhosts' alike).
  const ownLogs = new Set(
    sc.scoped.filter((s) => s.section === undefined && ACCESS_LOGS.has(s.node.nameKey)).map((s) => s.vhost),
  );
  const sharedBy = sc.vhostNodes.findIndex((_, i) => !ownLogs.has(i));
  return {
    ofCustomLog: (v, format) => resolve(v < 0 && sharedBy >= 0 ? sharedBy : v, format) ?? format,
    ofTransferLog: (v) => {
      const fmt = defaults.get(v) ?? (v >= 0 ? defaults.get(-1) : undefined);
      return fmt === undefined ? DEFAULT_ACCESS_FORMAT : (resolve(v, fmt) ?? fmt);
    },
  };
}
