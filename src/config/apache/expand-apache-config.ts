// Apache config files → one tree of directives: includes followed, variables expanded, <IfModule>/<IfDefine>/<IfVersion>
// resolved the way httpd's config pre-pass does (server/config.c, server/core.c), <If> kept as a conditional scope.

import type { ConfigError } from './config-error.ts';
import type { ConfigFs } from './config-fs.ts';
import type { SourceRef } from './config-model.ts';
import type { ConfigNode } from './config-node.ts';
import { sectionTaken } from './evaluate-section-condition.ts';
import { currentNodes, directiveAvailable, type ExpandState, isModuleLoaded } from './expand-state.ts';
import { KNOWN_MODULES } from './known-directives.ts';
import type { ReadApacheConfigOptions } from './read-apache-config-options.ts';
import { resolveInclude } from './resolve-include.ts';
import { type ConfigLine, splitConfigArgs, tokenizeApacheConfig } from './tokenize-apache-config.ts';
import { trimTrailingSlashes } from './trim-trailing-slashes.ts';

export interface ExpandedConfig {
  nodes: ConfigNode[];
  files: string[];
  /** LoadModule identifiers in file order. */
  modules: string[];
  serverRoot: string;
  errors: ConfigError[];
  warnings: ConfigError[];
}

// `apache2 -l` on Debian 2.4.71: compiled in, so <IfModule> on them is true without LoadModule.
const DEBIAN_STATIC_MODULES = ['core', 'http_core', 'so', 'watchdog', 'log_config', 'logio', 'version', 'unixd'];
// Apache's own include nesting limit (AP_MAX_INCLUDE_DEPTH).
const MAX_INCLUDE_DEPTH = 128;
// httpd's usage texts (server/core.c), which Apache prints after "takes one argument".
const INCLUDE_USAGE =
  'Name(s) of the config file(s) to be included; fails if the wildcard does not match at least one file';
const INCLUDE_OPTIONAL_USAGE =
  'Name or pattern of the config file(s) to be included; ignored if the file does not exist or the pattern does not match any files';
/** Conditional sections that leave no node: their body joins the enclosing scope when taken. */
const TRANSPARENT = new Set(['ifmodule', 'ifdefine', 'ifversion', 'iffile', 'ifdirective', 'ifsection']);

export function expandApacheConfig(
  entryFile: string,
  fs: ConfigFs,
  options: ReadApacheConfigOptions = {},
): ExpandedConfig {
  const st: ExpandState = {
    fs,
    errors: [],
    warnings: [],
    files: [],
    modules: [],
    loaded: new Set<string>(),
    defines: new Map<string, string | undefined>(),
    envvars: options.envvars ?? {},
    serverRoot: options.serverRoot ?? dirnameOf(entryFile),
    root: [],
    stack: [],
    chain: [],
    checkDirectives: options.checkDirectives ?? true,
    toCheck: [],
  };
  for (const m of options.staticModules ?? DEBIAN_STATIC_MODULES) {
    st.loaded.add(`${m}_module`);
    st.loaded.add(m === 'core' || m === 'http_core' ? `${m}.c` : `mod_${m}.c`);
  }
  for (const d of options.defines ?? []) {
    const eq = d.indexOf('=');
    if (eq < 0) st.defines.set(d, undefined);
    else st.defines.set(d.slice(0, eq), d.slice(eq + 1));
  }
  readFile(st, entryFile, undefined, false);
  // httpd runs LoadModule while reading (EXEC_ON_READ) but looks other directives up only when it walks the whole tree,
  // so `Listen` before `LoadModule mpm_…` is valid: check against every module the config loads.
  for (const c of st.toCheck) if (directiveAvailable(st, c.key) !== true) reportInvalid(st, c.name, c.file, c.line);
  const { root: nodes, files, modules, serverRoot, errors, warnings } = st;
  return { nodes, files, modules, serverRoot, errors, warnings };
}

/** One file's reading state: where its sections start in the stack, and what it skips. */
interface FileScope {
  file: string;
  fileDepth: number;
  baseStack: number;
  /** Depth inside a section whose body is not read (>0 while skipping), and where it opened. */
  skipDepth: number;
  skipLine: number;
  /** Transparent sections (<IfModule> taken …) have no node; their closes just pop this. */
  transparent: { nameKey: string; line: number; stackLen: number }[];
}

function readFile(st: ExpandState, file: string, from: ConfigLine | undefined, optional: boolean): void {
  const text = openConfigFile(st, file, from ?? { file, line: 0 }, optional);
  if (text === undefined) return;
  st.files.push(file);
  st.chain.push(file);
  const scope: FileScope = {
    file,
    fileDepth: st.chain.length,
    baseStack: st.stack.length,
    skipDepth: 0,
    skipLine: 0,
    transparent: [],
  };
  const tokens = tokenizeApacheConfig(text, file);
  st.errors.push(...tokens.errors);
  for (const l of tokens.lines) {
    if (scope.skipDepth > 0) {
      if (l.kind === 'open') scope.skipDepth++;
      else if (l.kind === 'close') scope.skipDepth--;
    } else if (l.kind === 'close') closeSection(st, scope, l);
    else readLine(st, scope, l);
  }
  while (st.stack.length > scope.baseStack && st.stack[st.stack.length - 1].fileDepth === scope.fileDepth) {
    const open = st.stack.pop()!;
    st.errors.push({ file, line: open.node.source.line, message: `<${open.node.name}> was not closed` });
  }
  for (const t of scope.transparent) {
    st.errors.push({ file, line: t.line, message: `<${nameOfKey(t.nameKey)}> was not closed` });
  }
  if (scope.skipDepth > 0)
    st.errors.push({ file, line: scope.skipLine, message: 'Section was not closed before the end of the file' });
  st.chain.pop();
}

/** The file's text, or undefined after reporting why it cannot be read (include loop, nesting depth, I/O). */
function openConfigFile(st: ExpandState, file: string, at: SourceRef, optional: boolean): string | undefined {
  if (st.chain.includes(file)) {
    const loop = [...st.chain.slice(st.chain.indexOf(file)), file].join(' -> ');
    st.errors.push({ file: at.file, line: at.line, message: `Include loop: ${loop}` });
    return undefined;
  }
  if (st.chain.length >= MAX_INCLUDE_DEPTH) {
    const message = `Exceeded the maximum include nesting level of ${MAX_INCLUDE_DEPTH}`;
    st.errors.push({ file: at.file, line: at.line, message });
    return undefined;
  }
  try {
    return st.fs.readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException)?.code;
    if (optional && code === 'ENOENT') return undefined;
    const why =
      code === 'ENOENT'
        ? 'No such file or directory'
        : code === 'EACCES'
          ? 'Permission denied'
          : code === 'EISDIR'
            ? 'Is a directory'
            : String((err as Error)?.message ?? err);
    st.errors.push({ file: at.file, line: at.line, message: `Could not open configuration file ${file}: ${why}` });
    return undefined;
  }
}

function closeSection(st: ExpandState, scope: FileScope, l: ConfigLine): void {
  const file = scope.file;
  const top = scope.transparent[scope.transparent.length - 1];
  const topFrame = st.stack[st.stack.length - 1];
  const frameIsNewer =
    topFrame !== undefined &&
    st.stack.length > scope.baseStack &&
    (top === undefined || st.stack.length > top.stackLen);
  if (frameIsNewer) {
    if (topFrame.node.nameKey !== l.nameKey) {
      st.errors.push({ file, line: l.line, message: `Expected </${topFrame.node.name}> but saw </${l.name}>` });
    }
    st.stack.pop();
  } else if (top !== undefined) {
    if (top.nameKey !== l.nameKey) {
      st.errors.push({ file, line: l.line, message: `Expected </${nameOfKey(top.nameKey)}> but saw </${l.name}>` });
    }
    scope.transparent.pop();
  } else {
    st.errors.push({ file, line: l.line, message: `</${l.name}> without matching <${l.name}> section` });
  }
}

/** A section opening or a directive: expanded, then kept in the tree or acted on (Include, Define, LoadModule…). */
function readLine(st: ExpandState, scope: FileScope, l: ConfigLine): void {
  const file = scope.file;
  const raw = expandVars(st, l.rawArgs, file, l.line);
  const args = splitConfigArgs(raw);
  const source = { file, line: l.line };
  if (l.kind === 'open') {
    if (st.checkDirectives) st.toCheck.push({ key: l.nameKey, name: `<${l.name}`, file, line: l.line });
    if (!sectionTaken(st, l, args)) {
      scope.skipDepth = 1;
      scope.skipLine = l.line;
    } else if (TRANSPARENT.has(l.nameKey)) {
      scope.transparent.push({ nameKey: l.nameKey, line: l.line, stackLen: st.stack.length });
    } else {
      const node: ConfigNode = { name: l.name, nameKey: l.nameKey, args, raw, source, children: [] };
      currentNodes(st).push(node);
      st.stack.push({ node, fileDepth: scope.fileDepth });
    }
    return;
  }
  if (l.nameKey === 'include' || l.nameKey === 'includeoptional') {
    include(st, l, args);
    return;
  }
  applyReadTimeDirective(st, l.nameKey, args);
  if (st.checkDirectives) st.toCheck.push({ key: l.nameKey, name: l.name, file, line: l.line });
  currentNodes(st).push({ name: l.name, nameKey: l.nameKey, args, raw, source });
}

function include(st: ExpandState, l: ConfigLine, args: string[]): void {
  const optional = l.nameKey === 'includeoptional';
  // TAKE1 (server/core.c): `Include a b` and `Include ""` are syntax errors (apache2 -t agrees), not one
  // include per argument — a line of 32,768 `""` was 32,768 failed reads (found by the fuzz suite).
  if (args.length !== 1 || args[0] === '') {
    const usage = optional ? INCLUDE_OPTIONAL_USAGE : INCLUDE_USAGE;
    st.errors.push({ file: l.file, line: l.line, message: `${l.name} takes one argument, ${usage}` });
    return;
  }
  let included: string[];
  try {
    included = resolveInclude(st, args[0], optional, l);
  } catch (err) {
    // A directory that cannot be listed (EACCES) and the like.
    const code = (err as NodeJS.ErrnoException)?.code ?? (err as Error)?.message;
    st.errors.push({ file: l.file, line: l.line, message: `Could not read ${args[0]}: ${code}` });
    return;
  }
  for (const f of included) readFile(st, f, l, optional);
}

/** Directives httpd runs while reading (EXEC_ON_READ) that change how the rest is read. */
function applyReadTimeDirective(st: ExpandState, nameKey: string, args: string[]): void {
  switch (nameKey) {
    case 'define':
      if (args[0] !== undefined) st.defines.set(args[0], args[1]);
      break;
    case 'undefine':
      if (args[0] !== undefined) st.defines.delete(args[0]);
      break;
    case 'loadmodule':
      if (args[0] !== undefined && !isModuleLoaded(st, args[0])) {
        st.modules.push(args[0]);
        st.loaded.add(args[0]);
        const short = args[0].replace(/_module$/, '');
        st.loaded.add(short.startsWith('mpm_') ? `${short.slice(4)}.c` : `mod_${short}.c`);
      }
      break;
    case 'serverroot':
      if (args[0] !== undefined) st.serverRoot = trimTrailingSlashes(args[0]) || '/';
      break;
  }
}

function expandVars(st: ExpandState, raw: string, file: string, line: number): string {
  if (!raw.includes('${')) return raw;
  return raw.replace(/\$\{([A-Za-z0-9_:.-]+)\}/g, (whole, name: string) => {
    if (st.defines.has(name) && st.defines.get(name) !== undefined) return st.defines.get(name)!;
    if (Object.hasOwn(st.envvars, name)) return st.envvars[name];
    // AH00111: httpd leaves the text as is and warns.
    st.warnings.push({ file, line, message: `Config variable \${${name}} is not defined` });
    return whole;
  });
}

/** Apache refuses unknown directives; with a module loaded that we do not know, it may be that module's. */
function reportInvalid(st: ExpandState, name: string, file: string, line: number): void {
  const foreign = st.modules.filter((m) => !KNOWN_MODULES.has(m));
  if (foreign.length === 0) st.errors.push({ file, line, message: invalidCommand(name) });
  else st.warnings.push({ file, line, message: `${invalidCommand(name)} (unless ${foreign.join(', ')} defines it)` });
}

function invalidCommand(name: string): string {
  return `Invalid command '${name}', perhaps misspelled or defined by a module not included in the server configuration`;
}

function nameOfKey(key: string): string {
  const names: Record<string, string> = {
    ifmodule: 'IfModule',
    ifdefine: 'IfDefine',
    ifversion: 'IfVersion',
    iffile: 'IfFile',
    ifdirective: 'IfDirective',
    ifsection: 'IfSection',
  };
  return names[key] ?? key;
}

function dirnameOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
}
