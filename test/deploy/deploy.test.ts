// Issue #6 acceptance 4: the deployment files under deploy/ hold. No Docker engine runs on the CI machine, so the image is
// reproduced by hand: the same esbuild bundle, production dependencies only, the image's layout, ENV and ENTRYPOINT/CMD
// shape, run as a non-root user with the log directory mounted read-only (a private mount namespace), and the
// HEALTHCHECK command run against it. systemd-analyze verifies the unit; promtool checks the Prometheus examples; the
// Kubernetes manifest is checked for the sidecar contract (shared read-only logs, probes on served routes, ports).

import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  chownSync,
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { writeDemoApacheConfig } from '../../src/demo/demo-apache-config.ts';
import { demoLinesBetween, demoStartupLines } from '../../src/demo/demo-scenario.ts';
import { appendDemoLines } from '../../src/demo/run-demo-writer.ts';
import { type ReadableRuntime, readableRuntime } from '../support/lab/readable-runtime.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DEPLOY = join(ROOT, 'deploy');
const PORT = 18610;
const NOBODY = 65534;

const has = (cmd: string, args: string[]) => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
const isRoot = process.getuid?.() === 0;

describe.skipIf(!has('systemd-analyze', ['--version']))('systemd unit', () => {
  it('systemd-analyze verify accepts deploy/systemd/wsgiwatch.service without a warning', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wsgiwatch-unit-'));
    try {
      // verify checks that ExecStart's binary exists and is executable: point it at this checkout's CLI entry point
      // (what `npm install -g` links /usr/local/bin/wsgiwatch to).
      const bin = join(ROOT, 'bin/wsgiwatch.js');
      const unit = readFileSync(join(DEPLOY, 'systemd/wsgiwatch.service'), 'utf8');
      expect(unit).toMatch(/^ExecStart=\/usr\/local\/bin\/wsgiwatch run /m);
      writeFileSync(
        join(dir, 'wsgiwatch.service'),
        unit.replace('ExecStart=/usr/local/bin/wsgiwatch', `ExecStart=${bin}`),
      );
      const r = spawnSync('systemd-analyze', ['verify', join(dir, 'wsgiwatch.service')], { encoding: 'utf8' });
      expect(r.stdout + r.stderr).toBe('');
      expect(r.status).toBe(0);
      for (const key of [
        'DynamicUser=yes',
        'ProtectSystem=strict',
        'ReadOnlyPaths=',
        'StateDirectory=wsgiwatch',
        'NoNewPrivileges=yes',
      ])
        expect(unit).toContain(key);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!has('promtool', ['--version']))('Prometheus examples', () => {
  it('promtool check config accepts the static and the TLS + basic-auth scrape configs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wsgiwatch-promcfg-'));
    try {
      for (const f of ['prometheus.yml', 'prometheus-tls.yml'])
        copyFileSync(join(DEPLOY, 'prometheus', f), join(dir, f));
      copyFileSync(join(ROOT, 'dashboards/wsgiwatch-alerts.yml'), join(dir, 'wsgiwatch-alerts.yml'));
      for (const f of ['prometheus.yml', 'prometheus-tls.yml']) {
        const r = spawnSync('promtool', ['check', 'config', f], { cwd: dir, encoding: 'utf8' });
        expect(r.stdout + r.stderr, f).toMatch(/SUCCESS/);
        expect(r.status, f).toBe(0);
      }
      // The rules reach Prometheus through the example: 12 rules found.
      const r = spawnSync('promtool', ['check', 'config', 'prometheus.yml'], { cwd: dir, encoding: 'utf8' });
      expect(r.stdout).toMatch(/SUCCESS: 12 rules found/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the web config example loads in the agent (bcrypt hash well formed)', async () => {
    const { loadWebConfig } = await import('../../src/metrics/web-config.ts');
    const c = loadWebConfig(join(DEPLOY, 'prometheus/web-config.yml'));
    expect(Object.keys(c.basicAuthUsers ?? {})).toEqual(['prometheus']);
    expect(c.tls?.certFile).toBe('/etc/wsgiwatch/tls/cert.pem');
  });
});

describe('Kubernetes example', () => {
  const docs = parseAllDocuments(readFileSync(join(DEPLOY, 'kubernetes/wsgiwatch-sidecar.yaml'), 'utf8')).map((d) =>
    d.toJS(),
  );
  const deployment = docs.find((d) => d.kind === 'Deployment');
  const pod = deployment.spec.template.spec;
  const sidecar = pod.containers.find((c: { name: string }) => c.name === 'wsgiwatch');
  const apache = pod.containers.find((c: { name: string }) => c.name === 'apache');

  it('parses, with a Deployment, a Service and a ServiceMonitor', () => {
    expect(docs.map((d) => d.kind)).toEqual(['ConfigMap', 'Deployment', 'Service', 'ServiceMonitor']);
  });

  it('shares the Apache log volume with the sidecar read-only, and keeps positions on a writable volume', () => {
    const apacheLogs = apache.volumeMounts.find((m: { name: string }) => m.name === 'logs');
    const ours = sidecar.volumeMounts.find((m: { name: string }) => m.name === 'logs');
    expect(ours.mountPath).toBe(apacheLogs.mountPath);
    expect(ours.readOnly).toBe(true);
    expect(apacheLogs.readOnly ?? false).toBe(false);
    const positions = sidecar.volumeMounts.find((m: { mountPath: string }) => m.mountPath === '/var/lib/wsgiwatch');
    expect(positions.readOnly ?? false).toBe(false);
    expect(sidecar.args).toContain('/var/lib/wsgiwatch/positions.json');
    // The config the sidecar reads names log files inside the shared volume.
    const conf = docs[0].data['httpd.conf'] as string;
    for (const m of conf.matchAll(/^\s*(?:ErrorLog|CustomLog)\s+(\S+)/gm))
      expect(m[1].startsWith(`${ours.mountPath}/`)).toBe(true);
  });

  it('probes routes the agent serves, on the port it listens on, and runs locked down', () => {
    const served = readFileSync(join(ROOT, 'src/metrics/serve-http.ts'), 'utf8');
    expect(served).toContain(`'${sidecar.readinessProbe.httpGet.path}'`);
    expect(served).toContain(`'${sidecar.livenessProbe.httpGet.path}'`);
    expect(sidecar.ports[0].containerPort).toBe(9147);
    expect(sidecar.args.join(' ')).toContain('--web.listen-address :9147');
    expect(deployment.spec.template.metadata.annotations['prometheus.io/port']).toBe('9147');
    expect(sidecar.securityContext).toMatchObject({ runAsNonRoot: true, readOnlyRootFilesystem: true });
    expect(sidecar.resources.limits.memory).toBeDefined();
    const monitor = docs.find((d) => d.kind === 'ServiceMonitor');
    const service = docs.find((d) => d.kind === 'Service');
    expect(service.spec.ports.map((p: { name: string }) => p.name)).toContain(monitor.spec.endpoints[0].port);
  });
});

/** The runtime stage of the Dockerfile: its ENV, USER, EXPOSE, HEALTHCHECK, ENTRYPOINT and CMD. */
function runtimeStage(text: string) {
  const lines = text.replace(/\\\n\s*/g, ' ').split('\n');
  const stages = lines.reduce<string[][]>((acc, l) => {
    if (/^FROM /.test(l)) acc.push([]);
    acc.at(-1)?.push(l);
    return acc;
  }, []);
  const last = stages.at(-1) ?? [];
  const value = (k: string) => last.filter((l) => l.startsWith(`${k} `)).map((l) => l.slice(k.length + 1).trim());
  const env: Record<string, string> = {};
  for (const e of value('ENV')) for (const m of e.matchAll(/(\w+)=(\S+)/g)) env[m[1]] = m[2];
  return {
    stages: stages.length,
    env,
    user: value('USER')[0],
    expose: value('EXPOSE'),
    healthcheck: value('HEALTHCHECK')[0],
    entrypoint: JSON.parse(value('ENTRYPOINT')[0]) as string[],
    cmd: JSON.parse(value('CMD')[0]) as string[],
    copies: lines.filter((l) => /^COPY (?!--from)/.test(l)).flatMap((l) => l.split(/\s+/).slice(1, -1)),
  };
}

describe('Dockerfile', () => {
  const text = readFileSync(join(DEPLOY, 'docker/Dockerfile'), 'utf8');
  const stage = runtimeStage(text);

  it('is multi-stage, non-root, exposes 9147, has a HEALTHCHECK on /-/healthy, and copies only what exists', () => {
    expect(stage.stages).toBeGreaterThanOrEqual(2);
    expect(stage.user).toBeDefined();
    expect(['root', '0']).not.toContain(stage.user);
    expect(stage.expose).toEqual(['9147']);
    expect(stage.healthcheck).toContain('/-/healthy');
    for (const src of stage.copies) expect(existsSync(join(ROOT, src)), src).toBe(true);
    expect(readFileSync(join(ROOT, '.dockerignore'), 'utf8')).toMatch(/^node_modules$/m);
  });

  // Reproduces the image without Docker: bundle, production dependencies, same layout, user, ENV and command.
  describe.skipIf(!isRoot || !has('unshare', ['-m', 'true']) || !has('setpriv', ['--version']))(
    'the image contents, run as the image runs them',
    () => {
      let image = '';
      let runtime: ReadableRuntime | undefined;
      let agent: ChildProcess | undefined;
      let output = '';
      let data = '';
      beforeAll(async () => {
        image = mkdtempSync(join(tmpdir(), 'wsgiwatch-image-'));
        const app = join(image, 'opt/wsgiwatch');
        mkdirSync(app, { recursive: true });
        // Stage "build": the same esbuild invocation as `npm run build`.
        const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
        const build = (pkg.scripts.build as string).replace('--outdir=dist', `--outdir=${join(app, 'dist')}`);
        expect(build).toContain(join(app, 'dist'));
        execFileSync('sh', ['-c', `npx ${build}`], { cwd: ROOT, stdio: 'ignore' });
        // Stage "deps": production dependencies only, from the lock file (the npm cache makes this offline-fast).
        copyFileSync(join(ROOT, 'package.json'), join(app, 'package.json'));
        copyFileSync(join(ROOT, 'package-lock.json'), join(app, 'package-lock.json'));
        execFileSync('npm', ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline'], {
          cwd: app,
          stdio: 'ignore',
        });
        cpSync(join(ROOT, 'bin'), join(app, 'bin'), { recursive: true });
        expect(existsSync(join(app, 'node_modules/tsx'))).toBe(false);
        // The "mounted" Apache side: a config and its logs, which the agent may only read.
        const logs = join(image, 'var/log/apache2');
        mkdirSync(logs, { recursive: true });
        const paths = writeDemoApacheConfig(logs);
        const t = Math.floor(Date.now() / 1000) - 30;
        const lines = [...demoStartupLines(t), ...demoLinesBetween(1, t, t + 30)];
        appendDemoLines(paths, lines);
        data = join(image, 'var/lib/wsgiwatch');
        mkdirSync(data, { recursive: true });
        chownSync(data, NOBODY, NOBODY);
        execFileSync('chmod', ['-R', 'a+rX', image]);
        const env = {
          ...stage.env,
          WSGIWATCH_POSITIONS: join(data, 'positions.json'),
          WSGIWATCH_LISTEN_ADDRESS: `127.0.0.1:${PORT}`,
        };
        const entry = stage.entrypoint.map((a) => a.replace('/opt/wsgiwatch', app)).slice(1); // node → this Node 24
        const cmd = [...stage.cmd.slice(0, 2), paths.configFile, '--from-beginning'];
        const envArgs = Object.entries(env).map(([k, v]) => `${k}=${v}`);
        const script = `mount --bind ${logs} ${logs} && mount -o remount,bind,ro ${logs} && exec setpriv --reuid=${NOBODY} --regid=${NOBODY} --clear-groups env ${envArgs.join(' ')} "$0" "$@"`;
        // The image's own node: a readable link or copy when the checkout is out of nobody's reach (0700 home).
        runtime = readableRuntime([]);
        if (runtime.copiedBecause) console.log(runtime.copiedBecause);
        agent = spawn('unshare', ['-m', 'sh', '-c', script, runtime.node, ...entry, ...cmd], {
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        agent.stdout?.on('data', (b) => {
          output += b;
        });
        agent.stderr?.on('data', (b) => {
          output += b;
        });
        const t0 = Date.now();
        for (;;) {
          const ok = await fetch(`http://127.0.0.1:${PORT}/metrics`)
            .then(async (r) => /wsgiwatch_log_lines_read_total\{log="access"[^}]*\} [1-9]/.test(await r.text()))
            .catch(() => false);
          if (ok) break;
          if (Date.now() - t0 > 30_000 || agent.exitCode !== null) throw new Error(`agent did not come up:\n${output}`);
          await new Promise((r) => setTimeout(r, 200));
        }
      }, 120_000);
      afterAll(async () => {
        if (agent && agent.exitCode === null) {
          const exited = new Promise((r) => agent?.once('exit', r));
          agent.kill('SIGTERM');
          await exited;
        }
        if (image) rmSync(image, { recursive: true, force: true });
        runtime?.cleanup();
      });

      it('serves metrics from the bundle with production dependencies only, as nobody, logs read-only', async () => {
        const body = await (await fetch(`http://127.0.0.1:${PORT}/metrics`)).text();
        expect(body).toMatch(/wsgiwatch_build_info\{version="0\.1\.0",/);
        expect(body).toContain(
          'apache_ratelimit_verdict{vhost="shop.example",location="/downloads",verdict="throttled"}',
        );
        const pid = Number(execFileSync('pgrep', ['-n', '-f', `bin/wsgiwatch.js run`], { encoding: 'utf8' }).trim());
        expect(readFileSync(`/proc/${pid}/status`, 'utf8')).toMatch(/^Uid:\s+65534\s/m);
      });

      it('the HEALTHCHECK command exits 0 against it (and 1 when nothing listens)', () => {
        const cmd = JSON.parse(stage.healthcheck.slice(stage.healthcheck.indexOf('['))) as string[];
        expect(cmd.slice(0, 2)).toEqual(['node', '-e']);
        const probe = (port: number) =>
          spawnSync(process.execPath, ['-e', cmd[2].replace('127.0.0.1:9147', `127.0.0.1:${port}`)], {
            timeout: 10_000,
          }).status;
        expect(probe(PORT)).toBe(0);
        expect(probe(PORT + 1)).toBe(1);
      });

      it('SIGTERM writes the positions file on the writable volume', async () => {
        const exited = new Promise((r) => agent?.once('exit', r));
        agent?.kill('SIGTERM');
        await exited;
        expect(agent?.exitCode).toBe(0);
        const positions = JSON.parse(readFileSync(join(data, 'positions.json'), 'utf8'));
        expect(JSON.stringify(positions)).toContain('access.log');
      });
    },
  );
});
