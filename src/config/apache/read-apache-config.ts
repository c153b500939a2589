// Apache httpd configuration → ConfigModel. Pure: every file is read through ConfigFs, so tests run on strings.

import { buildConfigModel } from './build-config-model.ts';
import type { ConfigError } from './config-error.ts';
import type { ConfigModel } from './config-model.ts';
import { expandApacheConfig } from './expand-apache-config.ts';

export type { ConfigError } from './config-error.ts';

export interface ConfigFs {
  /** Throws an error with `code` ENOENT / EACCES / EISDIR like node:fs. */
  readFile(path: string): string;
  listDir(path: string): string[];
  isDirectory(path: string): boolean;
  /** Absolute paths matching a glob pattern (`*`, `?`, `[…]`), any order. */
  glob(pattern: string): string[];
}

export interface ReadApacheConfigOptions {
  /** `-D NAME` / `-D NAME=value` as given to httpd. */
  defines?: string[];
  /** Environment for `${VAR}` (Debian: /etc/apache2/envvars). */
  envvars?: Record<string, string>;
  /** `-d DIR`; default: the entry file's directory. */
  serverRoot?: string;
  /** Modules compiled into httpd (`apache2 -l`, without `mod_`/`.c`); default: Debian 2.4's. */
  staticModules?: string[];
  /** Report directives Apache would reject as `Invalid command` (default true). */
  checkDirectives?: boolean;
}

export function readApacheConfig(
  entryFile: string,
  fs: ConfigFs,
  options: ReadApacheConfigOptions = {},
): { model: ConfigModel; errors: ConfigError[]; warnings: ConfigError[] } {
  const expanded = expandApacheConfig(entryFile, fs, options);
  const built = buildConfigModel(expanded);
  return {
    model: built.model,
    errors: [...expanded.errors, ...built.errors],
    warnings: [...expanded.warnings, ...built.warnings],
  };
}
