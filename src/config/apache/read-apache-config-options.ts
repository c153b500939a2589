// What httpd is started with, beyond the config files: `-D`, `-d`, envvars, compiled-in modules.

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
