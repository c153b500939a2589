// LogFormat nicknames: Debian's five (/etc/apache2/apache2.conf:212-216) plus those the Apache config defines.

/** Debian's predefined formats, config-unquoted. */
export const LOG_FORMAT_NICKNAMES: Readonly<Record<string, string>> = Object.freeze({
  vhost_combined: '%v:%p %h %l %u %t "%r" %>s %O "%{Referer}i" "%{User-Agent}i"',
  combined: '%h %l %u %t "%r" %>s %O "%{Referer}i" "%{User-Agent}i"',
  common: '%h %l %u %t "%r" %>s %O',
  referer: '%{Referer}i -> %U',
  agent: '%{User-agent}i',
});

/**
 * CustomLog's second argument is a nickname when it holds no `%` (mod_log_config.c open_config_log);
 * caller nicknames (from the config's LogFormat … name) take precedence over Debian's.
 * An unknown nickname is returned unchanged: Apache then logs it as literal text.
 */
export function resolveLogFormat(nameOrFormat: string, nicknames?: ReadonlyMap<string, string>): string {
  if (nameOrFormat.includes('%')) return nameOrFormat;
  const own = nicknames?.get(nameOrFormat);
  if (own !== undefined) return own;
  return Object.hasOwn(LOG_FORMAT_NICKNAMES, nameOrFormat) ? LOG_FORMAT_NICKNAMES[nameOrFormat] : nameOrFormat;
}
