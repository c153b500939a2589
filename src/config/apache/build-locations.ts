// Per vhost, the locations that matter (every <Location>, every WSGI alias, every <Directory> with a rate or daemon
// rule, the vhost root when the vhost itself has one) and what applies at each, merged in Apache's order:
// server/vhost, then <Directory> (with <Files>), then <Location> in file order.

import type { LocationModel, RateLimitRule, SourceRef, VhostModel } from './config-model.ts';
import type { ConfigNode } from './config-node.ts';
import { normalisePrefix, prefixMatches } from './location-prefix.ts';
import { type Alias, bestAlias, NO_URLS, type UrlPathMap } from './map-urls-to-paths.ts';
import {
  cloneEffective,
  type Effective,
  type FilterProviders,
  filterProvidersOf,
  isRelevant,
  mergeInto,
  newEffective,
} from './merge-location-rules.ts';
import { parseRateValue } from './parse-rate-value.ts';
import type { Scoped, ScopedConfig, Section } from './scope-config-tree.ts';
import { groupBySection, indexByPath, type PathIndex, sectionsNear } from './section-index.ts';

interface Candidate {
  location: string;
  match: 'prefix' | 'regex';
  source: SourceRef;
  conditional: boolean;
}

/** One vhost's rules, ready to merge at each candidate location. */
interface VhostRules {
  v: number;
  vhost: string;
  base: Effective;
  dirDirectives: Scoped[];
  locDirectives: Scoped[];
  aliases: Alias[];
  urlsOfSection(sec: Section): string[];
}

/** What every vhost shares: the main server's merge and sections. */
interface ServerRules {
  effective: Effective;
  dirIndex: PathIndex;
  locDirectives: Scoped[];
  locationNodes: { node: ConfigNode; conditional: boolean }[];
}

export function buildLocations(
  sc: ScopedConfig,
  vhosts: VhostModel[],
  urls: UrlPathMap,
): { locations: LocationModel[]; rateLimits: RateLimitRule[] } {
  const providers = filterProvidersOf(sc.scoped);
  const locations: LocationModel[] = [];
  const rateLimits: RateLimitRule[] = [];
  // The main server's merge is shared by every vhost; each vhost continues from a copy.
  const server: ServerRules = {
    effective: mergeInto(newEffective(), sc.top(-1), providers),
    dirIndex: indexByPath(groupBySection(sc.inSections(-1).filter((s) => s.section!.kind === 'directory'))),
    locDirectives: sc.inSections(-1).filter((s) => s.section!.kind === 'location'),
    locationNodes: sc.locationSections(-1),
  };
  // Which scopes produce labels: each vhost, or the main server when there are none.
  const scopes = vhosts.length > 0 ? vhosts.map((_, i) => i) : [-1];
  for (const v of scopes) {
    const rules = vhostRules(sc, v, v < 0 ? 'default' : vhosts[v].name, server, urls, providers);
    const rootSource =
      v >= 0 ? vhosts[v].source : (sc.top(-1).find((s) => isRelevant(s.node))?.node.source ?? { file: '', line: 0 });
    for (const cand of locationCandidates(sc, rules, server, rootSource)) {
      const eff = mergeInto(cloneEffective(rules.base), directivesAt(rules, cand), providers);
      const location = locationModel(rules, cand, eff);
      locations.push(location);
      const rule = rateLimitRule(rules.vhost, cand, eff);
      if (rule !== undefined) rateLimits.push(rule);
    }
  }
  return { locations, rateLimits };
}

function vhostRules(
  sc: ScopedConfig,
  v: number,
  vhost: string,
  server: ServerRules,
  urls: UrlPathMap,
  providers: FilterProviders,
): VhostRules {
  const vhostSections = v >= 0 ? sc.inSections(v) : [];
  // <Directory> sections reach a URL through DocumentRoot or an alias; the rest never apply to a location here.
  const dirUrls = new Map<ConfigNode, string[]>();
  const urlsOfSection = (sec: Section): string[] => {
    let found = dirUrls.get(sec.node);
    if (found === undefined) {
      found = sec.dirPath !== undefined ? urls.urlsOfDirectory(v, sec.dirPath).map(normalisePrefix) : NO_URLS;
      dirUrls.set(sec.node, found);
    }
    return found;
  };
  const dirDirectives: Scoped[] = [];
  // Only the main server's sections at, above or below one of this vhost's roots can map (thousands of
  // <Directory> blocks elsewhere are skipped without a look).
  const reachable = sectionsNear(
    server.dirIndex,
    urls.fsRoots(v).map((r) => r.target),
  );
  for (const group of [reachable, groupBySection(vhostSections.filter((s) => s.section!.kind === 'directory'))]) {
    for (const { section, directives } of group)
      if (urlsOfSection(section).length > 0) dirDirectives.push(...directives);
  }
  const locDirectives =
    vhostSections.length > 0
      ? [...server.locDirectives, ...vhostSections.filter((s) => s.section!.kind === 'location')]
      : server.locDirectives;
  const base = v >= 0 ? mergeInto(cloneEffective(server.effective), sc.top(v), providers) : server.effective;
  return { v, vhost, base, dirDirectives, locDirectives, aliases: urls.aliasesFor(v), urlsOfSection };
}

/** Candidate locations of one vhost, in first-seen order. */
function locationCandidates(
  sc: ScopedConfig,
  rules: VhostRules,
  server: ServerRules,
  rootSource: SourceRef,
): Iterable<Candidate> {
  const candidates = new Map<string, Candidate>();
  const add = (location: string, match: 'prefix' | 'regex', source: SourceRef, conditional: boolean) => {
    const key = `${match}\u0000${location}`;
    if (!candidates.has(key)) candidates.set(key, { location, match, source, conditional });
  };
  // Every <Location>/<LocationMatch> in scope becomes a location, even an empty one.
  const locationNodes =
    rules.v >= 0 ? [...server.locationNodes, ...sc.locationSections(rules.v)] : server.locationNodes;
  for (const { node, conditional } of locationNodes) {
    const isRegex = node.nameKey === 'locationmatch' || node.args[0] === '~';
    const pattern = node.args[0] === '~' ? (node.args[1] ?? '') : (node.args[0] ?? '');
    add(isRegex ? pattern : normalisePrefix(pattern), isRegex ? 'regex' : 'prefix', node.source, conditional);
  }
  for (const a of rules.aliases) {
    if (a.wsgi) add(a.match === 'prefix' ? normalisePrefix(a.url) : a.url, a.match, a.source, false);
  }
  for (const s of rules.dirDirectives) {
    if (!isRelevant(s.node) || s.section!.match !== 'prefix') continue;
    for (const url of rules.urlsOfSection(s.section!)) add(url, 'prefix', s.section!.node.source, s.conditional);
  }
  if (rules.base.relevant) add('/', 'prefix', rootSource, false);
  return candidates.values();
}

/** The <Directory> then <Location> directives that reach a candidate, in Apache's merge order. */
function directivesAt(rules: VhostRules, cand: Candidate): Scoped[] {
  const applies = (sec: Section): boolean => {
    if (sec.match === 'regex') {
      if (cand.match === 'regex') return sec.pattern === cand.location;
      return sec.regex?.test(cand.location) ?? false;
    }
    const prefix = normalisePrefix(sec.pattern);
    if (cand.match === 'regex') return prefix === '/';
    return prefixMatches(prefix, cand.location);
  };
  const dirApplies = (sec: Section): boolean =>
    cand.match === 'prefix' && rules.urlsOfSection(sec).some((u) => prefixMatches(u, cand.location));
  return [
    ...rules.dirDirectives.filter((s) => dirApplies(s.section!)),
    ...rules.locDirectives.filter((s) => applies(s.section!)),
  ];
}

function locationModel(rules: VhostRules, cand: Candidate, eff: Effective): LocationModel {
  const alias = bestAlias(rules.aliases, cand.location, cand.match);
  let processGroup = alias?.processGroup ?? eff.processGroup?.value;
  const processGroupSource = alias?.processGroup !== undefined ? alias.source : eff.processGroup?.source;
  if (processGroup === '%{GLOBAL}') processGroup = undefined;
  const wsgi = alias?.wsgi === true || eff.wsgiHandler;
  return {
    vhost: rules.vhost,
    location: cand.location,
    match: cand.match,
    processGroup: wsgi ? processGroup : undefined,
    ...(wsgi && processGroup !== undefined && processGroupSource !== undefined ? { processGroupSource } : {}),
    wsgi,
    source: cand.source,
    conditional: cand.conditional,
  };
}

/** The rate rule at a candidate, or undefined when neither RATE_LIMIT nor a rate variable is in effect. */
function rateLimitRule(vhost: string, cand: Candidate, eff: Effective): RateLimitRule | undefined {
  const filter = eff.set ?? eff.chain ?? eff.byType ?? eff.add;
  const rate = eff.rate.always ?? eff.rate.cond;
  const burst = eff.burst.always ?? eff.burst.cond;
  if (filter === undefined && rate === undefined && burst === undefined) return undefined;
  const rateValue = rate === undefined ? undefined : parseRateValue(rate.raw);
  const burstValue = burst === undefined ? undefined : parseRateValue(burst.raw);
  return {
    vhost,
    location: cand.location,
    match: cand.match,
    filter:
      filter === undefined
        ? undefined
        : { how: filter.how, ...(filter.only === undefined ? {} : { only: filter.only }), source: filter.source },
    rateRaw: rate?.raw,
    rateKiB: rateValue?.kib,
    rateSource: rate?.source,
    rateHow: rate?.how,
    burstRaw: burst?.raw,
    burstKiB: burstValue?.kib,
    burstSource: burst?.source,
    conditional:
      cand.conditional ||
      (rate !== undefined && (rate.how !== 'SetEnv' || rate.conditional)) ||
      (filter?.conditional ?? false),
  };
}
