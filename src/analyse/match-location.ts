// A request (vhost, URL path, port) → the bounded `vhost`/`location` labels and the rate rule and daemon behind them.
// Precomputed per model; called once per access line.

import { compileApacheRegex } from '../config/apache/compile-apache-regex.ts';
import type { ConfigModel, LocationModel, RateLimitRule, WsgiDaemonModel } from '../config/apache/config-model.ts';

export interface RequestContext {
  vhost: string;
  /** A `<Location>` prefix / `<LocationMatch>` pattern from the config, or `none`. */
  location: string;
  rate?: RateLimitRule;
  daemon?: WsgiDaemonModel;
}

interface Compiled {
  ctx: RequestContext;
  prefix?: string;
  regex?: RegExp;
}

interface VhostEntry {
  name: string;
  ports: Set<number>;
  /** Regex locations first (they are the more specific rules here), then prefixes longest first. */
  regexes: Compiled[];
  /** Every prefix, longest first. */
  prefixes: Compiled[];
  /**
   * Beyond FEW_PREFIXES, the prefixes by their first path segment (`/downloads/x` → `downloads`: only those can match)
   * and those without one (`/`, or not starting with `/`). With few, testing each beats cutting and hashing the segment.
   */
  index?: { bySegment: Map<string, Compiled[]>; general: Compiled[] };
  none: RequestContext;
}

const NONE = 'none';
/** Up to this many prefixes a vhost's are tested one by one (measured on the pipeline bench's 4: ~100 ns a line less). */
const FEW_PREFIXES = 8;
/** Distinct vhost strings remembered (log input is unbounded, so the cache is cleared when full). */
const NAME_CACHE_LIMIT = 4096;

/**
 * A ServerAlias `*` / `?` pattern against a lower-cased host, as httpd's ap_strcasecmp_match (server/util.c): greedy
 * with one resume point, O(pattern × host). The regex it replaces (`^.*\..*\.x$`) backtracked O(nᵏ) for k stars on a
 * long Host from the log — 40 s for 4 KB against `*.*.*.example.com` (found by the fuzz suite).
 */
export function wildcardMatch(pattern: string, host: string): boolean {
  let p = 0;
  let h = 0;
  let star = -1; // pattern index of the last `*` seen
  let resume = 0; // host index that `*` will swallow next on a mismatch
  while (h < host.length) {
    const c = pattern[p];
    if (c === '*') {
      star = p++;
      resume = h;
    } else if (c !== undefined && (c === '?' || c === host[h])) {
      p++;
      h++;
    } else if (star >= 0) {
      p = star + 1;
      h = ++resume;
    } else return false;
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}

export function createLocationMatcher(
  model: ConfigModel,
): (vhost: string | undefined, urlPath: string | undefined, serverPort?: number) => RequestContext {
  const daemons = new Map(model.daemons.map((d) => [d.name, d]));
  const names = model.vhosts.length > 0 ? [...new Set(model.vhosts.map((v) => v.name))] : ['default'];
  const entries = new Map(names.map((name) => [name, vhostEntry(model, name, daemons)]));
  const byAlias = new Map<string, VhostEntry>();
  const wildcards: { pattern: string; entry: VhostEntry }[] = [];
  for (const v of model.vhosts) {
    const entry = entries.get(v.name)!;
    for (const n of [v.name, ...v.aliases]) {
      // A vhost without ServerName is named by its address (`*:80`): not a host name.
      if (n.includes(':')) continue;
      if (n.includes('*') || n.includes('?')) {
        wildcards.push({ pattern: n.toLowerCase(), entry });
      } else if (!byAlias.has(n.toLowerCase())) byAlias.set(n.toLowerCase(), entry);
    }
  }
  const first = entries.get(names[0])!;

  // Names seen in the logs → entry; exact names hit first, and a bounded cache spares lower-casing and wildcard tests.
  const seen = new Map<string, VhostEntry | null>();
  function byName(vhost: string): VhostEntry | undefined {
    const exact = byAlias.get(vhost);
    if (exact !== undefined) return exact;
    const cached = seen.get(vhost);
    if (cached !== undefined) return cached ?? undefined;
    const host = vhost.toLowerCase().replace(/:\d+$/, '');
    let hit = byAlias.get(host);
    if (hit === undefined) for (const w of wildcards) if (wildcardMatch(w.pattern, host)) hit ??= w.entry;
    if (seen.size >= NAME_CACHE_LIMIT) seen.clear();
    seen.set(vhost, hit ?? null);
    return hit;
  }

  function findVhost(vhost: string | undefined, port: number | undefined): VhostEntry {
    if (vhost !== undefined && vhost !== '' && vhost !== '-') {
      const hit = byName(vhost);
      if (hit !== undefined) return hit;
    }
    // As httpd does for an unknown Host: the first vhost on that port, else the first vhost.
    if (port !== undefined) for (const e of entries.values()) if (e.ports.has(port)) return e;
    return first;
  }

  /** A regex label whose requests a WSGI alias below it serves: the label's rule with the alias' daemon (cached). */
  const combined = new Map<Compiled, Map<Compiled, RequestContext>>();
  function withDaemon(label: Compiled, served: Compiled): RequestContext {
    let inner = combined.get(label);
    if (inner === undefined) {
      inner = new Map();
      combined.set(label, inner);
    }
    let ctx = inner.get(served);
    if (ctx === undefined) {
      ctx = { ...label.ctx, daemon: served.ctx.daemon };
      inner.set(served, ctx);
    }
    return ctx;
  }

  return (vhost, urlPath, serverPort) => {
    const entry = findVhost(vhost, serverPort);
    if (urlPath === undefined || urlPath === '') return entry.none;
    const path = urlPath.includes('//') ? urlPath.replace(/\/{2,}/g, '/') : urlPath;
    for (const c of entry.regexes) {
      if (!c.regex!.test(path)) continue;
      if (c.ctx.daemon !== undefined) return c.ctx;
      // The <LocationMatch> names the request, but the daemon is the WSGIScriptAlias' that serves it.
      const prefix = longestPrefix(entry, path);
      return prefix?.ctx.daemon !== undefined ? withDaemon(c, prefix) : c.ctx;
    }
    return longestPrefix(entry, path)?.ctx ?? entry.none;
  };
}

/** One vhost's ports and compiled locations (vhosts sharing a name are one entry). */
function vhostEntry(model: ConfigModel, name: string, daemons: Map<string, WsgiDaemonModel>): VhostEntry {
  const ports = new Set<number>();
  for (const v of model.vhosts.filter((x) => x.name === name)) {
    for (const a of v.addresses) {
      const p = Number(/:(\d+)$/.exec(a)?.[1]);
      if (Number.isInteger(p)) ports.add(p);
    }
  }
  const locs = model.locations.filter((l) => l.vhost === name);
  const compile = (l: LocationModel): Compiled => {
    const rate = model.rateLimits.find((r) => r.vhost === name && r.location === l.location && r.match === l.match);
    const daemon = l.processGroup === undefined ? undefined : daemons.get(l.processGroup);
    const ctx: RequestContext = { vhost: name, location: l.location };
    if (rate !== undefined) ctx.rate = rate;
    if (daemon !== undefined) ctx.daemon = daemon;
    const c: Compiled = { ctx };
    if (l.match === 'regex') {
      // A pattern JavaScript cannot express never matches (the reader warned about it).
      c.regex = compileApacheRegex(l.location) ?? /(?!)/;
    } else c.prefix = l.location;
    return c;
  };
  const compiled = dedupe(locs).map(compile);
  const prefixes = compiled.filter((c) => c.prefix !== undefined).sort((a, b) => b.prefix!.length - a.prefix!.length);
  return {
    name,
    ports,
    regexes: compiled.filter((c) => c.regex !== undefined),
    prefixes,
    ...(prefixes.length > FEW_PREFIXES ? { index: indexPrefixes(prefixes) } : {}),
    none: { vhost: name, location: NONE },
  };
}

/** The longest configured prefix the path falls under, through the segment index when there is one. */
function longestPrefix(entry: VhostEntry, path: string): Compiled | undefined {
  const index = entry.index;
  if (index === undefined) {
    for (const c of entry.prefixes) if (prefixHit(c.prefix!, path)) return c;
    return undefined;
  }
  if (index.bySegment.size > 0 && path.charCodeAt(0) === 47) {
    const end = path.indexOf('/', 1);
    const list = index.bySegment.get(end < 0 ? path.slice(1) : path.slice(1, end));
    if (list !== undefined) for (const c of list) if (prefixHit(c.prefix!, path)) return c;
  }
  for (const c of index.general) if (prefixHit(c.prefix!, path)) return c;
  return undefined;
}

/** httpd's <Location> prefix test: the prefix ends in `/` or is followed by `/` or the end of the path. */
function prefixHit(p: string, path: string): boolean {
  const n = p.length;
  // The prefix's last character first: it rejects most non-matching prefixes for the price of two character reads
  // (startsWith and endsWith are builtin calls, ~40 ns each per line and prefix).
  if (n > path.length || (n > 0 && path.charCodeAt(n - 1) !== p.charCodeAt(n - 1))) return false;
  return path.startsWith(p) && (n === path.length || p.charCodeAt(n - 1) === 47 || path.charCodeAt(n) === 47);
}

function indexPrefixes(sorted: Compiled[]): { bySegment: Map<string, Compiled[]>; general: Compiled[] } {
  const bySegment = new Map<string, Compiled[]>();
  const general: Compiled[] = [];
  for (const c of sorted) {
    const p = c.prefix!;
    const end = p.indexOf('/', 1);
    const segment = end < 0 ? p.slice(1) : p.slice(1, end);
    // `/`, `/` + nothing, or no leading slash: can match paths of any first segment.
    if (!p.startsWith('/') || segment === '') {
      general.push(c);
      continue;
    }
    const list = bySegment.get(segment);
    if (list === undefined) bySegment.set(segment, [c]);
    else list.push(c);
  }
  return { bySegment, general };
}

function dedupe(locs: LocationModel[]): LocationModel[] {
  const seen = new Set<string>();
  return locs.filter((l) => {
    const k = `${l.match}\u0000${l.location}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
