// LogLevel (server scope): `warn`, `wsgi:info`, … → level per module, key `''` the default level.

import type { SourceRef } from './config-model.ts';
import type { ScopedConfig } from './scope-config-tree.ts';

export function buildLogLevels(sc: ScopedConfig): { logLevels: Record<string, string>; logLevelSource?: SourceRef } {
  const logLevels: Record<string, string> = {};
  let logLevelSource: SourceRef | undefined;
  for (const s of sc.scoped) {
    if (s.node.nameKey !== 'loglevel' || s.vhost !== -1 || s.section !== undefined) continue;
    logLevelSource = s.node.source;
    for (const a of s.node.args) {
      const c = a.indexOf(':');
      if (c < 0) logLevels[''] = a.toLowerCase();
      else logLevels[a.slice(0, c).replace(/_module$/, '')] = a.slice(c + 1).toLowerCase();
    }
  }
  if (logLevels[''] === undefined) logLevels[''] = 'warn';
  return { logLevels, logLevelSource };
}
