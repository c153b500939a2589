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
  /** The <Location>/<LocationMatch> sections of vhost v (-1: the main server), and whether an <If> encloses each. */
  locationSections(v: number): { node: ConfigNode; conditional: boolean }[];
}

interface WalkFrame {
  nodes: ConfigNode[];
  next: number;
  vhost: number;
  section: Section | undefined;
  files: boolean;
  cond: boolean;
  /** Under <If>/<ElseIf>/<Else> (cond also counts <Proxy>). */
  inIf: boolean;
}

export function scopeConfigTree(expanded: ExpandedConfig, warnings: ConfigError[]): ScopedConfig {
  const root = trimTrailingSlashes(expanded.serverRoot);
  const abs = (p: string) => (p.startsWith('/') ? p : `${root}/${p}`);
  const scoped: Scoped[] = [];
  const vhostNodes: ConfigNode[] = [];
  const locations = new Map<number, { node: ConfigNode; conditional: boolean }[]>();

  // Depth first, in file order, with an explicit stack: thousands of nested sections must not exhaust the call stack.
  const work: WalkFrame[] = [
    { nodes: expanded.nodes, next: 0, vhost: -1, section: undefined, files: false, cond: false, inIf: false },
  ];
  while (work.length > 0) {
    const f = work[work.length - 1];
    if (f.next >= f.nodes.length) {
      work.pop();
      continue;
    }
    const node = f.nodes[f.next++];
    if (node.children === undefined) {
      scoped.push({
        node,
        vhost: f.vhost,
        section: f.section,
        files: f.files,
        conditional: f.cond,
        order: scoped.length,
      });
      continue;
    }
    const inner: WalkFrame = { ...f, nodes: node.children, next: 0 };
    const key = node.nameKey;
    if (key === 'virtualhost') {
      vhostNodes.push(node);
      Object.assign(inner, { vhost: vhostNodes.length - 1, section: undefined, files: false, inIf: false });
    } else if (key === 'location' || key === 'locationmatch' || key === 'directory' || key === 'directorymatch') {
      inner.section = sectionOf(node, key, abs, warnings);
      if (key.startsWith('location')) {
        const list = locations.get(f.vhost) ?? [];
        list.push({ node, conditional: f.inIf });
        locations.set(f.vhost, list);
      }
    } else if (key === 'files' || key === 'filesmatch') {
      inner.files = true;
    } else if (key === 'if' || key === 'elseif' || key === 'else') {
      inner.cond = true;
      inner.inIf = true;
    } else {
      // <Limit>, <LimitExcept>, <Proxy> …: kept, their rules apply only to some requests.
      inner.cond = f.cond || key === 'proxy' || key === 'proxymatch';
    }
    work.push(inner);
  }

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
    locationSections: (v) => locations.get(v) ?? [],
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
