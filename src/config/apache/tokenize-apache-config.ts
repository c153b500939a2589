// One Apache config file's text → directive lines and section open/close markers (httpd server/config.c, util.c).

import type { ConfigError } from './config-error.ts';

export interface ConfigLine {
  kind: 'directive' | 'open' | 'close';
  /** Directive or section name as written (`SetEnv`, `VirtualHost`); compare with `nameKey`. */
  name: string;
  /** Lower-cased name: Apache directive names are case-insensitive. */
  nameKey: string;
  /** Everything after the name, continuation lines joined, not yet split (variables are expanded later). */
  rawArgs: string;
  file: string;
  /** Line where the directive starts. */
  line: number;
}

/**
 * Splits a file into logical lines. A trailing `\` joins the next physical line (ap_cfg_getline); a line whose first
 * non-blank character is `#` is a comment (Apache has no trailing comments); `<Name args>` opens and `</Name>` closes.
 */
export function tokenizeApacheConfig(text: string, file: string): { lines: ConfigLine[]; errors: ConfigError[] } {
  const lines: ConfigLine[] = [];
  const errors: ConfigError[] = [];
  const physical = text.split(/\r?\n/);
  let i = 0;
  while (i < physical.length) {
    const startLine = i + 1;
    let logical = physical[i].trimEnd();
    i++;
    // ap_cfg_getline: a backslash as the last character (after trailing blanks are trimmed) is dropped and the next
    // physical line is appended as it is.
    while (logical.endsWith('\\') && !logical.trimStart().startsWith('#') && i < physical.length) {
      logical = `${logical.slice(0, -1)}${physical[i]}`.trimEnd();
      i++;
    }
    const body = logical.trim();
    if (body === '' || body.startsWith('#')) continue;
    if (body.startsWith('</')) {
      const end = body.indexOf('>');
      if (end < 0) {
        errors.push({ file, line: startLine, message: `Invalid section end ${body}: missing '>'` });
        continue;
      }
      const name = body.slice(2, end).trim();
      lines.push({ kind: 'close', name, nameKey: name.toLowerCase(), rawArgs: '', file, line: startLine });
      continue;
    }
    if (body.startsWith('<')) {
      if (!body.endsWith('>')) {
        errors.push({ file, line: startLine, message: `${body.split(/\s/)[0]}> directive missing closing '>'` });
        continue;
      }
      const inner = body.slice(1, -1).trim();
      const m = /^(\S+)\s*(.*)$/s.exec(inner);
      const name = m?.[1] ?? '';
      lines.push({ kind: 'open', name, nameKey: name.toLowerCase(), rawArgs: m?.[2] ?? '', file, line: startLine });
      continue;
    }
    const m = /^(\S+)\s*(.*)$/s.exec(body);
    if (m === null) continue;
    lines.push({ kind: 'directive', name: m[1], nameKey: m[1].toLowerCase(), rawArgs: m[2], file, line: startLine });
  }
  return { lines, errors };
}

/**
 * ap_getword_conf: words separated by blanks; a word starting with `"` or `'` runs to the matching quote, and a
 * backslash before that quote character keeps it literally.
 */
export function splitConfigArgs(raw: string): string[] {
  const words: string[] = [];
  let i = 0;
  const n = raw.length;
  while (i < n) {
    while (i < n && (raw[i] === ' ' || raw[i] === '\t')) i++;
    if (i >= n) break;
    const q = raw[i];
    if (q === '"' || q === "'") {
      i++;
      let word = '';
      while (i < n && raw[i] !== q) {
        if (raw[i] === '\\' && raw[i + 1] === q) {
          word += q;
          i += 2;
          continue;
        }
        word += raw[i];
        i++;
      }
      i++;
      words.push(word);
      continue;
    }
    let word = '';
    while (i < n && raw[i] !== ' ' && raw[i] !== '\t') {
      word += raw[i];
      i++;
    }
    words.push(word);
  }
  return words;
}
