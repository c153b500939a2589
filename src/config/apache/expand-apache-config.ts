// Apache config files → one tree of directives: includes followed, variables expanded, <IfModule>/<IfDefine>/<IfVersion>
// resolved the way httpd's config pre-pass does (server/config.c, server/core.c), <If> kept as a conditional scope.

import type { ConfigError } from './config-error.ts';
import type { ConfigFs } from './config-fs.ts';
import type { SourceRef } from './config-model.ts';
import { KNOWN_DIRECTIVES, KNOWN_MODULES } from './known-directives.ts';
import type { ReadApacheConfigOptions } from './read-apache-config-options.ts';
import { type ConfigLine, splitConfigArgs, tokenizeApacheConfig } from './tokenize-apache-config.ts';
import { trimTrailingSlashes } from './trim-trailing-slashes.ts';

export interface ConfigNode {
  name: string;
  /** Lower-cased name. */
  nameKey: string;
  /** Arguments after `${VAR}` expansion and quote removal. */
  args: string[];
  /** The argument text after `${VAR}` expansion, before splitting (WSGIDaemonProcess parses it itself). */
  raw: string;
  source: SourceRef;
  /** Present for sections (`<VirtualHost>`, `<Location>`, `<If>` …). */
  children?: ConfigNode[];
}

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
const HTTPD_VERSION = [2, 4, 71];

interface Frame {
  node: ConfigNode;
  /** Index of the file in the include chain that opened it: sections must close in the same file. */
  fileDepth: number;
}

export function expandApacheConfig(
  entryFile: string,
  fs: ConfigFs,
  options: ReadApacheConfigOptions = {},
): ExpandedConfig {
  const errors: ConfigError[] = [];
  const warnings: ConfigError[] = [];
  const files: string[] = [];
  const modules: string[] = [];
  const loaded = new Set<string>();
  for (const m of options.staticModules ?? DEBIAN_STATIC_MODULES) {
    loaded.add(`${m}_module`);
    loaded.add(m === 'core' || m === 'http_core' ? `${m}.c` : `mod_${m}.c`);
  }
  const defines = new Map<string, string | undefined>();
  for (const d of options.defines ?? []) {
    const eq = d.indexOf('=');
    if (eq < 0) defines.set(d, undefined);
    else defines.set(d.slice(0, eq), d.slice(eq + 1));
  }
  const envvars = options.envvars ?? {};
  let serverRoot = options.serverRoot ?? dirnameOf(entryFile);
  const root: ConfigNode[] = [];
  const stack: Frame[] = [];
  const chain: string[] = [];
  const checkDirectives = options.checkDirectives ?? true;

  const current = (): ConfigNode[] => (stack.length === 0 ? root : stack[stack.length - 1].node.children!);

  function expandVars(raw: string, file: string, line: number): string {
    if (!raw.includes('${')) return raw;
    return raw.replace(/\$\{([A-Za-z0-9_:.-]+)\}/g, (whole, name: string) => {
      if (defines.has(name) && defines.get(name) !== undefined) return defines.get(name)!;
      if (Object.hasOwn(envvars, name)) return envvars[name];
      // AH00111: httpd leaves the text as is and warns.
      warnings.push({ file, line, message: `Config variable \${${name}} is not defined` });
      return whole;
    });
  }

  function isModuleLoaded(id: string): boolean {
    return loaded.has(id) || loaded.has(id.toLowerCase());
  }

  function directiveAvailable(nameKey: string): boolean | undefined {
    const owners = KNOWN_DIRECTIVES.get(nameKey);
    // mod_wsgi 6.x has directives Debian's 4.9.4 lacks: any WSGI… name is mod_wsgi's.
    if (owners === undefined && nameKey.startsWith('wsgi') && isModuleLoaded('wsgi_module')) return true;
    if (owners === undefined) return undefined;
    return owners.some(
      (m) => m === '' || isModuleLoaded(m) || (m.startsWith('mpm_') && modules.some((x) => x.startsWith('mpm_'))),
    );
  }

  function resolvePath(p: string): string {
    return p.startsWith('/') ? p : `${trimTrailingSlashes(serverRoot)}/${p}`;
  }

  function includeFiles(pattern: string, optional: boolean, at: ConfigLine): string[] {
    const path = resolvePath(pattern);
    if (/[*?[]/.test(path)) {
      const matches = fs.glob(path).sort();
      if (matches.length === 0 && !optional) {
        errors.push({ file: at.file, line: at.line, message: `Include: no matches for the wildcard '${pattern}'` });
      }
      return matches.flatMap((m) => (fs.isDirectory(m) ? filesUnder(m) : [m]));
    }
    let isDir = false;
    try {
      isDir = fs.isDirectory(path);
    } catch {
      isDir = false;
    }
    return isDir ? filesUnder(path) : [path];
  }

  function filesUnder(dir: string): string[] {
    const out: string[] = [];
    for (const entry of fs.listDir(dir).sort()) {
      const full = `${trimTrailingSlashes(dir)}/${entry}`;
      if (fs.isDirectory(full)) out.push(...filesUnder(full));
      else out.push(full);
    }
    return out;
  }

  function evalIfModule(arg: string): boolean {
    const neg = arg.startsWith('!');
    const id = neg ? arg.slice(1) : arg;
    const on = isModuleLoaded(id);
    return neg ? !on : on;
  }

  function evalIfDefine(arg: string): boolean {
    const neg = arg.startsWith('!');
    const name = neg ? arg.slice(1) : arg;
    return neg ? !defines.has(name) : defines.has(name);
  }

  function evalIfVersion(args: string[]): boolean {
    let op = '=';
    let ver = args[0] ?? '';
    if (args.length >= 2) {
      op = args[0];
      ver = args[1];
    }
    const neg = op.startsWith('!');
    if (neg) op = op.slice(1);
    let res: boolean;
    const have = HTTPD_VERSION.join('.');
    if (op === '~' || (ver.startsWith('/') && ver.endsWith('/') && ver.length > 1)) {
      const src = ver.startsWith('/') ? ver.slice(1, -1) : ver;
      try {
        res = new RegExp(src).test(have);
      } catch {
        res = false;
      }
    } else {
      const want = ver.split('.').map((x) => Number.parseInt(x, 10) || 0);
      let cmp = 0;
      for (let k = 0; k < 3 && cmp === 0; k++) cmp = Math.sign(HTTPD_VERSION[k] - (want[k] ?? 0));
      res = op === '>' ? cmp > 0 : op === '>=' ? cmp >= 0 : op === '<' ? cmp < 0 : op === '<=' ? cmp <= 0 : cmp === 0;
    }
    return neg ? !res : res;
  }

  function evalIfFile(arg: string): boolean {
    const neg = arg.startsWith('!');
    const p = resolvePath(neg ? arg.slice(1) : arg);
    let exists = false;
    try {
      exists = fs.isDirectory(p);
      if (!exists) {
        fs.readFile(p);
        exists = true;
      }
    } catch (err) {
      exists = (err as NodeJS.ErrnoException)?.code === 'EACCES';
    }
    return neg ? !exists : exists;
  }

  /** True when the section's body is read; false for a resolved-false <IfModule>/<IfDefine>/…; 'skip' for <Macro>. */
  function sectionTaken(l: ConfigLine, args: string[]): boolean {
    switch (l.nameKey) {
      case 'ifmodule':
        return evalIfModule(args[0] ?? '');
      case 'ifdefine':
        return evalIfDefine(args[0] ?? '');
      case 'ifversion':
        return evalIfVersion(args);
      case 'iffile':
        return evalIfFile(args[0] ?? '');
      case 'ifdirective': {
        const a = args[0] ?? '';
        const neg = a.startsWith('!');
        const on = directiveAvailable((neg ? a.slice(1) : a).toLowerCase()) === true;
        return neg ? !on : on;
      }
      case 'ifsection': {
        const a = args[0] ?? '';
        const neg = a.startsWith('!');
        const on = directiveAvailable((neg ? a.slice(1) : a).toLowerCase()) === true;
        return neg ? !on : on;
      }
      case 'macro':
        return false;
      default:
        return true;
    }
  }

  const toCheck: { key: string; name: string; file: string; line: number }[] = [];

  /** Apache refuses unknown directives; with a module loaded that we do not know, it may be that module's. */
  function reportInvalid(name: string, file: string, line: number): void {
    const foreign = modules.filter((m) => !KNOWN_MODULES.has(m));
    if (foreign.length === 0) errors.push({ file, line, message: invalidCommand(name) });
    else warnings.push({ file, line, message: `${invalidCommand(name)} (unless ${foreign.join(', ')} defines it)` });
  }

  const TRANSPARENT = new Set(['ifmodule', 'ifdefine', 'ifversion', 'iffile', 'ifdirective', 'ifsection']);

  function readFile(file: string, from: ConfigLine | undefined, optional: boolean): void {
    const at = from ?? { file, line: 0 };
    if (chain.includes(file)) {
      errors.push({
        file: at.file,
        line: at.line,
        message: `Include loop: ${[...chain.slice(chain.indexOf(file)), file].join(' -> ')}`,
      });
      return;
    }
    if (chain.length >= MAX_INCLUDE_DEPTH) {
      errors.push({
        file: at.file,
        line: at.line,
        message: `Exceeded the maximum include nesting level of ${MAX_INCLUDE_DEPTH}`,
      });
      return;
    }
    let text: string;
    try {
      text = fs.readFile(file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException)?.code;
      if (optional && code === 'ENOENT') return;
      const why =
        code === 'ENOENT'
          ? 'No such file or directory'
          : code === 'EACCES'
            ? 'Permission denied'
            : code === 'EISDIR'
              ? 'Is a directory'
              : String((err as Error)?.message ?? err);
      errors.push({ file: at.file, line: at.line, message: `Could not open configuration file ${file}: ${why}` });
      return;
    }
    files.push(file);
    chain.push(file);
    const fileDepth = chain.length;
    const baseStack = stack.length;
    const tokens = tokenizeApacheConfig(text, file);
    errors.push(...tokens.errors);
    let skipDepth = 0;
    let skipLine = 0;
    /** Transparent sections (<IfModule> taken …) have no node; their closes just pop this counter. */
    const transparent: { nameKey: string; line: number; stackLen: number }[] = [];
    for (const l of tokens.lines) {
      if (skipDepth > 0) {
        if (l.kind === 'open') skipDepth++;
        else if (l.kind === 'close') skipDepth--;
        continue;
      }
      if (l.kind === 'close') {
        const top = transparent[transparent.length - 1];
        const topFrame = stack[stack.length - 1];
        const frameIsNewer =
          topFrame !== undefined && stack.length > baseStack && (top === undefined || stack.length > top.stackLen);
        if (frameIsNewer) {
          if (topFrame.node.nameKey !== l.nameKey) {
            errors.push({ file, line: l.line, message: `Expected </${topFrame.node.name}> but saw </${l.name}>` });
          }
          stack.pop();
        } else if (top !== undefined) {
          if (top.nameKey !== l.nameKey) {
            errors.push({ file, line: l.line, message: `Expected </${nameOfKey(top.nameKey)}> but saw </${l.name}>` });
          }
          transparent.pop();
        } else {
          errors.push({ file, line: l.line, message: `</${l.name}> without matching <${l.name}> section` });
        }
        continue;
      }
      const raw = expandVars(l.rawArgs, file, l.line);
      const args = splitConfigArgs(raw);
      const source = { file, line: l.line };
      if (l.kind === 'open') {
        if (checkDirectives) toCheck.push({ key: l.nameKey, name: `<${l.name}`, file, line: l.line });
        if (!sectionTaken(l, args)) {
          skipDepth = 1;
          skipLine = l.line;
          continue;
        }
        if (TRANSPARENT.has(l.nameKey)) {
          transparent.push({ nameKey: l.nameKey, line: l.line, stackLen: stack.length });
          continue;
        }
        const node: ConfigNode = { name: l.name, nameKey: l.nameKey, args, raw, source, children: [] };
        current().push(node);
        stack.push({ node, fileDepth });
        continue;
      }
      // Directives that steer reading.
      switch (l.nameKey) {
        case 'include':
        case 'includeoptional': {
          const optional = l.nameKey === 'includeoptional';
          // TAKE1 (server/core.c): `Include a b` and `Include ""` are syntax errors (apache2 -t agrees), not one
          // include per argument — a line of 32,768 `""` was 32,768 failed reads (found by the fuzz suite).
          if (args.length !== 1 || args[0] === '') {
            errors.push({
              file,
              line: l.line,
              message: `${l.name} takes one argument, ${optional ? INCLUDE_OPTIONAL_USAGE : INCLUDE_USAGE}`,
            });
            continue;
          }
          let included: string[];
          try {
            included = includeFiles(args[0], optional, l);
          } catch (err) {
            // A directory that cannot be listed (EACCES) and the like.
            const code = (err as NodeJS.ErrnoException)?.code ?? (err as Error)?.message;
            errors.push({ file, line: l.line, message: `Could not read ${args[0]}: ${code}` });
            continue;
          }
          for (const f of included) readFile(f, l, optional);
          continue;
        }
        case 'define':
          if (args[0] !== undefined) defines.set(args[0], args[1]);
          break;
        case 'undefine':
          if (args[0] !== undefined) defines.delete(args[0]);
          break;
        case 'loadmodule':
          if (args[0] !== undefined && !isModuleLoaded(args[0])) {
            modules.push(args[0]);
            loaded.add(args[0]);
            const short = args[0].replace(/_module$/, '');
            loaded.add(short.startsWith('mpm_') ? `${short.slice(4)}.c` : `mod_${short}.c`);
          }
          break;
        case 'serverroot':
          if (args[0] !== undefined) serverRoot = trimTrailingSlashes(args[0]) || '/';
          break;
      }
      if (checkDirectives) toCheck.push({ key: l.nameKey, name: l.name, file, line: l.line });
      current().push({ name: l.name, nameKey: l.nameKey, args, raw, source });
    }
    while (stack.length > baseStack && stack[stack.length - 1].fileDepth === fileDepth) {
      const open = stack.pop()!;
      errors.push({ file, line: open.node.source.line, message: `<${open.node.name}> was not closed` });
    }
    for (const t of transparent) {
      errors.push({ file, line: t.line, message: `<${nameOfKey(t.nameKey)}> was not closed` });
    }
    if (skipDepth > 0)
      errors.push({ file, line: skipLine, message: 'Section was not closed before the end of the file' });
    chain.pop();
  }

  readFile(entryFile, undefined, false);
  // httpd runs LoadModule while reading (EXEC_ON_READ) but looks other directives up only when it walks the whole tree,
  // so `Listen` before `LoadModule mpm_…` is valid: check against every module the config loads.
  for (const c of toCheck) if (directiveAvailable(c.key) !== true) reportInvalid(c.name, c.file, c.line);
  return { nodes: root, files, modules, serverRoot, errors, warnings };
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
