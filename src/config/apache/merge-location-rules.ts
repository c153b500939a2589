// What applies at one (vhost, location): output filters (RATE_LIMIT), the rate-limit and rate-initial-burst variables,
// WSGIProcessGroup and the wsgi-script handler, merged directive by directive in the order Apache applies them.

import type { SourceRef } from './config-model.ts';
import type { ConfigNode } from './config-node.ts';
import type { Scoped } from './scope-config-tree.ts';

const RATE = 'rate-limit';
const BURST = 'rate-initial-burst';

export interface EnvSlot {
  raw: string;
  source: SourceRef;
  how: 'SetEnv' | 'SetEnvIf' | 'SetEnvIfExpr' | 'RewriteRule';
  conditional: boolean;
}

export interface FilterSlot {
  how: 'SetOutputFilter' | 'AddOutputFilter' | 'AddOutputFilterByType' | 'FilterChain';
  only?: string[];
  source: SourceRef;
  conditional: boolean;
}

/** What applies at one (vhost, location) after merging. */
export interface Effective {
  set?: FilterSlot;
  add?: FilterSlot;
  byType?: FilterSlot;
  chain?: FilterSlot;
  rate: { always?: EnvSlot; cond?: EnvSlot };
  burst: { always?: EnvSlot; cond?: EnvSlot };
  processGroup?: { value: string; source: SourceRef };
  wsgiHandler: boolean;
  relevant: boolean;
  /** mod_filter FilterChain names in effect. */
  chainNames: string[];
}

/** FilterProvider names → the filters they provide (upper case), for FilterChain. */
export type FilterProviders = () => Map<string, Set<string>>;

export function newEffective(): Effective {
  return { rate: {}, burst: {}, wsgiHandler: false, relevant: false, chainNames: [] };
}

export function cloneEffective(e: Effective): Effective {
  return { ...e, rate: { ...e.rate }, burst: { ...e.burst } };
}

/** Applies `ordered` to `eff` (mutated and returned). */
export function mergeInto(eff: Effective, ordered: Scoped[], providers: FilterProviders): Effective {
  for (const s of ordered) {
    const cond = s.conditional || s.files;
    if (!mergeFilter(eff, s.node, cond, providers)) mergeEnvOrHandler(eff, s.node, cond);
  }
  return eff;
}

/** mod_filter / core output filter directives; false when `n` is none of them. */
function mergeFilter(eff: Effective, n: ConfigNode, cond: boolean, providers: FilterProviders): boolean {
  switch (n.nameKey) {
    case 'setoutputfilter': {
      const names = n.args
        .join(';')
        .split(';')
        .map((x) => x.trim().toUpperCase());
      eff.set = names.includes('RATE_LIMIT')
        ? { how: 'SetOutputFilter', source: n.source, conditional: cond }
        : undefined;
      eff.relevant = true;
      return true;
    }
    case 'addoutputfilter':
    case 'addoutputfilterbytype': {
      const names = (n.args[0] ?? '').split(';').map((x) => x.trim().toUpperCase());
      if (!names.includes('RATE_LIMIT')) return true;
      const byType = n.nameKey === 'addoutputfilterbytype';
      const only = [...((byType ? eff.byType : eff.add)?.only ?? []), ...n.args.slice(1)];
      const how = byType ? 'AddOutputFilterByType' : 'AddOutputFilter';
      if (byType) eff.byType = { how, only, source: n.source, conditional: cond };
      else eff.add = { how, only, source: n.source, conditional: cond };
      eff.relevant = true;
      return true;
    }
    case 'removeoutputfilter':
      if (eff.add !== undefined) {
        const gone = new Set(n.args.map((x) => x.toLowerCase()));
        const only = (eff.add.only ?? []).filter((x) => !gone.has(x.toLowerCase()));
        eff.add = only.length > 0 ? { ...eff.add, only } : undefined;
      }
      return true;
    case 'filterchain':
      mergeFilterChain(eff, n, cond, providers);
      return true;
  }
  return false;
}

function mergeFilterChain(eff: Effective, n: ConfigNode, cond: boolean, providers: FilterProviders): void {
  let chainNames = eff.chainNames;
  for (const a of n.args) {
    if (a === '!') chainNames = [];
    else if (a.startsWith('=')) chainNames = [a.slice(1)];
    else if (a.startsWith('-')) chainNames = chainNames.filter((x) => x.toLowerCase() !== a.slice(1).toLowerCase());
    else if (a.startsWith('@')) chainNames = [a.slice(1), ...chainNames];
    else chainNames = [...chainNames, a.replace(/^\+/, '')];
  }
  eff.chainNames = chainNames;
  const limited = chainNames.some(
    (x) => x.toUpperCase() === 'RATE_LIMIT' || providers().get(x.toLowerCase())?.has('RATE_LIMIT'),
  );
  eff.chain = limited ? { how: 'FilterChain', source: n.source, conditional: cond } : undefined;
  eff.relevant = true;
}

/** SetEnv/SetEnvIf/RewriteRule [E=] for the rate variables, WSGIProcessGroup, SetHandler/AddHandler wsgi-script. */
function mergeEnvOrHandler(eff: Effective, n: ConfigNode, cond: boolean): void {
  switch (n.nameKey) {
    case 'setenv':
    case 'unsetenv': {
      const slot = envSlot(eff, n.args[0]);
      if (slot === undefined) break;
      eff.relevant = true;
      if (n.nameKey === 'unsetenv') slot.always = undefined;
      else slot.always = { raw: n.args[1] ?? '', source: n.source, how: 'SetEnv', conditional: cond };
      break;
    }
    case 'setenvif':
    case 'setenvifnocase':
    case 'setenvifexpr':
      mergeSetEnvIf(eff, n);
      break;
    case 'rewriterule':
      mergeRewriteEnv(eff, n);
      break;
    case 'wsgiprocessgroup':
      eff.processGroup = n.args[0] === undefined ? undefined : { value: n.args[0], source: n.source };
      eff.relevant = true;
      break;
    case 'sethandler':
      eff.wsgiHandler = (n.args[0] ?? '').toLowerCase() === 'wsgi-script';
      break;
    case 'addhandler':
      if ((n.args[0] ?? '').toLowerCase() === 'wsgi-script') eff.wsgiHandler = true;
      break;
  }
}

function mergeSetEnvIf(eff: Effective, n: ConfigNode): void {
  const assignments = n.nameKey === 'setenvifexpr' ? n.args.slice(1) : n.args.slice(2);
  for (const a of assignments) {
    const eq = a.indexOf('=');
    const name = (eq < 0 ? a : a.slice(0, eq)).replace(/^!/, '');
    const slot = envSlot(eff, name);
    if (slot === undefined) continue;
    eff.relevant = true;
    if (a.startsWith('!')) slot.cond = undefined;
    else
      slot.cond = {
        raw: eq < 0 ? '1' : a.slice(eq + 1),
        source: n.source,
        how: n.nameKey === 'setenvifexpr' ? 'SetEnvIfExpr' : 'SetEnvIf',
        conditional: true,
      };
  }
}

function mergeRewriteEnv(eff: Effective, n: ConfigNode): void {
  const flags = n.args[2];
  if (flags === undefined || !flags.startsWith('[')) return;
  for (const f of flags.slice(1, -1).split(',')) {
    const m = /^(?:E|env)=(!?)([^:]+)(?::(.*))?$/i.exec(f.trim());
    if (m === null) continue;
    const slot = envSlot(eff, m[2]);
    if (slot === undefined) continue;
    eff.relevant = true;
    slot.cond = m[1] === '!' ? undefined : { raw: m[3] ?? '', source: n.source, how: 'RewriteRule', conditional: true };
  }
}

function envSlot(eff: Effective, name: string | undefined): Effective['rate'] | undefined {
  // APR tables are case-insensitive: `Rate-Limit` works too.
  const key = (name ?? '').toLowerCase();
  if (key === RATE) return eff.rate;
  if (key === BURST) return eff.burst;
  return undefined;
}

/** True for a directive that can change the rate limit or the daemon at a location. */
export function isRelevant(node: ConfigNode): boolean {
  const k = node.nameKey;
  if (k === 'setoutputfilter' || k === 'wsgiprocessgroup' || k === 'filterchain') return true;
  if (k === 'addoutputfilter' || k === 'addoutputfilterbytype') return /rate_limit/i.test(node.args[0] ?? '');
  if (k === 'setenv' || k === 'unsetenv') {
    const key = (node.args[0] ?? '').toLowerCase();
    return key === RATE || key === BURST;
  }
  if (k === 'setenvif' || k === 'setenvifnocase' || k === 'setenvifexpr' || k === 'rewriterule')
    return /rate-limit|rate-initial-burst/i.test(node.raw);
  return false;
}

/** FilterProvider directives of the whole config, read once on first use. */
export function filterProvidersOf(scoped: Scoped[]): FilterProviders {
  let providers: Map<string, Set<string>> | undefined;
  return () => {
    if (providers !== undefined) return providers;
    providers = new Map();
    for (const s of scoped) {
      if (s.node.nameKey !== 'filterprovider') continue;
      const [name, provider] = s.node.args;
      if (name === undefined || provider === undefined) continue;
      const set = providers.get(name.toLowerCase()) ?? new Set<string>();
      set.add(provider.toUpperCase());
      providers.set(name.toLowerCase(), set);
    }
    return providers;
  };
}
