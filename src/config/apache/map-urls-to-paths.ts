// URL ↔ filesystem per vhost: DocumentRoot and Alias/ScriptAlias/WSGIScriptAlias, so that <Directory> rules can be
// placed at the URLs they serve and each URL finds the WSGI alias that maps it.

import type { ConfigError } from './config-error.ts';
import type { SourceRef } from './config-model.ts';
import { joinUrl, normalisePrefix, prefixMatches } from './location-prefix.ts';
import type { Scoped, ScopedConfig } from './scope-config-tree.ts';
import { trimDirectoryPath } from './trim-trailing-slashes.ts';

export interface Alias {
  url: string;
  target: string;
  wsgi: boolean;
  match: 'prefix' | 'regex';
  processGroup?: string;
  source: SourceRef;
  vhost: number;
}

export interface UrlPathMap {
  /** The aliases in force in vhost v: the main server's and its own. */
  aliasesFor(v: number): Alias[];
  /** Filesystem roots that have a URL in vhost v (prefix aliases, then DocumentRoot). */
  fsRoots(v: number): { target: string; url: string }[];
  /** URL prefixes a <Directory> path (absolute, no trailing slash) is served under in vhost v. */
  urlsOfDirectory(v: number, dir: string): string[];
}

export const NO_URLS: string[] = [];

const ALIASES = new Set(['alias', 'scriptalias', 'wsgiscriptalias', 'aliasmatch', 'wsgiscriptaliasmatch']);

export function mapUrlsToPaths(sc: ScopedConfig, daemonDefinedAt: Map<string, number>, errors: ConfigError[]) {
  const aliases = collectAliases(sc, daemonDefinedAt, errors);
  const docRoots = new Map<number, string | undefined>();
  const docRoot = (v: number): string | undefined => {
    if (docRoots.has(v)) return docRoots.get(v);
    const find = (vh: number) =>
      sc
        .top(vh)
        .filter((s) => s.node.nameKey === 'documentroot')
        .at(-1);
    const d = find(v) ?? (v >= 0 ? find(-1) : undefined);
    const root = d === undefined ? undefined : trimDirectoryPath(sc.abs(d.node.args[0] ?? ''));
    docRoots.set(v, root);
    return root;
  };
  const aliasesByVhost = new Map<number, Alias[]>();
  const aliasesFor = (v: number): Alias[] => {
    let list = aliasesByVhost.get(v);
    if (list === undefined) {
      list = aliases.filter((a) => a.vhost === -1 || a.vhost === v);
      aliasesByVhost.set(v, list);
    }
    return list;
  };
  const fsRootsByVhost = new Map<number, { target: string; url: string }[]>();
  const fsRoots = (v: number) => {
    let roots = fsRootsByVhost.get(v);
    if (roots === undefined) {
      roots = aliasesFor(v)
        .filter((a) => a.match === 'prefix')
        .map((a) => ({ target: trimDirectoryPath(a.target), url: a.url }));
      const root = docRoot(v);
      if (root !== undefined) roots.push({ target: root, url: '/' });
      fsRootsByVhost.set(v, roots);
    }
    return roots;
  };
  const urlsOfDirectory = (v: number, d: string): string[] => {
    let out: string[] | undefined;
    for (const r of fsRoots(v)) {
      let url: string | undefined;
      // The root (an alias target or DocumentRoot) inside the directory: its rules reach every URL under the root.
      if (r.target === d || r.target.startsWith(d === '/' ? '/' : `${d}/`)) url = r.url;
      else if (d.startsWith(r.target) && d.charCodeAt(r.target.length) === 47)
        url = joinUrl(r.url, d.slice(r.target.length));
      if (url === undefined) continue;
      if (out === undefined) out = [];
      out.push(url);
    }
    return out ?? NO_URLS;
  };
  return { aliasesFor, fsRoots, urlsOfDirectory } satisfies UrlPathMap;
}

function collectAliases(sc: ScopedConfig, daemonDefinedAt: Map<string, number>, errors: ConfigError[]): Alias[] {
  const aliases: Alias[] = [];
  for (const s of sc.scoped) {
    const k = s.node.nameKey;
    if (s.section !== undefined || !ALIASES.has(k)) continue;
    const [url, target, ...rest] = s.node.args;
    if (url === undefined || target === undefined) continue;
    const pg = rest.find((o) => o.startsWith('process-group='))?.slice('process-group='.length);
    if (k.startsWith('wsgi')) checkPreloadedGroup(s, rest, pg, daemonDefinedAt, errors);
    aliases.push({
      url,
      target: sc.abs(target),
      wsgi: k.startsWith('wsgi'),
      match: k.endsWith('match') ? 'regex' : 'prefix',
      processGroup: pg,
      source: s.node.source,
      vhost: s.vhost,
    });
  }
  return aliases;
}

function checkPreloadedGroup(
  s: Scoped,
  options: string[],
  group: string | undefined,
  daemonDefinedAt: Map<string, number>,
  errors: ConfigError[],
): void {
  // With both process-group= and application-group= mod_wsgi preloads the script, so the group must be defined
  // above (checked on Debian's 4.9.4: `WSGI process group not yet configured.`, configtest fails).
  const preload = options.some((o) => o.startsWith('application-group='));
  if (
    preload &&
    group !== undefined &&
    !group.includes('%{') &&
    !((daemonDefinedAt.get(group) ?? Number.POSITIVE_INFINITY) < s.order)
  ) {
    errors.push({ ...s.node.source, message: 'WSGI process group not yet configured.' });
  }
}

/** The WSGI alias serving a location: the longest matching prefix, or the same pattern for a regex location. */
export function bestAlias(aliases: Alias[], location: string, match: 'prefix' | 'regex'): Alias | undefined {
  let best: Alias | undefined;
  for (const a of aliases) {
    if (!a.wsgi) continue;
    if (match === 'regex') {
      if (a.match === 'regex' && a.url === location) return a;
      if (a.match === 'prefix' && normalisePrefix(a.url) === '/') best ??= a;
      continue;
    }
    if (a.match === 'regex') continue;
    const p = normalisePrefix(a.url);
    if (prefixMatches(p, location) && (best === undefined || p.length > normalisePrefix(best.url).length)) best = a;
  }
  return best;
}
