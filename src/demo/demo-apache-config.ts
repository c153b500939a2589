// Demo stage: writes a small, real Apache config tree into a temp dir so the agent reads the demo through the real
// config reader (vhost, <Location>s under RATE_LIMIT, a mod_wsgi daemon group with response-flush-delay=0).

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The access LogFormat the demo's lines follow (apache-mod_wsgi-formats.md §1.5). */
export const DEMO_LOG_FORMAT = '%h %l %u %t "%r" %>s %O %B %D %X %{remote}p "%{rate-limit}e" "%{User-Agent}i"';

export const DEMO_VHOST = 'shop.example';

export interface DemoPaths {
  dir: string;
  configFile: string;
  accessLog: string;
  errorLog: string;
}

/** The config text for a tree rooted at `dir` (pure). */
export function demoApacheConfigText(dir: string, port = 8080): string {
  const mod = (name: string, file: string) => `LoadModule ${name}_module /usr/lib/apache2/modules/mod_${file}.so`;
  return `# wsgiwatch demo config (src/demo/demo-apache-config.ts): read by the agent, never run.
ServerRoot "${dir}"
PidFile "${dir}/httpd.pid"
${mod('mpm_event', 'mpm_event')}
${mod('authz_core', 'authz_core')}
${mod('mime', 'mime')}
${mod('env', 'env')}
${mod('filter', 'filter')}
${mod('ratelimit', 'ratelimit')}
${mod('alias', 'alias')}
${mod('wsgi', 'wsgi')}
Listen 127.0.0.1:${port}
ServerName ${DEMO_VHOST}
ErrorLog "${dir}/error.log"
LogLevel warn wsgi:info
LogFormat "${DEMO_LOG_FORMAT.replaceAll('"', '\\"')}" demo
CustomLog "${dir}/access.log" demo
WSGIDaemonProcess shop processes=2 threads=15 response-flush-delay=0 response-buffer-size=65536
<VirtualHost 127.0.0.1:${port}>
    ServerName ${DEMO_VHOST}
    DocumentRoot "${dir}/htdocs"
    WSGIScriptAlias /downloads "${dir}/app/app.wsgi" process-group=shop application-group=%{GLOBAL}
    WSGIScriptAlias /reports "${dir}/app/app.wsgi" process-group=shop application-group=%{GLOBAL}
    WSGIScriptAlias /api "${dir}/app/app.wsgi" process-group=shop application-group=%{GLOBAL}
    WSGIScriptAlias /legacy "${dir}/app/app.wsgi" process-group=%{GLOBAL} application-group=%{GLOBAL}
    Alias /static "${dir}/htdocs/static"
    <Location "/downloads">
        WSGIProcessGroup shop
        SetOutputFilter RATE_LIMIT
        SetEnv rate-limit 1000
    </Location>
    <Location "/static">
        SetOutputFilter RATE_LIMIT
        SetEnv rate-limit 1000
    </Location>
    <Location "/reports">
        WSGIProcessGroup shop
        AddOutputFilterByType RATE_LIMIT application/zip
        SetEnv rate-limit 1000
    </Location>
    <Location "/api">
        WSGIProcessGroup shop
    </Location>
    <Location "/legacy">
        WSGIProcessGroup %{GLOBAL}
    </Location>
</VirtualHost>
`;
}

/** Writes httpd.conf (and empty logs) under `dir`. */
export function writeDemoApacheConfig(dir: string, port = 8080): DemoPaths {
  mkdirSync(join(dir, 'htdocs', 'static'), { recursive: true });
  mkdirSync(join(dir, 'app'), { recursive: true });
  writeFileSync(
    join(dir, 'app', 'app.wsgi'),
    'def application(environ, start_response):\n    raise NotImplementedError\n',
  );
  const configFile = join(dir, 'httpd.conf');
  writeFileSync(configFile, demoApacheConfigText(dir, port));
  const accessLog = join(dir, 'access.log');
  const errorLog = join(dir, 'error.log');
  writeFileSync(accessLog, '');
  writeFileSync(errorLog, '');
  return { dir, configFile, accessLog, errorLog };
}
