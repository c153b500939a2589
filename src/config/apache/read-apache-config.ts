// Apache httpd configuration → ConfigModel. Pure: every file is read through ConfigFs, so tests run on strings.

import { buildConfigModel } from './build-config-model.ts';
import type { ConfigError } from './config-error.ts';
import type { ConfigFs } from './config-fs.ts';
import type { ConfigModel } from './config-model.ts';
import { expandApacheConfig } from './expand-apache-config.ts';
import type { ReadApacheConfigOptions } from './read-apache-config-options.ts';

export type { ConfigError } from './config-error.ts';

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
