// Expanded config tree → ConfigModel: vhosts, locations, rate limits merged in Apache's order, mod_wsgi daemons and
// where they serve, log targets with their formats, LogLevel, WSGIRestrictEmbedded.

import { compileApacheRegex } from './compile-apache-regex.ts';
import type { ConfigError } from './config-error.ts';
import type {
  ConfigModel,
  LocationModel,
  LogTargetModel,
  RateLimitRule,
  SourceRef,
  VhostModel,
  WsgiDaemonModel,
} from './config-model.ts';
import type { ConfigNode, ExpandedConfig } from './expand-apache-config.ts';
import { parseRateValue } from './parse-rate-value.ts';
import { parseWsgiDaemonProcess } from './parse-wsgi-daemon-process.ts';
import { pipedLogGlob } from './piped-log-glob.ts';
import { trimTrailingSlashes } from './trim-trailing-slashes.ts';

// mod_log_config's built-in format when no LogFormat applies (mod_log_config.xml, LogFormat <default>).
const DEFAULT_ACCESS_FORMAT = '%h %l %u %t "%r" %>s %b';
const RATE = 'rate-limit';
const BURST = 'rate-initial-burst';

interface Section {
  kind: 'location' | 'directory' | 'files';
  match: 'prefix' | 'regex';
  pattern: string;
  /** <Directory> prefix sections: the absolute path without a trailing slash. */
  dirPath?: string;
  regex?: RegExp;
  node: ConfigNode;
}

/** A directive with the scope it sits in. */
interface Scoped {
  node: ConfigNode;
  /** -1 for the main server. */
  vhost: number;
  section?: Section;
  /** Under <Files>/<FilesMatch> inside the section (or at vhost level). */
  files: boolean;
  conditional: boolean;
  order: number;
}

interface EnvSlot {
  raw: string;
  source: SourceRef;
  how: 'SetEnv' | 'SetEnvIf' | 'SetEnvIfExpr' | 'RewriteRule';
  conditional: boolean;
}

interface FilterSlot {
  how: 'SetOutputFilter' | 'AddOutputFilter' | 'AddOutputFilterByType' | 'FilterChain';
  only?: string[];
  source: SourceRef;
  conditional: boolean;
}

/** What applies at one (vhost, location) after merging. */
interface Effective {
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

function newEffective(): Effective {
  return { rate: {}, burst: {}, wsgiHandler: false, relevant: false, chainNames: [] };
}

function cloneEffective(e: Effective): Effective {
  return { ...e, rate: { ...e.rate }, burst: { ...e.burst } };
}

export function buildConfigModel(expanded: ExpandedConfig): {
  model: ConfigModel;
  errors: ConfigError[];
  warnings: ConfigError[];
} {
  const errors: ConfigError[] = [];
  const warnings: ConfigError[] = [];
  let providers: Map<string, Set<string>> | undefined;
  const serverRoot = expanded.serverRoot;
  const abs = (p: string) => (p.startsWith('/') ? p : `${trimTrailingSlashes(serverRoot)}/${p}`);
  const scoped: Scoped[] = [];
  const vhostNodes: ConfigNode[] = [];
  let order = 0;

  function walk(
    nodes: ConfigNode[],
    vhost: number,
    section: Section | undefined,
    files: boolean,
    conditional: boolean,
  ) {
    for (const node of nodes) {
      if (node.children === undefined) {
        scoped.push({ node, vhost, section, files, conditional, order: order++ });
        continue;
      }
      const key = node.nameKey;
      if (key === 'virtualhost') {
        vhostNodes.push(node);
        walk(node.children, vhostNodes.length - 1, undefined, false, conditional);
      } else if (key === 'location' || key === 'locationmatch' || key === 'directory' || key === 'directorymatch') {
        const isRegex = key.endsWith('match') || node.args[0] === '~';
        const pattern = node.args[0] === '~' ? (node.args[1] ?? '') : (node.args[0] ?? '');
        const regex = isRegex ? compileApacheRegex(pattern) : undefined;
        if (isRegex && regex === undefined) {
          warnings.push({ ...node.source, message: `Regular expression ${pattern} is not understood by JavaScript` });
        }
        const kind = key.startsWith('location') ? 'location' : 'directory';
        const dirPath = kind === 'directory' && !isRegex ? trimSlash(abs(pattern)) : undefined;
        walk(
          node.children,
          vhost,
          { kind, match: isRegex ? 'regex' : 'prefix', pattern, regex, node, dirPath },
          files,
          conditional,
        );
      } else if (key === 'files' || key === 'filesmatch') {
        walk(node.children, vhost, section, true, conditional);
      } else if (key === 'if' || key === 'elseif' || key === 'else') {
        walk(node.children, vhost, section, files, true);
      } else {
        // <Limit>, <LimitExcept>, <Proxy> …: kept, their rules apply only to some requests.
        walk(node.children, vhost, section, files, conditional || key === 'proxy' || key === 'proxymatch');
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
  const top = (v: number): Scoped[] => topBy.get(v) ?? [];
  const inSections = (v: number): Scoped[] => secBy.get(v) ?? [];

  // Vhosts.
  const vhosts: VhostModel[] = vhostNodes.map((node, i) => {
    const own = top(i);
    const serverName = own.find((s) => s.node.nameKey === 'servername')?.node.args[0];
    const aliases = own.filter((s) => s.node.nameKey === 'serveralias').flatMap((s) => s.node.args);
    return {
      name: serverName !== undefined ? hostOf(serverName) : (node.args[0] ?? 'default'),
      aliases,
      addresses: [...node.args],
      source: node.source,
    };
  });
  const vhostName = (i: number) => (i < 0 ? 'default' : vhosts[i].name);

  // Daemons.
  const daemons: WsgiDaemonModel[] = [];
  const daemonOrder = new Map<string, number>();
  for (const s of scoped) {
    if (s.node.nameKey !== 'wsgidaemonprocess') continue;
    const parsed = parseWsgiDaemonProcess(s.node.raw, vhostName(s.vhost), s.node.source);
    for (const e of parsed.errors) errors.push({ ...s.node.source, message: e });
    if (parsed.daemon === undefined) continue;
    if (daemons.some((d) => d.name === parsed.daemon!.name)) {
      errors.push({ ...s.node.source, message: 'Name duplicates previous WSGI daemon definition.' });
      continue;
    }
    daemons.push(parsed.daemon);
    daemonOrder.set(parsed.daemon.name, s.order);
  }

  // URL ↔ filesystem: DocumentRoot and aliases, to place <Directory> rules at a URL.
  const docRoots = new Map<number, string | undefined>();
  const docRoot = (v: number): string | undefined => {
    if (docRoots.has(v)) return docRoots.get(v);
    const find = (vh: number) =>
      top(vh)
        .filter((s) => s.node.nameKey === 'documentroot')
        .at(-1);
    const d = find(v) ?? (v >= 0 ? find(-1) : undefined);
    const root = d === undefined ? undefined : trimSlash(abs(d.node.args[0] ?? ''));
    docRoots.set(v, root);
    return root;
  };
  interface Alias {
    url: string;
    target: string;
    wsgi: boolean;
    match: 'prefix' | 'regex';
    processGroup?: string;
    source: SourceRef;
    vhost: number;
  }
  const aliases: Alias[] = [];
  for (const s of scoped) {
    const k = s.node.nameKey;
    if (s.section !== undefined) continue;
    if (
      k === 'alias' ||
      k === 'scriptalias' ||
      k === 'wsgiscriptalias' ||
      k === 'aliasmatch' ||
      k === 'wsgiscriptaliasmatch'
    ) {
      const [url, target, ...rest] = s.node.args;
      if (url === undefined || target === undefined) continue;
      const pg = rest.find((o) => o.startsWith('process-group='))?.slice('process-group='.length);
      // With both process-group= and application-group= mod_wsgi preloads the script, so the group must be defined
      // above (checked on Debian's 4.9.4: `WSGI process group not yet configured.`, configtest fails).
      const preload = rest.some((o) => o.startsWith('application-group='));
      if (
        k.startsWith('wsgi') &&
        preload &&
        pg !== undefined &&
        !pg.includes('%{') &&
        !((daemonOrder.get(pg) ?? Number.POSITIVE_INFINITY) < s.order)
      ) {
        errors.push({ ...s.node.source, message: 'WSGI process group not yet configured.' });
      }
      aliases.push({
        url,
        target: abs(target),
        wsgi: k.startsWith('wsgi'),
        match: k.endsWith('match') ? 'regex' : 'prefix',
        processGroup: pg,
        source: s.node.source,
        vhost: s.vhost,
      });
    }
  }
  const aliasesByVhost = new Map<number, Alias[]>();
  const aliasesFor = (v: number): Alias[] => {
    let list = aliasesByVhost.get(v);
    if (list === undefined) {
      list = aliases.filter((a) => a.vhost === -1 || a.vhost === v);
      aliasesByVhost.set(v, list);
    }
    return list;
  };

  /** Per vhost: filesystem roots that have a URL (prefix aliases, DocumentRoot). */
  const fsRootsByVhost = new Map<number, { target: string; url: string }[]>();
  function fsRoots(v: number) {
    let roots = fsRootsByVhost.get(v);
    if (roots === undefined) {
      roots = aliasesFor(v)
        .filter((a) => a.match === 'prefix')
        .map((a) => ({ target: trimSlash(a.target), url: a.url }));
      const root = docRoot(v);
      if (root !== undefined) roots.push({ target: root, url: '/' });
      fsRootsByVhost.set(v, roots);
    }
    return roots;
  }

  /** URL prefixes a <Directory> path (absolute, no trailing slash) is served under in vhost v. */
  function urlsOfDirectory(v: number, d: string): string[] {
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
  }

  // Which scopes produce labels: each vhost, or the main server when there are none.
  const scopes = vhosts.length > 0 ? vhosts.map((_, i) => i) : [-1];
  const locations: LocationModel[] = [];
  const rateLimits: RateLimitRule[] = [];
  // The main server's merge is shared by every vhost; each vhost continues from a copy.
  const serverEffective = mergeInto(newEffective(), top(-1));
  const serverDirSections = groupBySection(inSections(-1).filter((s) => s.section!.kind === 'directory'));
  const serverDirIndex = indexByPath(serverDirSections);
  const serverLocDirectives = inSections(-1).filter((s) => s.section!.kind === 'location');
  const serverLocationNodes = locationSectionNodes(expanded.nodes, -1, vhostNodes);

  for (const v of scopes) {
    const vhostSections = v >= 0 ? inSections(v) : [];
    // <Directory> sections reach a URL through DocumentRoot or an alias; the rest never apply to a location here.
    const dirUrls = new Map<ConfigNode, string[]>();
    const urlsOfSection = (sec: Section): string[] => {
      let urls = dirUrls.get(sec.node);
      if (urls === undefined) {
        urls = sec.dirPath !== undefined ? urlsOfDirectory(v, sec.dirPath).map(normalisePrefix) : NO_URLS;
        dirUrls.set(sec.node, urls);
      }
      return urls;
    };
    const dirDirectives: Scoped[] = [];
    // Only the main server's sections at, above or below one of this vhost's roots can map (thousands of
    // <Directory> blocks elsewhere are skipped without a look).
    const reachable = sectionsNear(
      serverDirIndex,
      fsRoots(v).map((r) => r.target),
    );
    for (const group of [reachable, groupBySection(vhostSections.filter((s) => s.section!.kind === 'directory'))]) {
      for (const { section, directives } of group)
        if (urlsOfSection(section).length > 0) dirDirectives.push(...directives);
    }
    const locDirectives =
      vhostSections.length > 0
        ? [...serverLocDirectives, ...vhostSections.filter((s) => s.section!.kind === 'location')]
        : serverLocDirectives;

    // Candidate locations, in first-seen order.
    const candidates = new Map<
      string,
      { location: string; match: 'prefix' | 'regex'; source: SourceRef; conditional: boolean }
    >();
    const addCandidate = (location: string, match: 'prefix' | 'regex', source: SourceRef, conditional: boolean) => {
      const key = `${match}\u0000${location}`;
      if (!candidates.has(key)) candidates.set(key, { location, match, source, conditional });
    };
    // Every <Location>/<LocationMatch> in scope becomes a location, even an empty one.
    const locationNodes =
      v >= 0
        ? [...serverLocationNodes, ...locationSectionNodes(vhostNodes[v].children ?? [], -1, vhostNodes)]
        : serverLocationNodes;
    for (const node of locationNodes) {
      const isRegex = node.node.nameKey === 'locationmatch' || node.node.args[0] === '~';
      const pattern = node.node.args[0] === '~' ? (node.node.args[1] ?? '') : (node.node.args[0] ?? '');
      addCandidate(
        isRegex ? pattern : normalisePrefix(pattern),
        isRegex ? 'regex' : 'prefix',
        node.node.source,
        node.conditional,
      );
    }
    for (const a of aliasesFor(v)) {
      if (a.wsgi) addCandidate(a.match === 'prefix' ? normalisePrefix(a.url) : a.url, a.match, a.source, false);
    }
    for (const s of dirDirectives) {
      if (!isRelevant(s.node) || s.section!.match !== 'prefix') continue;
      for (const url of urlsOfSection(s.section!)) addCandidate(url, 'prefix', s.section!.node.source, s.conditional);
    }
    const baseEffective = v >= 0 ? mergeInto(cloneEffective(serverEffective), top(v)) : serverEffective;
    if (baseEffective.relevant) {
      const source =
        v >= 0 ? vhosts[v].source : (top(-1).find((s) => isRelevant(s.node))?.node.source ?? { file: '', line: 0 });
      addCandidate('/', 'prefix', source, false);
    }

    for (const cand of candidates.values()) {
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
        cand.match === 'prefix' && urlsOfSection(sec).some((u) => prefixMatches(u, cand.location));
      // Apache's order: server/vhost, then <Directory> (and <Files> within), then <Location> in file order.
      const ordered = [
        ...dirDirectives.filter((s) => dirApplies(s.section!)),
        ...locDirectives.filter((s) => applies(s.section!)),
      ];
      const alias = bestAlias(aliasesFor(v), cand.location, cand.match);
      const eff = mergeInto(cloneEffective(baseEffective), ordered);
      let processGroup = alias?.processGroup ?? eff.processGroup?.value;
      const processGroupSource = alias?.processGroup !== undefined ? alias.source : eff.processGroup?.source;
      if (processGroup === '%{GLOBAL}') processGroup = undefined;
      const wsgi = alias?.wsgi === true || eff.wsgiHandler;
      locations.push({
        vhost: vhostName(v),
        location: cand.location,
        match: cand.match,
        processGroup: wsgi ? processGroup : undefined,
        ...(wsgi && processGroup !== undefined && processGroupSource !== undefined ? { processGroupSource } : {}),
        wsgi,
        source: cand.source,
        conditional: cand.conditional,
      });
      const filter = eff.set ?? eff.chain ?? eff.byType ?? eff.add;
      const rate = eff.rate.always ?? eff.rate.cond;
      const burst = eff.burst.always ?? eff.burst.cond;
      if (filter === undefined && rate === undefined && burst === undefined) continue;
      const rateValue = rate === undefined ? undefined : parseRateValue(rate.raw);
      const burstValue = burst === undefined ? undefined : parseRateValue(burst.raw);
      rateLimits.push({
        vhost: vhostName(v),
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
      });
    }
  }

  // Log formats per scope: nickname → format; `''` = the format for TransferLog.
  const formats = new Map<number, Map<string, string>>();
  for (const s of scoped) {
    if (s.node.nameKey !== 'logformat' || s.section !== undefined) continue;
    const [fmt, nick] = s.node.args;
    if (fmt === undefined) continue;
    const table = formats.get(s.vhost) ?? new Map<string, string>();
    table.set(nick ?? '', fmt);
    formats.set(s.vhost, table);
  }
  const lookupFormat = (v: number, nick: string): string | undefined =>
    formats.get(v)?.get(nick) ?? (v >= 0 ? formats.get(-1)?.get(nick) : undefined);
  const errorFormat = (v: number): string | undefined => {
    const find = (vh: number) =>
      top(vh)
        .filter(
          (s) => s.node.nameKey === 'errorlogformat' && s.node.args[0] !== 'connection' && s.node.args[0] !== 'request',
        )
        .at(-1)?.node.args[0];
    return find(v) ?? (v >= 0 ? find(-1) : undefined);
  };

  const logTargets: LogTargetModel[] = [];
  const addTarget = (
    log: 'access' | 'error',
    target: string,
    format: string | undefined,
    s: Scoped,
    condition?: string,
    global?: boolean,
  ) => {
    const base = {
      log,
      format,
      vhost: vhostName(s.vhost),
      source: s.node.source,
      ...(condition ? { condition } : {}),
      ...(global ? { global } : {}),
    };
    if (target.startsWith('|')) {
      const piped = pipedLogGlob(target, serverRoot);
      if (piped.path === undefined) {
        warnings.push({ ...s.node.source, message: `${s.node.name} ${target}: ${piped.reason}` });
        return;
      }
      logTargets.push({ ...base, path: piped.path, piped: target, ...(piped.link ? { link: piped.link } : {}) });
      return;
    }
    if (log === 'error' && /^syslog(:|$)/.test(target)) {
      warnings.push({ ...s.node.source, message: `ErrorLog ${target}: syslog cannot be tailed` });
      return;
    }
    logTargets.push({ ...base, path: abs(target) });
  };
  let serverErrorLog = false;
  for (const s of scoped) {
    if (s.section !== undefined) continue;
    const [a0, a1, a2] = s.node.args;
    switch (s.node.nameKey) {
      case 'errorlog':
        if (a0 === undefined) break;
        if (s.vhost === -1) serverErrorLog = true;
        addTarget('error', a0, errorFormat(s.vhost), s);
        break;
      case 'customlog':
      case 'globallog': {
        if (a0 === undefined || a1 === undefined) break;
        const format = a1.includes('%') ? a1 : (lookupFormat(s.vhost, a1) ?? a1);
        addTarget('access', a0, format, s, a2, s.node.nameKey === 'globallog');
        break;
      }
      case 'transferlog':
        if (a0 === undefined) break;
        addTarget('access', a0, lookupFormat(s.vhost, '') ?? DEFAULT_ACCESS_FORMAT, s);
        break;
    }
  }
  if (!serverErrorLog) {
    // httpd's compiled-in default (DEFAULT_ERRORLOG "logs/error_log").
    logTargets.push({
      log: 'error',
      path: abs('logs/error_log'),
      format: errorFormat(-1),
      vhost: 'default',
      source: { file: expanded.files[0] ?? '', line: 0 },
    });
  }

  // LogLevel (server scope): `warn`, `wsgi:info`, …
  const logLevels: Record<string, string> = {};
  let logLevelSource: SourceRef | undefined;
  for (const s of scoped) {
    if (s.node.nameKey !== 'loglevel' || s.vhost !== -1 || s.section !== undefined) continue;
    logLevelSource = s.node.source;
    for (const a of s.node.args) {
      const c = a.indexOf(':');
      if (c < 0) logLevels[''] = a.toLowerCase();
      else logLevels[a.slice(0, c).replace(/_module$/, '')] = a.slice(c + 1).toLowerCase();
    }
  }
  if (logLevels[''] === undefined) logLevels[''] = 'warn';

  const restrictEmbedded = scoped
    .filter((s) => s.node.nameKey === 'wsgirestrictembedded')
    .map((s) => ({ value: (s.node.args[0] ?? '').toLowerCase() === 'on', source: s.node.source }));

  return {
    model: {
      serverRoot,
      files: expanded.files,
      modules: expanded.modules,
      vhosts,
      locations,
      rateLimits,
      daemons,
      logTargets,
      logLevels,
      logLevelSource,
      restrictEmbedded,
    },
    errors,
    warnings,
  };

  function mergeInto(eff: Effective, ordered: Scoped[]): Effective {
    for (const s of ordered) {
      const n = s.node;
      const cond = s.conditional || s.files;
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
          break;
        }
        case 'addoutputfilter': {
          const names = (n.args[0] ?? '').split(';').map((x) => x.trim().toUpperCase());
          if (names.includes('RATE_LIMIT')) {
            const only = [...(eff.add?.only ?? []), ...n.args.slice(1)];
            eff.add = { how: 'AddOutputFilter', only, source: n.source, conditional: cond };
            eff.relevant = true;
          }
          break;
        }
        case 'removeoutputfilter':
          if (eff.add !== undefined) {
            const gone = new Set(n.args.map((x) => x.toLowerCase()));
            const only = (eff.add.only ?? []).filter((x) => !gone.has(x.toLowerCase()));
            eff.add = only.length > 0 ? { ...eff.add, only } : undefined;
          }
          break;
        case 'addoutputfilterbytype': {
          const names = (n.args[0] ?? '').split(';').map((x) => x.trim().toUpperCase());
          if (names.includes('RATE_LIMIT')) {
            const only = [...(eff.byType?.only ?? []), ...n.args.slice(1)];
            eff.byType = { how: 'AddOutputFilterByType', only, source: n.source, conditional: cond };
            eff.relevant = true;
          }
          break;
        }
        case 'filterchain': {
          let chainNames = eff.chainNames;
          for (const a of n.args) {
            if (a === '!') chainNames = [];
            else if (a.startsWith('=')) chainNames = [a.slice(1)];
            else if (a.startsWith('-'))
              chainNames = chainNames.filter((x) => x.toLowerCase() !== a.slice(1).toLowerCase());
            else if (a.startsWith('@')) chainNames = [a.slice(1), ...chainNames];
            else chainNames = [...chainNames, a.replace(/^\+/, '')];
          }
          eff.chainNames = chainNames;
          const limited = chainNames.some(
            (x) => x.toUpperCase() === 'RATE_LIMIT' || filterProviders().get(x.toLowerCase())?.has('RATE_LIMIT'),
          );
          eff.chain = limited ? { how: 'FilterChain', source: n.source, conditional: cond } : undefined;
          eff.relevant = true;
          break;
        }
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
        case 'setenvifexpr': {
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
          break;
        }
        case 'rewriterule': {
          const flags = n.args[2];
          if (flags === undefined || !flags.startsWith('[')) break;
          for (const f of flags.slice(1, -1).split(',')) {
            const m = /^(?:E|env)=(!?)([^:]+)(?::(.*))?$/i.exec(f.trim());
            if (m === null) continue;
            const slot = envSlot(eff, m[2]);
            if (slot === undefined) continue;
            eff.relevant = true;
            slot.cond =
              m[1] === '!' ? undefined : { raw: m[3] ?? '', source: n.source, how: 'RewriteRule', conditional: true };
          }
          break;
        }
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
    return eff;
  }

  function filterProviders(): Map<string, Set<string>> {
    if (providers !== undefined) return providers;
    const map = new Map<string, Set<string>>();
    providers = map;
    for (const s of scoped) {
      if (s.node.nameKey !== 'filterprovider') continue;
      const [name, provider] = s.node.args;
      if (name === undefined || provider === undefined) continue;
      const set = map.get(name.toLowerCase()) ?? new Set<string>();
      set.add(provider.toUpperCase());
      map.set(name.toLowerCase(), set);
    }
    return map;
  }
}

const NO_URLS: string[] = [];

interface SectionGroup {
  section: Section;
  directives: Scoped[];
  order: number;
}

interface PathIndex {
  byPath: Map<string, SectionGroup[]>;
  sorted: string[];
}

function indexByPath(groups: SectionGroup[]): PathIndex {
  const byPath = new Map<string, SectionGroup[]>();
  for (const g of groups) {
    const p = g.section.dirPath;
    if (p === undefined) continue;
    const list = byPath.get(p);
    if (list === undefined) byPath.set(p, [g]);
    else list.push(g);
  }
  return { byPath, sorted: [...byPath.keys()].sort() };
}

/** Sections whose path is one of `roots`, an ancestor of one, or below one; in config order. */
function sectionsNear(index: PathIndex, roots: string[]): SectionGroup[] {
  const found = new Set<SectionGroup>();
  for (const root of roots) {
    // Ancestors by testing the config's few section paths against the root, not by cutting the root one segment at a
    // time: that copied and hashed the root once per `/` (O(n²): 230 ms for a 16 KiB `DocumentRoot ////…x`, found by
    // the fuzz suite).
    for (const [p, groups] of index.byPath) {
      if (p === '/' || p === root || (root.startsWith(p) && root.charCodeAt(p.length) === 47))
        for (const g of groups) found.add(g);
    }
    const prefix = root === '/' ? '/' : `${root}/`;
    let lo = 0;
    let hi = index.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (index.sorted[mid] < prefix) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < index.sorted.length && index.sorted[i].startsWith(prefix); i++) {
      for (const g of index.byPath.get(index.sorted[i])!) found.add(g);
    }
  }
  return [...found].sort((a, b) => a.order - b.order);
}

/** Directives grouped by their section, sections in first-seen order. */
function groupBySection(list: Scoped[]): SectionGroup[] {
  const map = new Map<ConfigNode, SectionGroup>();
  for (const s of list) {
    const g = map.get(s.section!.node);
    if (g === undefined) map.set(s.section!.node, { section: s.section!, directives: [s], order: map.size });
    else g.directives.push(s);
  }
  return [...map.values()];
}

function envSlot(eff: Effective, name: string | undefined): Effective['rate'] | undefined {
  // APR tables are case-insensitive: `Rate-Limit` works too.
  const key = (name ?? '').toLowerCase();
  if (key === RATE) return eff.rate;
  if (key === BURST) return eff.burst;
  return undefined;
}

function isRelevant(node: ConfigNode): boolean {
  const k = node.nameKey;
  if (k === 'setoutputfilter' || k === 'wsgiprocessgroup' || k === 'filterchain') return true;
  if (k === 'addoutputfilter' || k === 'addoutputfilterbytype') return /rate_limit/i.test(node.args[0] ?? '');
  if (k === 'setenv' || k === 'unsetenv') return envName(node.args[0]);
  if (k === 'setenvif' || k === 'setenvifnocase' || k === 'setenvifexpr' || k === 'rewriterule')
    return /rate-limit|rate-initial-burst/i.test(node.raw);
  return false;
}

function envName(name: string | undefined): boolean {
  const key = (name ?? '').toLowerCase();
  return key === RATE || key === BURST;
}

/** <Location> sections in scope for vhost v (server's first, then the vhost's), with their <If> status. */
function locationSectionNodes(
  roots: ConfigNode[],
  v: number,
  vhostNodes: ConfigNode[],
): { node: ConfigNode; conditional: boolean }[] {
  const out: { node: ConfigNode; conditional: boolean }[] = [];
  const visit = (nodes: ConfigNode[], conditional: boolean, intoVhost: boolean) => {
    for (const n of nodes) {
      if (n.children === undefined) continue;
      if (n.nameKey === 'virtualhost') {
        if (intoVhost) visit(n.children, conditional, false);
        continue;
      }
      if (n.nameKey === 'location' || n.nameKey === 'locationmatch') out.push({ node: n, conditional });
      visit(n.children, conditional || n.nameKey === 'if' || n.nameKey === 'elseif' || n.nameKey === 'else', intoVhost);
    }
  };
  visit(roots, false, false);
  if (v >= 0) visit(vhostNodes[v].children ?? [], false, false);
  return out;
}

function bestAlias<T extends { url: string; match: 'prefix' | 'regex'; wsgi: boolean }>(
  aliases: T[],
  location: string,
  match: 'prefix' | 'regex',
): T | undefined {
  let best: T | undefined;
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

/** httpd's <Location> prefix test (server/request.c ap_location_walk): a segment boundary must follow the prefix. */
export function prefixMatches(prefix: string, path: string): boolean {
  if (!path.startsWith(prefix)) return false;
  return prefix.endsWith('/') || path.length === prefix.length || path[prefix.length] === '/';
}

function normalisePrefix(p: string): string {
  // httpd merges slashes before matching (MergeSlashes On).
  const merged = p.replace(/\/{2,}/g, '/');
  return merged === '' ? '/' : merged;
}

function trimSlash(p: string): string {
  return p.length > 1 ? trimTrailingSlashes(p) : p;
}

function joinUrl(base: string, rest: string): string {
  return `${trimTrailingSlashes(base)}/${rest.replace(/^\/+/, '')}`;
}

function hostOf(serverName: string): string {
  // ServerName [scheme://]fully-qualified-domain-name[:port]
  return serverName.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/:\d+$/, '');
}
