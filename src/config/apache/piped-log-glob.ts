// A piped log target (`|/usr/bin/rotatelogs …`) → the files it writes, as a glob (httpd docs programs/rotatelogs.xml;
// domain doc §5.2).

import { splitConfigArgs } from './tokenize-apache-config.ts';
import { trimTrailingSlashes } from './trim-trailing-slashes.ts';

export interface PipedLogFiles {
  /** Glob of the files written (or the exact file for -t / -n). */
  path?: string;
  /** `-L linkname`: a hard link to the current file. */
  link?: string;
  /** Why no files could be derived (not rotatelogs, no log file argument). */
  reason?: string;
}

// strftime conversions → glob pieces; anything else becomes `*`.
const STRFTIME: Record<string, string> = {
  Y: '[0-9][0-9][0-9][0-9]',
  y: '[0-9][0-9]',
  m: '[0-9][0-9]',
  d: '[0-9][0-9]',
  H: '[0-9][0-9]',
  M: '[0-9][0-9]',
  S: '[0-9][0-9]',
  j: '[0-9][0-9][0-9]',
  s: '[0-9]*',
  '%': '%',
};

/** Flags that take a value (rotatelogs usage line). */
const WITH_VALUE = new Set(['-L', '-p', '-n']);

/** `target` is the CustomLog/ErrorLog argument including the leading `|`, `|$` or `||`. */
export function pipedLogGlob(target: string, serverRoot: string): PipedLogFiles {
  const command = target.replace(/^\|\|?\$?/, '');
  const words = splitConfigArgs(command);
  const program = words[0] ?? '';
  if (!/(^|\/)rotatelogs[0-9]*$/.test(program)) {
    return {
      reason: `piped log to ${program || 'an empty command'} is not rotatelogs: cannot tell which file it writes`,
    };
  }
  let link: string | undefined;
  let truncate = false;
  let cycle = false;
  let k = 1;
  while (k < words.length && words[k].startsWith('-')) {
    const flag = words[k];
    if (WITH_VALUE.has(flag)) {
      if (flag === '-L') link = words[k + 1];
      if (flag === '-n') cycle = true;
      k += 2;
      continue;
    }
    if (flag === '-t') truncate = true;
    k++;
  }
  const logfile = words[k];
  if (logfile === undefined) return { reason: 'rotatelogs without a log file argument' };
  const abs = (p: string) => (p.startsWith('/') ? p : `${trimTrailingSlashes(serverRoot)}/${p}`);
  let path: string;
  if (truncate) path = abs(logfile);
  else if (cycle) path = `${abs(logfile)}*`;
  else if (logfile.includes('%')) path = abs(logfile.replace(/%(.)/g, (_, c: string) => STRFTIME[c] ?? '*'));
  // Without a `%`, rotatelogs appends `.nnnnnnnnnn`, the epoch second the period started.
  else path = `${abs(logfile)}.[0-9]*`;
  return { path, link: link === undefined ? undefined : abs(link) };
}
