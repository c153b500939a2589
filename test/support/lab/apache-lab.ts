// A private, real Apache httpd (Debian's /usr/sbin/apache2 + mod_wsgi 4.9.4 + mod_ratelimit) on a loopback port, with
// its own ServerRoot under a temp dir, for end-to-end tests. Reuses the setup of /work/shared/domain/ratelimit-measurements.md.

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { processAlive } from '../process-alive.ts';

export const APACHE_BINARY = '/usr/sbin/apache2';
export const APACHE_MODULES = '/usr/lib/apache2/modules';
/** Ports this harness may use (one engineer's range; the caller can pass its own). */
export const LAB_PORT_RANGE = [18200, 18299] as const;

/** The access-log format of the lab: every field the throughput analysis can use (formats doc §3.3). */
export const LAB_LOG_FORMAT =
  '%h %l %u %t "%r" %>s %O %B %D %^FB %X %L %{remote}p "%{rate-limit}e" "%{rate-initial-burst}e" %v';

const KiB = 1024;

export interface ApacheLabOptions {
  /** Listen port; default: the first free port in LAB_PORT_RANGE. */
  port?: number;
  /** rate-limit for /app, /static and /bytype, KiB/s. Default 1000. */
  rateKiB?: number;
  /** WSGIRestrictEmbedded lines, in order (`['On', 'Off']` reproduces the 4.9.4 child crash, AH00052). */
  restrictEmbedded?: ('On' | 'Off')[];
  /** socket-timeout of the `st` daemon group, seconds. Default 2. */
  socketTimeoutSeconds?: number;
  /** Static files under /static/, bytes; named `<KiB>k.bin`. Default 256 KiB, 512 KiB, 1 MiB, 4 MiB. */
  staticSizes?: number[];
  /** Appended inside the <VirtualHost>. */
  extraVhostConfig?: string;
  logLevel?: string;
  /** Keep the temp dir after stop() (also when WSGIWATCH_LAB_KEEP=1). */
  keepFiles?: boolean;
}

export interface LabResponse {
  status: number;
  /** Body bytes received. */
  bytes: number;
  seconds: number;
  contentType?: string;
  /** Set when the connection failed or was cut (status 0 when no response head arrived). */
  error?: string;
}

export interface ApacheLab {
  port: number;
  /** ServerName of the lab vhost: the `%v` of every access line. */
  vhost: string;
  serverRoot: string;
  configFile: string;
  accessLog: string;
  errorLog: string;
  url(urlPath: string): string;
  request(
    urlPath: string,
    options?: { method?: string; timeoutMs?: number; headers?: Record<string, string> },
  ): Promise<LabResponse>;
  /** SIGKILLs the daemon processes of a WSGIDaemonProcess group; returns their pids. */
  killDaemon(group: string): Promise<number[]>;
  /** `apache2 -k graceful`, resolved once the new generation logged AH00489. */
  graceful(): Promise<void>;
  /** Stops Apache (SIGKILL after 10 s) and removes the temp dir unless keepFiles. Safe to call twice. */
  stop(): Promise<void>;
  /** Pid of the Apache parent. */
  parentPid(): number;
  /** Resolves once the access or error log contains a match (polls every 50 ms); rejects after `timeoutMs`. */
  waitForLog(log: 'access' | 'error', pattern: RegExp, timeoutMs?: number): Promise<void>;
}

/** URL paths the lab serves. */
export const LAB_PATHS = {
  /** daemon group `app`, SetOutputFilter RATE_LIMIT + SetEnv rate-limit. `/app/bytes?n=N&chunk=C`, `/app/boom`, `/app/sleep?s=S`, `/app/pid`. */
  daemon: '/app',
  /** Static files, SetOutputFilter RATE_LIMIT + SetEnv rate-limit: `/static/1024k.bin`. */
  static: '/static',
  /** daemon group `app`, `AddOutputFilterByType RATE_LIMIT image/png` + SetEnv rate-limit: the app sends octet-stream. */
  byType: '/bytype',
  /** daemon group `st` with a short socket-timeout: `/st/sleep?s=5` → 504. */
  socketTimeout: '/st',
  /** Embedded mode (WSGIProcessGroup %{GLOBAL}). */
  embedded: '/embedded',
  /** daemon group `app`, no rate limit. */
  free: '/free',
} as const;

export async function startApacheLab(options: ApacheLabOptions = {}): Promise<ApacheLab> {
  const port = options.port ?? (await findFreePort(LAB_PORT_RANGE[0], LAB_PORT_RANGE[1]));
  const rate = options.rateKiB ?? 1000;
  const vhost = 'wsgiwatch-lab';
  const root = await mkdtemp(path.join(tmpdir(), `wsgiwatch-lab-${port}-`));
  // Children run as www-data: they must reach the app, the static files and the daemon sockets.
  await chmod(root, 0o755);
  for (const d of ['conf', 'logs', 'run', 'app', 'htdocs/static'])
    await mkdir(path.join(root, d), { recursive: true, mode: 0o755 });
  const here = path.dirname(fileURLToPath(import.meta.url));
  const script = path.join(root, 'app', 'app.wsgi');
  await copyFile(path.join(here, 'lab-app.wsgi'), script);
  await chmod(script, 0o644);
  for (const size of options.staticSizes ?? [256 * KiB, 512 * KiB, 1024 * KiB, 4096 * KiB]) {
    await writeFile(path.join(root, 'htdocs/static', `${Math.round(size / KiB)}k.bin`), Buffer.alloc(size, 0x61), {
      mode: 0o644,
    });
  }

  const configFile = path.join(root, 'conf', 'httpd.conf');
  const accessLog = path.join(root, 'logs', 'access.log');
  const errorLog = path.join(root, 'logs', 'error.log');
  const pidFile = path.join(root, 'run', 'httpd.pid');
  const mod = (name: string, file: string) => `LoadModule ${name}_module ${APACHE_MODULES}/mod_${file}.so`;
  const restrict = (options.restrictEmbedded ?? []).map((v) => `WSGIRestrictEmbedded ${v}`).join('\n');
  // As root Apache must switch its children to an unprivileged user; otherwise they keep ours.
  const userGroup = process.getuid?.() === 0 ? 'User www-data\nGroup www-data' : '';
  const limited = (extra = 'SetOutputFilter RATE_LIMIT') => `${extra}\n        SetEnv rate-limit ${rate}`;
  const config = `# wsgiwatch lab (test/support/lab/apache-lab.ts)
ServerRoot "${root}"
DefaultRuntimeDir "${root}/run"
PidFile "${pidFile}"
${mod('mpm_event', 'mpm_event')}
${mod('authz_core', 'authz_core')}
${mod('mime', 'mime')}
${mod('env', 'env')}
${mod('setenvif', 'setenvif')}
${mod('filter', 'filter')}
${mod('ratelimit', 'ratelimit')}
${mod('alias', 'alias')}
${mod('wsgi', 'wsgi')}
Listen 127.0.0.1:${port}
ServerName ${vhost}
${userGroup}
StartServers 2
ServerLimit 4
ThreadsPerChild 10
MaxRequestWorkers 40
MinSpareThreads 5
MaxSpareThreads 30
Timeout 30
KeepAlive On
KeepAliveTimeout 1
TypesConfig /etc/mime.types
ErrorLog "${errorLog}"
LogLevel ${options.logLevel ?? 'info'}
LogIOTrackTTFB On
LogFormat "${LAB_LOG_FORMAT.replaceAll('"', '\\"')}" lab
CustomLog "${accessLog}" lab
WSGISocketPrefix "${root}/run/wsgi"
${restrict}
WSGIDaemonProcess app processes=1 threads=5 display-name=%{GROUP}
WSGIDaemonProcess st processes=1 threads=2 display-name=%{GROUP} socket-timeout=${options.socketTimeoutSeconds ?? 2}
<Directory />
    Require all denied
</Directory>
<Directory "${root}/app">
    Require all granted
</Directory>
<Directory "${root}/htdocs">
    Require all granted
</Directory>
<VirtualHost 127.0.0.1:${port}>
    ServerName ${vhost}
    DocumentRoot "${root}/htdocs"
    WSGIScriptAlias ${LAB_PATHS.daemon} "${script}" process-group=app application-group=%{GLOBAL}
    WSGIScriptAlias ${LAB_PATHS.byType} "${script}" process-group=app application-group=%{GLOBAL}
    WSGIScriptAlias ${LAB_PATHS.free} "${script}" process-group=app application-group=%{GLOBAL}
    WSGIScriptAlias ${LAB_PATHS.socketTimeout} "${script}" process-group=st application-group=%{GLOBAL}
    WSGIScriptAlias ${LAB_PATHS.embedded} "${script}" process-group=%{GLOBAL} application-group=%{GLOBAL}
    Alias ${LAB_PATHS.static} "${root}/htdocs/static"
    <Location "${LAB_PATHS.daemon}">
        WSGIProcessGroup app
        ${limited()}
    </Location>
    <Location "${LAB_PATHS.static}">
        ${limited()}
    </Location>
    <Location "${LAB_PATHS.byType}">
        WSGIProcessGroup app
        ${limited('AddOutputFilterByType RATE_LIMIT image/png')}
    </Location>
    <Location "${LAB_PATHS.socketTimeout}">
        WSGIProcessGroup st
    </Location>
${options.extraVhostConfig ?? ''}
</VirtualHost>
`;
  await writeFile(configFile, config);

  const check = await run(APACHE_BINARY, ['-t', '-f', configFile]);
  if (check.code !== 0) throw new Error(`apache2 -t failed for ${configFile}:\n${check.stderr}${check.stdout}`);
  const started = await run(APACHE_BINARY, ['-f', configFile, '-k', 'start']);
  if (started.code !== 0) throw new Error(`apache2 -k start failed:\n${started.stderr}${started.stdout}`);

  let pid = 0;
  let stopped = false;
  const keep = options.keepFiles === true || process.env.WSGIWATCH_LAB_KEEP === '1';

  const lab: ApacheLab = {
    port,
    vhost,
    serverRoot: root,
    configFile,
    accessLog,
    errorLog,
    url: (p) => `http://127.0.0.1:${port}${p}`,
    request: (p, o = {}) => request(port, p, o),
    parentPid: () => pid,
    waitForLog: (log, pattern, timeoutMs = 10_000) =>
      waitFor(
        async () => pattern.test(await readFile(log === 'access' ? accessLog : errorLog, 'utf8').catch(() => '')),
        timeoutMs,
        `${pattern} in the ${log} log`,
      ),
    async killDaemon(group) {
      const pids = await daemonPids(pid, group);
      for (const p of pids) process.kill(p, 'SIGKILL');
      return pids;
    },
    async graceful() {
      const before = await countInFile(errorLog, 'AH00489');
      const r = await run(APACHE_BINARY, ['-f', configFile, '-k', 'graceful']);
      if (r.code !== 0) throw new Error(`apache2 -k graceful failed: ${r.stderr}`);
      await waitFor(async () => (await countInFile(errorLog, 'AH00489')) > before, 15_000, 'AH00489 after graceful');
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        if (pid > 0 && processAlive(pid)) {
          await run(APACHE_BINARY, ['-f', configFile, '-k', 'stop']);
          const gone = await waitFor(async () => !processAlive(pid), 10_000, 'apache parent exit').then(
            () => true,
            () => false,
          );
          if (!gone) {
            for (const child of await childPids(pid)) killQuietly(child);
            killQuietly(pid);
          }
        }
      } finally {
        if (!keep) await rm(root, { recursive: true, force: true });
      }
    },
  };

  try {
    await waitFor(async () => existsSync(pidFile), 15_000, 'pid file');
    pid = Number.parseInt((await readFile(pidFile, 'utf8')).trim(), 10);
    await waitFor(() => canConnect(port), 15_000, `127.0.0.1:${port} accepting`);
  } catch (e) {
    await lab.stop();
    throw e;
  }
  return lab;
}

/** Node's http client, no keep-alive (a cut response would otherwise hold the socket for KeepAliveTimeout). */
function request(
  port: number,
  urlPath: string,
  o: { method?: string; timeoutMs?: number; headers?: Record<string, string> },
): Promise<LabResponse> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    let status = 0;
    let bytes = 0;
    let contentType: string | undefined;
    let settled = false;
    const done = (error?: string) => {
      if (settled) return;
      settled = true;
      resolve({ status, bytes, seconds: (performance.now() - t0) / 1000, contentType, ...(error ? { error } : {}) });
    };
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: urlPath,
        method: o.method ?? 'GET',
        agent: false,
        headers: { connection: 'close', ...o.headers },
      },
      (res) => {
        status = res.statusCode ?? 0;
        contentType = res.headers['content-type'];
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
        });
        res.on('end', () => done(res.complete ? undefined : 'incomplete'));
        res.on('error', (e) => done(e.message));
        res.on('aborted', () => done('aborted'));
      },
    );
    req.setTimeout(o.timeoutMs ?? 30_000, () => req.destroy(new Error('timeout')));
    req.on('error', (e) => done(e.message));
    req.end();
  });
}

export async function findFreePort(from: number, to: number): Promise<number> {
  for (let p = from; p <= to; p++) {
    const free = await new Promise<boolean>((resolve) => {
      const s = net.createServer();
      s.once('error', () => resolve(false));
      s.listen(p, '127.0.0.1', () => s.close(() => resolve(true)));
    });
    if (free) return p;
  }
  throw new Error(`no free port in ${from}-${to}`);
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

async function waitFor(cond: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function run(file: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: 30_000 }, (err, stdout, stderr) => {
      const code = err === null ? 0 : typeof err.code === 'number' ? err.code : 1;
      resolve({ code, stdout, stderr });
    });
  });
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {}
}

/** Children of the Apache parent, from /proc (ppid is field 4 of /proc/PID/stat, after the parenthesised comm). */
async function childPids(parent: number): Promise<number[]> {
  const out: number[] = [];
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = await readFile(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) === parent) out.push(Number(name));
    } catch {}
  }
  return out;
}

/** Daemon processes of one group: children of *this* lab's parent whose argv[0] is `(wsgi:GROUP)` (display-name=%{GROUP}). */
async function daemonPids(parent: number, group: string): Promise<number[]> {
  const out: number[] = [];
  for (const p of await childPids(parent)) {
    try {
      const cmd = (await readFile(`/proc/${p}/cmdline`, 'utf8')).split('\0')[0].trim();
      if (cmd === `(wsgi:${group})`) out.push(p);
    } catch {}
  }
  return out;
}

async function countInFile(file: string, needle: string): Promise<number> {
  try {
    return (await readFile(file, 'utf8')).split(needle).length - 1;
  } catch {
    return 0;
  }
}
