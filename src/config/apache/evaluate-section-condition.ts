// Whether httpd reads the body of <IfModule>, <IfDefine>, <IfVersion>, <IfFile>, <IfDirective>, <IfSection>
// (server/core.c start_if*), and <Macro> bodies, which are templates and never read as they stand.

import { directiveAvailable, type ExpandState, isModuleLoaded, resolveServerPath } from './expand-state.ts';
import type { ConfigLine } from './tokenize-apache-config.ts';

// The httpd version <IfVersion> compares against: Debian's.
const HTTPD_VERSION = [2, 4, 71];

/** True when the section's body is read; false for a resolved-false condition and for <Macro>. */
export function sectionTaken(st: ExpandState, l: ConfigLine, args: string[]): boolean {
  switch (l.nameKey) {
    case 'ifmodule':
      return negatable(args[0] ?? '', (id) => isModuleLoaded(st, id));
    case 'ifdefine':
      return negatable(args[0] ?? '', (name) => st.defines.has(name));
    case 'ifversion':
      return evalIfVersion(args);
    case 'iffile':
      return negatable(args[0] ?? '', (p) => fileExists(st, resolveServerPath(st, p)));
    case 'ifdirective':
    case 'ifsection':
      return negatable(args[0] ?? '', (name) => directiveAvailable(st, name.toLowerCase()) === true);
    case 'macro':
      return false;
    default:
      return true;
  }
}

function negatable(arg: string, test: (x: string) => boolean): boolean {
  const neg = arg.startsWith('!');
  const on = test(neg ? arg.slice(1) : arg);
  return neg ? !on : on;
}

function fileExists(st: ExpandState, p: string): boolean {
  try {
    if (st.fs.isDirectory(p)) return true;
    st.fs.readFile(p);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException)?.code === 'EACCES';
  }
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
