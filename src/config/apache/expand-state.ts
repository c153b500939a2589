// What expandApacheConfig carries while it reads: the tree so far, the open sections, the include chain, the modules
// loaded and the defines in force (httpd's config pre-pass state, server/config.c).

import type { ConfigError } from './config-error.ts';
import type { ConfigFs } from './config-fs.ts';
import type { ConfigNode } from './config-node.ts';
import { KNOWN_DIRECTIVES } from './known-directives.ts';
import { trimTrailingSlashes } from './trim-trailing-slashes.ts';

export interface Frame {
  node: ConfigNode;
  /** Index of the file in the include chain that opened it: sections must close in the same file. */
  fileDepth: number;
}

export interface ExpandState {
  fs: ConfigFs;
  errors: ConfigError[];
  warnings: ConfigError[];
  files: string[];
  /** LoadModule identifiers in file order. */
  modules: string[];
  /** Every name a loaded module answers to in <IfModule>: `wsgi_module`, `mod_wsgi.c`. */
  loaded: Set<string>;
  defines: Map<string, string | undefined>;
  envvars: Record<string, string>;
  serverRoot: string;
  root: ConfigNode[];
  /** Open sections. */
  stack: Frame[];
  /** Files being read, outermost first (include loops). */
  chain: string[];
  checkDirectives: boolean;
  /** Directives to check once every LoadModule is known. */
  toCheck: { key: string; name: string; file: string; line: number }[];
}

/** The node list new directives go into: the innermost open section's, else the top level. */
export function currentNodes(st: ExpandState): ConfigNode[] {
  return st.stack.length === 0 ? st.root : st.stack[st.stack.length - 1].node.children!;
}

export function isModuleLoaded(st: ExpandState, id: string): boolean {
  return st.loaded.has(id) || st.loaded.has(id.toLowerCase());
}

/** True when a loaded module (or core) defines the directive; undefined when no module we know of does. */
export function directiveAvailable(st: ExpandState, nameKey: string): boolean | undefined {
  const owners = KNOWN_DIRECTIVES.get(nameKey);
  // mod_wsgi 6.x has directives Debian's 4.9.4 lacks: any WSGI… name is mod_wsgi's.
  if (owners === undefined && nameKey.startsWith('wsgi') && isModuleLoaded(st, 'wsgi_module')) return true;
  if (owners === undefined) return undefined;
  return owners.some(
    (m) => m === '' || isModuleLoaded(st, m) || (m.startsWith('mpm_') && st.modules.some((x) => x.startsWith('mpm_'))),
  );
}

/** A path from the config made absolute against the ServerRoot in force. */
export function resolveServerPath(st: ExpandState, p: string): string {
  return p.startsWith('/') ? p : `${trimTrailingSlashes(st.serverRoot)}/${p}`;
}
