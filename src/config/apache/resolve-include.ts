// `Include`/`IncludeOptional` arguments → the files httpd reads, in its order: wildcards sorted, directories walked
// in sorted order (server/config.c ap_process_fnmatch_configs, process_resource_config_nofnmatch).

import { type ExpandState, resolveServerPath } from './expand-state.ts';
import type { ConfigLine } from './tokenize-apache-config.ts';
import { trimTrailingSlashes } from './trim-trailing-slashes.ts';

export function resolveInclude(st: ExpandState, pattern: string, optional: boolean, at: ConfigLine): string[] {
  const path = resolveServerPath(st, pattern);
  if (/[*?[]/.test(path)) {
    const matches = st.fs.glob(path).sort();
    if (matches.length === 0 && !optional) {
      st.errors.push({ file: at.file, line: at.line, message: `Include: no matches for the wildcard '${pattern}'` });
    }
    return matches.flatMap((m) => (st.fs.isDirectory(m) ? filesUnder(st, m) : [m]));
  }
  let isDir = false;
  try {
    isDir = st.fs.isDirectory(path);
  } catch {
    isDir = false;
  }
  return isDir ? filesUnder(st, path) : [path];
}

function filesUnder(st: ExpandState, dir: string): string[] {
  const out: string[] = [];
  for (const entry of st.fs.listDir(dir).sort()) {
    const full = `${trimTrailingSlashes(dir)}/${entry}`;
    if (st.fs.isDirectory(full)) out.push(...filesUnder(st, full));
    else out.push(full);
  }
  return out;
}
