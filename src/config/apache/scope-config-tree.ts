// The expanded tree as a flat list of directives, each with its scope: vhost, <Location>/<Directory> section, <Files>,
// <If>. Every later stage of buildConfigModel reads the config through this.

import { compileApacheRegex } from './compile-apache-regex.ts';
import type { ConfigError } from './config-error.ts';
import type { ConfigNode } from './config-node.ts';
import type { ExpandedConfig } from './expand-apache-config.ts';
import { trimDirectoryPath, trimTrailingSlashes } from './trim-trailing-slashes.ts';

export interface Section {
  kind: 'location' | 'directory' | 'files';
  match: 'prefix' | 'regex';
  pattern: string;
  /** <Directory> prefix sections: the absolute path without a trailing slash. */
  dirPath?: string;
  regex?: RegExp;
  node: ConfigNode;
}

/** A directive with the scope it sits in. */
export interface Scoped {
  node: ConfigNode;
  /** Index into ScopedConfig.vhostNodes; -1 for the main server. */
  vhost: number;
  section?: Section;
  /** Under <Files>/<FilesMatch> inside the section (or at vhost level). */
  files: boolean;
  conditional: boolean;
  order: number;
}

export interface ScopedConfig {
  expanded: ExpandedConfig;
  /** Every directive, in file order. */
  scoped: Scoped[];
  /** The <VirtualHost> sections in file order. */
  vhostNodes: ConfigNode[];
  /** Directives of vhost v (-1: the main server) outside any <Location>/<Directory> section. */
  top(v: number): Scoped[];
  /** Directives of vhost v (-1: the main server) inside a <Location>/<Directory> section. */
  inSections(v: number): Scoped[];
  /** A path from the config made absolute: relative ones are under ServerRoot. */
  abs(p: string): string;
}

export function scopeConfigTree(expanded: ExpandedConfig, warnings: ConfigError[]): ScopedConfig {
  const root = trimTrailingSlashes(expanded.serverRoot);
  const abs = (p: string) => (p.startsWith('/') ? p : `${root}/${p}`);
  const scoped: Scoped[] = [];
  const vhostNodes: ConfigNode[] = [];

  function walk(nodes: ConfigNode[], vhost: number, section: Section | undefined, files: boolean, cond: boolean) {
    for (const node of nodes) {
      if (node.children === undefined) {
        scoped.push({ node, vhost, section, files, conditional: cond, order: scoped.length });
        continue;
      }
      const key = node.nameKey;
      if (key === 'virtualhost') {
        vhostNodes.push(node);
        walk(node.children, vhostNodes.length - 1, undefined, false, cond);
      } else if (key === 'location' || key === 'locationmatch' || key === 'directory' || key === 'directorymatch') {
        walk(node.children, vhost, sectionOf(node, key, abs, warnings), files, cond);
      } else if (key === 'files' || key === 'filesmatch') {
        walk(node.children, vhost, section, true, cond);
      } else if (key === 'if' || key === 'elseif' || key === 'else') {
        walk(node.children, vhost, section, files, true);
      } else {
        // <Limit>, <LimitExcept>, <Proxy> …: kept, their rules apply only to some requests.
        walk(node.children, vhost, section, files, cond || key === 'proxy' || key === 'proxymatch');
      }
    }
  }
  walk(expanded.nodes, -1, undefined, false, false);

  // Indexes: directives outside any section, and inside one, per vhost (-1 = main server).
  const topBy = new Map<number, Scoped[]>();
  const secBy = new Map<number, Scoped[]>();
  for (const s of scoped) {
    const m = s.section === undefined ? topBy : secBy;
    const list = m.get(s.vhost);
    if (list === undefined) m.set(s.vhost, [s]);
    else list.push(s);
  }
  return {
    expanded,
    scoped,
    vhostNodes,
    top: (v) => topBy.get(v) ?? [],
    inSections: (v) => secBy.get(v) ?? [],
    abs,
  };
}

function sectionOf(node: ConfigNode, key: string, abs: (p: string) => string, warnings: ConfigError[]): Section {
  const isRegex = key.endsWith('match') || node.args[0] === '~';
  const pattern = node.args[0] === '~' ? (node.args[1] ?? '') : (node.args[0] ?? '');
  const regex = isRegex ? compileApacheRegex(pattern) : undefined;
  if (isRegex && regex === undefined) {
    warnings.push({ ...node.source, message: `Regular expression ${pattern} is not understood by JavaScript` });
  }
  const kind = key.startsWith('location') ? 'location' : 'directory';
  const dirPath = kind === 'directory' && !isRegex ? trimDirectoryPath(abs(pattern)) : undefined;
  return { kind, match: isRegex ? 'regex' : 'prefix', pattern, regex, node, dirPath };
}
