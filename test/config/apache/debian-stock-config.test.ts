// Acceptance: Debian's real /etc/apache2 (copied, with mod_ratelimit enabled by symlink as a2enmod would) is read with
// no error, and what we extract matches what httpd itself reports: `apache2ctl -S` (vhosts, ServerRoot, main ErrorLog),
// `apache2ctl -M` (modules) and `apache2 -t -D DUMP_CONFIG` with mod_info (log directives and LogFormats).

import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConfigModel } from '../../../src/config/apache/config-model.ts';
import { loadApacheConfig } from '../../../src/config/apache/load-apache-config.ts';
import { splitConfigArgs } from '../../../src/config/apache/tokenize-apache-config.ts';

const HAVE = existsSync('/etc/apache2/apache2.conf') && existsSync('/usr/sbin/apache2ctl');
const MOD_INFO = '/usr/lib/apache2/modules/mod_info.so';

// A second site added to the copy: a named vhost with alias, its own LogFormat, a rotatelogs pipe (port from 18100-18199).
const RL_SITE = `<VirtualHost 127.0.0.1:18150>
    ServerName rl.example.test
    ServerAlias www.rl.example.test
    LogFormat "%v %h %t \\"%r\\" %>s %O %D %{rate-limit}e" rl
    ErrorLog \${APACHE_LOG_DIR}/rl-error.log
    CustomLog \${APACHE_LOG_DIR}/rl-access.log rl
    CustomLog "|/usr/bin/rotatelogs -L \${APACHE_LOG_DIR}/rl-current.log \${APACHE_LOG_DIR}/rl.%Y%m%d.log 86400" combined
    <Location "/downloads">
        SetOutputFilter RATE_LIMIT
        SetEnv rate-limit 400
    </Location>
</VirtualHost>
`;

interface HttpdView {
  serverRoot: string;
  mainErrorLog: string;
  vhosts: { name: string; at: string }[];
  modules: string[];
  /** `<VirtualHost>` file:line → ServerAlias names, from DUMP_CONFIG (-S lists aliases only for name-based sets). */
  aliases: Map<string, string[]>;
  /** `file:line` → target as httpd printed it, for ErrorLog/CustomLog/TransferLog/GlobalLog. */
  logs: Map<string, { directive: string; target: string; format?: string }>;
  files: string[];
  /** `<Location>`/`<LocationMatch>` file:line. */
  locations: string[];
}

function httpd(dir: string): HttpdView {
  const env = { ...process.env, APACHE_CONFDIR: dir };
  const run = (args: string[]) =>
    execFileSync('/usr/sbin/apache2ctl', args, {
      env,
      encoding: 'utf8',
      timeout: 30_000,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  const s = run(['-S']);
  const vhosts: HttpdView['vhosts'] = [];
  const aliases: HttpdView['aliases'] = new Map();
  let vhostAt = '';
  for (const line of s.split('\n')) {
    const m = /^(?:\S+\s+|\s+port \d+ namevhost )(\S+) \((.+:\d+)\)$/.exec(line);
    if (m !== null && !line.includes('default server')) vhosts.push({ name: m[1], at: m[2] });
  }
  const modules = run(['-M'])
    .split('\n')
    .map((l) => /^\s*(\S+) \(shared\)$/.exec(l)?.[1])
    .filter((m): m is string => m !== undefined);
  const dump = execFileSync(
    '/bin/sh',
    [
      '-c',
      `. "$APACHE_CONFDIR/envvars"; exec /usr/sbin/apache2 -d "$APACHE_CONFDIR" -f apache2.conf -C "LoadModule info_module ${MOD_INFO}" -t -D DUMP_CONFIG`,
    ],
    { env, encoding: 'utf8', timeout: 30_000, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const logs: HttpdView['logs'] = new Map();
  const files: string[] = [];
  const locations: string[] = [];
  const formats = { server: new Map<string, string>(), vhost: new Map<string, string>() };
  const pending: { key: string; directive: string; target: string; nick: string; inVhost: boolean }[] = [];
  let file = '';
  let line = 0;
  let inVhost = false;
  for (const text of dump.split('\n')) {
    const f = /^# In file: (.+)$/.exec(text);
    if (f !== null) {
      file = f[1];
      files.push(file);
      continue;
    }
    const n = /^\s*#\s*(\d+):$/.exec(text);
    if (n !== null) {
      line = Number(n[1]);
      continue;
    }
    const t = text.trim();
    if (/^<Location(Match)?\b/i.test(t)) locations.push(`${file}:${line}`);
    if (/^<VirtualHost\b/i.test(t)) {
      inVhost = true;
      vhostAt = `${file}:${line}`;
      aliases.set(vhostAt, []);
      formats.vhost = new Map();
    }
    if (/^<\/VirtualHost>/i.test(t)) {
      for (const p of pending.filter((x) => x.inVhost)) resolve(p, formats.vhost);
      pending.splice(0, pending.length, ...pending.filter((x) => !x.inVhost));
      inVhost = false;
    }
    const d = /^(\S+)\s+(.*)$/.exec(t);
    if (d === null) continue;
    const args = splitConfigArgs(d[2]);
    const name = d[1].toLowerCase();
    if (name === 'serveralias' && inVhost) aliases.get(vhostAt)!.push(...args);
    if (name === 'logformat' && args.length >= 2) (inVhost ? formats.vhost : formats.server).set(args[1], args[0]);
    if (['errorlog', 'customlog', 'transferlog', 'globallog'].includes(name)) {
      pending.push({ key: `${file}:${line}`, directive: name, target: args[0], nick: args[1] ?? '', inVhost });
    }
  }
  for (const p of pending) resolve(p, new Map());
  function resolve(p: (typeof pending)[number], vhost: Map<string, string>) {
    const format =
      p.directive === 'errorlog'
        ? undefined
        : p.nick.includes('%')
          ? p.nick
          : (vhost.get(p.nick) ?? formats.server.get(p.nick) ?? p.nick);
    logs.set(p.key, { directive: p.directive, target: p.target, format });
  }
  return {
    serverRoot: /^ServerRoot: "(.*)"$/m.exec(s)?.[1] ?? '',
    mainErrorLog: /^Main ErrorLog: "(.*)"$/m.exec(s)?.[1] ?? '',
    vhosts,
    aliases,
    modules,
    logs,
    files,
    locations,
  };
}

function compare(model: ConfigModel, view: HttpdView): void {
  // Guard against comparing two empty lists if httpd's output format changes.
  expect(view.vhosts.length).toBeGreaterThan(0);
  expect(view.logs.size).toBeGreaterThanOrEqual(4);
  expect(view.modules.length).toBeGreaterThan(10);
  expect(model.serverRoot).toBe(view.serverRoot);
  expect(model.logTargets.find((t) => t.log === 'error' && t.vhost === 'default')?.path).toBe(view.mainErrorLog);
  expect([...model.modules].sort()).toEqual([...view.modules].filter((m) => m !== 'info_module').sort());
  // Vhosts: same definitions (file:line); same ServerName and aliases where one is set (else -S prints the host name).
  const ours = model.vhosts.map((v) => ({ at: `${v.source.file}:${v.source.line}`, name: v.name, aliases: v.aliases }));
  expect(ours.map((v) => v.at).sort()).toEqual(view.vhosts.map((v) => v.at).sort());
  for (const v of ours) {
    const theirs = view.vhosts.find((x) => x.at === v.at)!;
    expect(v.aliases).toEqual(view.aliases.get(v.at));
    if (!v.name.includes(':')) expect(v.name).toBe(theirs.name);
  }
  // Log directives: each one httpd shows is one of our targets, at the same file:line, same file and format.
  const targets = new Map(
    model.logTargets.filter((t) => t.source.line > 0).map((t) => [`${t.source.file}:${t.source.line}`, t]),
  );
  expect([...targets.keys()].sort()).toEqual([...view.logs.keys()].sort());
  for (const [at, log] of view.logs) {
    const t = targets.get(at)!;
    expect(t.log).toBe(log.directive === 'errorlog' ? 'error' : 'access');
    expect(t.piped ?? t.path).toBe(log.target);
    if (log.format !== undefined) expect(t.format).toBe(log.format);
  }
  for (const f of view.files) expect(model.files).toContain(f);
  // Every <Location>/<LocationMatch> httpd shows is one of our locations, at the same file:line.
  const ourLocations = new Set(model.locations.map((l) => `${l.source.file}:${l.source.line}`));
  expect(view.locations.length).toBeGreaterThan(0);
  for (const at of view.locations) expect(ourLocations).toContain(at);
}

describe.skipIf(!HAVE)("Debian's stock /etc/apache2, copied, with ratelimit enabled", () => {
  let root = '';
  let dir = '';
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'wsgiwatch-d-debian-'));
    dir = join(root, 'apache2');
    cpSync('/etc/apache2', dir, { recursive: true, verbatimSymlinks: true });
    // What `a2enmod ratelimit` does, on the copy only.
    symlinkSync('../mods-available/ratelimit.load', join(dir, 'mods-enabled', 'ratelimit.load'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('reads with no error and matches apache2ctl -S, -M and DUMP_CONFIG', () => {
    const { model, errors, warnings } = loadApacheConfig(join(dir, 'apache2.conf'));
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
    expect(model.modules).toContain('ratelimit_module');
    expect(model.logTargets.map((t) => t.path)).toContain('/var/log/apache2/access.log');
    compare(model, httpd(dir));
  });

  it('still matches with a second, rate-limited vhost with its own LogFormat and a rotatelogs pipe', () => {
    writeFileSync(join(dir, 'sites-available', 'rl-test.conf'), RL_SITE);
    symlinkSync('../sites-available/rl-test.conf', join(dir, 'sites-enabled', 'rl-test.conf'));
    const { model, errors } = loadApacheConfig(join(dir, 'apache2.conf'));
    expect(errors).toEqual([]);
    compare(model, httpd(dir));
    expect(model.logTargets).toContainEqual(
      expect.objectContaining({
        path: '/var/log/apache2/rl.[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9].log',
        link: '/var/log/apache2/rl-current.log',
        vhost: 'rl.example.test',
      }),
    );
    expect(model.rateLimits).toEqual([
      expect.objectContaining({
        vhost: 'rl.example.test',
        location: '/downloads',
        rateKiB: 400,
        filter: expect.objectContaining({ how: 'SetOutputFilter' }),
      }),
    ]);
  });
});
