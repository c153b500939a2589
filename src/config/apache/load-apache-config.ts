// The I/O edge of config/apache: reads the real files (and Debian's envvars next to apache2.conf) for readApacheConfig.

import { existsSync, globSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { ConfigError } from './config-error.ts';
import type { ConfigFs } from './config-fs.ts';
import type { ConfigModel } from './config-model.ts';
import { parseEnvvars } from './parse-envvars.ts';
import { readApacheConfig } from './read-apache-config.ts';
import type { ReadApacheConfigOptions } from './read-apache-config-options.ts';

export const nodeConfigFs: ConfigFs = {
  readFile: (path) => readFileSync(path, 'utf8'),
  listDir: (path) => readdirSync(path),
  isDirectory: (path) => {
    try {
      return statSync(path).isDirectory();
    } catch {
      return false;
    }
  },
  glob: (pattern) => globSync(pattern).map((p) => resolve(p)),
};

export interface LoadApacheConfigOptions extends ReadApacheConfigOptions {
  /** Debian envvars file; default: `envvars` next to the entry file when it exists. */
  envvarsFile?: string;
  /** Environment the envvars file starts from (default: APACHE_CONFDIR etc. from process.env when set). */
  env?: Record<string, string | undefined>;
}

export function loadApacheConfig(
  entryPath: string,
  options: LoadApacheConfigOptions = {},
): { model: ConfigModel; errors: ConfigError[]; warnings: ConfigError[] } {
  // Relative ServerRoot-based includes need an absolute start.
  const entryFile = resolve(entryPath);
  const confDir = dirname(entryFile);
  const envvarsFile = options.envvarsFile ?? join(confDir, 'envvars');
  let envvars = options.envvars;
  if (envvars === undefined && existsSync(envvarsFile)) {
    const env = options.env ?? process.env;
    const inherited: Record<string, string> = {};
    if (env.APACHE_CONFDIR !== undefined) inherited.APACHE_CONFDIR = env.APACHE_CONFDIR;
    try {
      envvars = parseEnvvars(readFileSync(envvarsFile, 'utf8'), confDir, inherited);
    } catch {
      envvars = undefined;
    }
  }
  return readApacheConfig(entryFile, nodeConfigFs, { ...options, envvars });
}

/** The distribution's main config file, when present. */
export function discoverApacheConfig(): string | undefined {
  for (const p of ['/etc/apache2/apache2.conf', '/etc/httpd/conf/httpd.conf', '/usr/local/apache2/conf/httpd.conf']) {
    if (existsSync(p)) return p;
  }
  return undefined;
}
