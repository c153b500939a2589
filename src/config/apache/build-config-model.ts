// Expanded config tree → ConfigModel, one stage per section of the model: vhosts, mod_wsgi daemons, URL ↔ path
// mapping, per-location merge, log targets, log levels per vhost, WSGIRestrictEmbedded.

import { buildLocations } from './build-locations.ts';
import { buildLogTargets } from './build-log-targets.ts';
import { buildVhostLogs } from './build-vhost-logs.ts';
import { buildVhosts } from './build-vhosts.ts';
import { buildWsgiDaemons } from './build-wsgi-daemons.ts';
import type { ConfigError } from './config-error.ts';
import type { ConfigModel } from './config-model.ts';
import type { ExpandedConfig } from './expand-apache-config.ts';
import { mapUrlsToPaths } from './map-urls-to-paths.ts';
import { scopeConfigTree } from './scope-config-tree.ts';

export function buildConfigModel(expanded: ExpandedConfig): {
  model: ConfigModel;
  errors: ConfigError[];
  warnings: ConfigError[];
} {
  const errors: ConfigError[] = [];
  const warnings: ConfigError[] = [];
  const sc = scopeConfigTree(expanded, warnings);
  const vhosts = buildVhosts(sc);
  const vhostName = (i: number) => (i < 0 ? 'default' : vhosts[i].name);
  const { daemons, definedAt } = buildWsgiDaemons(sc, vhostName, errors);
  const urls = mapUrlsToPaths(sc, definedAt, errors);
  const { locations, rateLimits } = buildLocations(sc, vhosts, urls);
  const { logTargets, unreadableLogs } = buildLogTargets(sc, vhostName);
  const { logLevels, logLevelSource, vhostLogs } = buildVhostLogs(sc, vhosts, logTargets);
  const restrictEmbedded = sc.scoped
    .filter((s) => s.node.nameKey === 'wsgirestrictembedded')
    .map((s) => ({ value: (s.node.args[0] ?? '').toLowerCase() === 'on', source: s.node.source }));
  return {
    model: {
      serverRoot: expanded.serverRoot,
      files: expanded.files,
      modules: expanded.modules,
      vhosts,
      locations,
      rateLimits,
      daemons,
      logTargets,
      unreadableLogs,
      logLevels,
      logLevelSource,
      vhostLogs,
      restrictEmbedded,
    },
    errors,
    warnings,
  };
}
