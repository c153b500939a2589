// Debian's /etc/apache2/envvars (a shell fragment sourced by apache2ctl) → the variables `${APACHE_LOG_DIR}` & co.
// Only plain `[export] NAME=value` lines are evaluated; if/fi blocks are skipped, and SUFFIX is derived as envvars does.

export function parseEnvvars(
  text: string,
  confDir: string,
  inherited: Record<string, string> = {},
): Record<string, string> {
  const vars: Record<string, string> = { ...inherited };
  vars.APACHE_CONFDIR ??= confDir;
  // envvars: SUFFIX="-${APACHE_CONFDIR##/etc/apache2-}" for /etc/apache2-NAME, else empty.
  const c = vars.APACHE_CONFDIR;
  vars.SUFFIX ??= c.startsWith('/etc/apache2-') ? `-${c.slice('/etc/apache2-'.length)}` : '';
  let depth = 0;
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (/^if\b/.test(line)) depth++;
    else if (/^fi\b/.test(line)) depth = Math.max(0, depth - 1);
    if (depth > 0 || /^fi\b/.test(line)) continue;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (m === null) continue;
    vars[m[1]] = expandShell(unquote(m[2].trim()), vars);
  }
  return vars;
}

function unquote(v: string): string {
  if ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) return v.slice(1, -1);
  return v;
}

function expandShell(v: string, vars: Record<string, string>): string {
  return v.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (_, a?: string, b?: string) => vars[(a ?? b)!] ?? '',
  );
}
