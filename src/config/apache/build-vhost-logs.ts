// Per vhost: the error log its lines go to (its own ErrorLog, else the main server's: httpd's vhosts share the main
// server's error_log unless they set one) and the LogLevel in force there.

import { scopeLogLevels, serverLogLevels, vhostLogLevels } from './build-log-levels.ts';
import type { LogTargetModel, SourceRef, VhostLogModel, VhostModel } from './config-model.ts';
import type { ScopedConfig } from './scope-config-tree.ts';

export function buildVhostLogs(
  sc: ScopedConfig,
  vhosts: VhostModel[],
  logTargets: LogTargetModel[],
): { logLevels: Record<string, string>; logLevelSource?: SourceRef; vhostLogs: VhostLogModel[] } {
  const server = scopeLogLevels(sc, -1);
  const logLevels = serverLogLevels(server);
  const errorTargets = logTargets.filter((t) => t.log === 'error');
  // The last ErrorLog of a scope wins (set_error_log overwrites error_fname); the built-in default has line 0.
  const errorLogOf = (v: number): { errorLog?: string; errorLogSource?: SourceRef } | undefined => {
    const last = sc
      .top(v)
      .filter((s) => s.node.nameKey === 'errorlog' && s.node.args[0] !== undefined)
      .at(-1);
    if (last === undefined) return v < 0 ? fromTarget(errorTargets.find((t) => t.source.line === 0)) : undefined;
    const target = errorTargets.find((t) => t.source === last.node.source);
    return { ...fromTarget(target), errorLogSource: last.node.source };
  };
  const serverErrorLog = errorLogOf(-1) ?? {};
  const vhostLogs = vhosts.map((vh, i): VhostLogModel => {
    const own = scopeLogLevels(sc, i);
    return {
      vhost: vh.name,
      source: vh.source,
      logLevels: vhostLogLevels(own.own, logLevels),
      ownLogLevels: own.own,
      ...(own.source ? { logLevelSource: own.source } : {}),
      ...(errorLogOf(i) ?? serverErrorLog),
    };
  });
  return { logLevels, ...(server.source ? { logLevelSource: server.source } : {}), vhostLogs };
}

function fromTarget(t: LogTargetModel | undefined): { errorLog?: string; errorLogSource?: SourceRef } {
  return t === undefined ? {} : { errorLog: t.path, errorLogSource: t.source };
}
