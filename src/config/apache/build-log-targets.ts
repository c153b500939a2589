// ErrorLog, CustomLog, GlobalLog and TransferLog → LogTargetModel: the file to tail (rotatelogs pipes turned into
// globs), its format resolved through the LogFormat nicknames of its scope, and the vhost it belongs to.

import type { ConfigError } from './config-error.ts';
import type { LogTargetModel } from './config-model.ts';
import { pipedLogGlob } from './piped-log-glob.ts';
import type { Scoped, ScopedConfig } from './scope-config-tree.ts';

// mod_log_config's built-in format when no LogFormat applies (mod_log_config.xml, LogFormat <default>).
const DEFAULT_ACCESS_FORMAT = '%h %l %u %t "%r" %>s %b';

export function buildLogTargets(
  sc: ScopedConfig,
  vhostName: (v: number) => string,
  warnings: ConfigError[],
): LogTargetModel[] {
  const lookupFormat = logFormatTables(sc);
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
  const add = (log: 'access' | 'error', target: string, format: string | undefined, s: Scoped, extra = {}) => {
    const made = logTarget(sc, s, target, { log, format, vhost: vhostName(s.vhost), source: s.node.source, ...extra });
    if ('warning' in made) warnings.push({ ...s.node.source, message: made.warning });
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
        const format = a1.includes('%') ? a1 : (lookupFormat(s.vhost, a1) ?? a1);
        add('access', a0, format, s, {
          ...(a2 ? { condition: a2 } : {}),
          ...(s.node.nameKey === 'globallog' ? { global: true } : {}),
        });
        break;
      }
      case 'transferlog':
        if (a0 === undefined) break;
        add('access', a0, lookupFormat(s.vhost, '') ?? DEFAULT_ACCESS_FORMAT, s);
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
  return targets;
}

/** A target from the directive's file argument, or why it cannot be tailed. */
function logTarget(
  sc: ScopedConfig,
  s: Scoped,
  target: string,
  base: Omit<LogTargetModel, 'path'>,
): LogTargetModel | { warning: string } {
  if (target.startsWith('|')) {
    const piped = pipedLogGlob(target, sc.expanded.serverRoot);
    if (piped.path === undefined) return { warning: `${s.node.name} ${target}: ${piped.reason}` };
    return { ...base, path: piped.path, piped: target, ...(piped.link ? { link: piped.link } : {}) };
  }
  if (base.log === 'error' && /^syslog(:|$)/.test(target))
    return { warning: `ErrorLog ${target}: syslog cannot be tailed` };
  return { ...base, path: sc.abs(target) };
}

/** Log formats per scope: nickname → format; `''` = the format for TransferLog. */
function logFormatTables(sc: ScopedConfig): (v: number, nick: string) => string | undefined {
  const formats = new Map<number, Map<string, string>>();
  for (const s of sc.scoped) {
    if (s.node.nameKey !== 'logformat' || s.section !== undefined) continue;
    const [fmt, nick] = s.node.args;
    if (fmt === undefined) continue;
    const table = formats.get(s.vhost) ?? new Map<string, string>();
    table.set(nick ?? '', fmt);
    formats.set(s.vhost, table);
  }
  return (v, nick) => formats.get(v)?.get(nick) ?? (v >= 0 ? formats.get(-1)?.get(nick) : undefined);
}
