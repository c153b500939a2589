// LogLevel → level per module (key `''`: the default level), with httpd's own rules (2.4 server/core.c set_loglevel,
// server/config.c ap_merge_log_config):
// - arguments apply in order; a level without a module (`warn`) resets every module's level to it;
// - a vhost's `LogLevel level` replaces all of the server's levels for that vhost; a vhost with only
//   `module:level` arguments keeps the server's default and module levels and overrides those modules.
// Per-directory LogLevel (<Location>, <Directory>, <If>, <Files>) is left out: it applies to requests only.

import type { SourceRef } from './config-model.ts';
import type { ScopedConfig } from './scope-config-tree.ts';

/** httpd's DEFAULT_LOGLEVEL. */
const DEFAULT_LEVEL = 'warn';

export interface ScopeLogLevels {
  /** As set in the scope itself: `''` only when a plain level was given. */
  own: Record<string, string>;
  /** The scope's last LogLevel line. */
  source?: SourceRef;
}

/** The LogLevel directives of vhost v (-1: the main server), outside any per-directory section. */
export function scopeLogLevels(sc: ScopedConfig, v: number): ScopeLogLevels {
  let own: Record<string, string> = {};
  let source: SourceRef | undefined;
  for (const s of sc.top(v)) {
    if (s.node.nameKey !== 'loglevel' || s.conditional || s.files) continue;
    source = s.node.source;
    for (const a of s.node.args) {
      // set_loglevel splits at the last `:` (ap_strrchr).
      const c = a.lastIndexOf(':');
      if (c < 0) own = { '': a.toLowerCase() };
      else own[moduleKey(a.slice(0, c))] = a.slice(c + 1).toLowerCase();
    }
  }
  return { own, source };
}

/** The main server's levels: its own over the default `warn`. */
export function serverLogLevels(server: ScopeLogLevels): Record<string, string> {
  return server.own[''] === undefined ? { '': DEFAULT_LEVEL, ...server.own } : { ...server.own };
}

/** A vhost's levels after httpd merges them with the server's. */
export function vhostLogLevels(own: Record<string, string>, server: Record<string, string>): Record<string, string> {
  return own[''] !== undefined ? { ...own } : { ...server, ...own };
}

/** `wsgi`, `wsgi_module` and `mod_wsgi.c` name the same module (find_module tries the name, then `NAME_module`). */
function moduleKey(name: string): string {
  return name.replace(/_module$/, '').replace(/^mod_(.+)\.c$/, '$1');
}
