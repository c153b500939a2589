// Bench: loadApacheConfig on a generated 5,000-file include tree (1,000 vhost files, 4,000 snippets under globbed and
// directory includes) against a baseline that only lists the same files and reads and splits them into lines.
// Target (issue #3): under 2 s.

import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadApacheConfig } from '../src/config/apache/load-apache-config.ts';

const FILES = Number(process.env.FILES ?? 5000);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const VHOSTS = Math.floor(FILES / 5);

function generate(root: string): void {
  mkdirSync(join(root, 'sites'), { recursive: true });
  const mods = [
    'mpm_event',
    'alias',
    'env',
    'setenvif',
    'filter',
    'mime',
    'ratelimit',
    'wsgi',
    'authz_core',
    'rewrite',
  ];
  writeFileSync(
    join(root, 'apache2.conf'),
    `${mods.map((m) => `LoadModule ${m}_module /usr/lib/apache2/modules/mod_${m}.so`).join('\n')}
ServerRoot ${root}
Define LOGDIR /var/log/bench
ErrorLog \${LOGDIR}/error.log
LogLevel warn wsgi:info
LogFormat "%v %h %t \\"%r\\" %>s %O %D" timed
IncludeOptional snippets/
IncludeOptional sites/*.conf
`,
  );
  for (let v = 0; v < VHOSTS; v++) {
    writeFileSync(
      join(root, 'sites', `site-${String(v).padStart(4, '0')}.conf`),
      `<VirtualHost *:80>
    ServerName site${v}.example.test
    ServerAlias www.site${v}.example.test
    DocumentRoot /srv/site${v}/www
    WSGIDaemonProcess app${v} processes=2 threads=15 display-name=%{GROUP} \\
        request-timeout=60 python-home="/srv/site${v}/venv"
    WSGIScriptAlias /app /srv/site${v}/app.wsgi process-group=app${v}
    CustomLog "|/usr/bin/rotatelogs -l \${LOGDIR}/site${v}.%Y%m%d.log 86400" timed
    <Location "/downloads">
        SetOutputFilter RATE_LIMIT
        SetEnv rate-limit ${100 + v}
    </Location>
    <IfModule mod_rewrite.c>
        RewriteEngine On
        RewriteRule "^/big/" "-" [E=rate-limit:64]
    </IfModule>
</VirtualHost>
`,
    );
  }
  const snippets = FILES - VHOSTS - 1;
  const perDir = 100;
  for (let s = 0; s < snippets; s++) {
    const dir = join(root, 'snippets', `d${String(Math.floor(s / perDir)).padStart(3, '0')}`);
    if (s % perDir === 0) mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, `s${String(s).padStart(5, '0')}.conf`),
      `# snippet ${s}
<Directory /srv/shared/s${s}>
    Require all granted
    AddOutputFilterByType RATE_LIMIT application/octet-stream
</Directory>
SetEnvIf Request_URI "^/s${s}/" rate-limit=${50 + (s % 100)}
`,
    );
  }
}

function baseline(root: string): number {
  let lines = 0;
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else lines += readFileSync(p, 'utf8').split('\n').length;
    }
  };
  walk(root);
  return lines;
}

const root = process.env.KEEP ?? mkdtempSync(join(tmpdir(), 'wsgiwatch-bench-config-'));
mkdirSync(root, { recursive: true });
try {
  generate(root);
  let bestOurs = Number.POSITIVE_INFINITY;
  let bestBase = Number.POSITIVE_INFINITY;
  let files = 0;
  let vhosts = 0;
  let rules = 0;
  for (let r = 0; r < ROUNDS; r++) {
    let t = performance.now();
    const lines = baseline(root);
    bestBase = Math.min(bestBase, performance.now() - t);
    t = performance.now();
    const { model, errors } = loadApacheConfig(join(root, 'apache2.conf'));
    bestOurs = Math.min(bestOurs, performance.now() - t);
    if (errors.length > 0)
      throw new Error(`bench config has errors: ${errors[0].file}:${errors[0].line} ${errors[0].message}`);
    files = model.files.length;
    vhosts = model.vhosts.length;
    rules = model.rateLimits.length;
    if (r === 0) console.log(`tree: ${files} files, ${lines} lines, ${vhosts} vhosts, ${rules} rate-limit rules`);
  }
  console.log(`loadApacheConfig: ${(bestOurs / 1000).toFixed(3)} s (best of ${ROUNDS}; target < 2 s)`);
  console.log(`baseline (list + read + split the same files): ${(bestBase / 1000).toFixed(3)} s`);
  console.log(`ratio: ${(bestOurs / bestBase).toFixed(1)}x the baseline`);
} finally {
  if (process.env.KEEP === undefined) rmSync(root, { recursive: true, force: true });
}
