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
  prefixes: Compiled[];
  none: RequestContext;
}

const NONE = 'none';

export function createLocationMatcher(
  model: ConfigModel,
): (vhost: string | undefined, urlPath: string | undefined, serverPort?: number) => RequestContext {
  const daemons = new Map(model.daemons.map((d) => [d.name, d]));
  const names = model.vhosts.length > 0 ? [...new Set(model.vhosts.map((v) => v.name))] : ['default'];
  const entries = new Map<string, VhostEntry>();
  for (const name of names) {
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
    entries.set(name, {
      name,
      ports,
      regexes: compiled.filter((c) => c.regex !== undefined),
      prefixes: compiled.filter((c) => c.prefix !== undefined).sort((a, b) => b.prefix!.length - a.prefix!.length),
      none: { vhost: name, location: NONE },
    });
  }
  const byAlias = new Map<string, VhostEntry>();
  const wildcards: { re: RegExp; entry: VhostEntry }[] = [];
  for (const v of model.vhosts) {
    const entry = entries.get(v.name)!;
    for (const n of [v.name, ...v.aliases]) {
      if (n.includes('*') || n.includes('?')) {
        const re = new RegExp(
          `^${n
            .replace(/[.+^${}()|[\]\\]/g, '\\$&')
            .replace(/\*/g, '.*')
            .replace(/\?/g, '.')}$`,
          'i',
        );
        wildcards.push({ re, entry });
      } else if (!byAlias.has(n.toLowerCase())) byAlias.set(n.toLowerCase(), entry);
    }
  }
  const first = entries.get(names[0])!;

  function findVhost(vhost: string | undefined, port: number | undefined): VhostEntry {
    if (vhost !== undefined && vhost !== '' && vhost !== '-') {
      const host = vhost.toLowerCase().replace(/:\d+$/, '');
      const hit = byAlias.get(host);
      if (hit !== undefined) return hit;
      for (const w of wildcards) if (w.re.test(host)) return w.entry;
    }
    // As httpd does for an unknown Host: the first vhost on that port, else the first vhost.
    if (port !== undefined) for (const e of entries.values()) if (e.ports.has(port)) return e;
    return first;
  }

  return (vhost, urlPath, serverPort) => {
    const entry = findVhost(vhost, serverPort);
    if (urlPath === undefined || urlPath === '') return entry.none;
    const path = urlPath.includes('//') ? urlPath.replace(/\/{2,}/g, '/') : urlPath;
    for (const c of entry.regexes) if (c.regex!.test(path)) return c.ctx;
    for (const c of entry.prefixes) {
      const p = c.prefix!;
      if (path.startsWith(p) && (p.endsWith('/') || path.length === p.length || path.charCodeAt(p.length) === 47)) {
        return c.ctx;
      }
    }
    return entry.none;
  };
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
