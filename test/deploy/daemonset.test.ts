// The node-level DaemonSet (deploy/kubernetes/wsgiwatch-daemonset.yaml): the manifest holds its contract (host log
// directories read-only, positions on the host, locked down, scraped on the port it serves), its ConfigMap is a config
// the agent loads, and the agent run with that config over a kubelet-style /var/log/containers tree of CRI logs counts
// what the lines say: access lines from stdout, events from stderr, partial lines joined, a corrupt line a failure.

import { type ChildProcess, spawn } from 'node:child_process';
import {
  appendFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { loadAgentConfig } from '../../src/config/agent/load-agent-config.ts';
import { wrapCri } from '../sources/unwrap/wrap-log-lines.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PORT = 18637;
const docs = parseAllDocuments(readFileSync(join(ROOT, 'deploy/kubernetes/wsgiwatch-daemonset.yaml'), 'utf8')).map(
  (d) => d.toJS(),
);
const daemonSet = docs.find((d) => d.kind === 'DaemonSet');
const pod = daemonSet.spec.template.spec;
const agent = pod.containers.find((c: { name: string }) => c.name === 'wsgiwatch');
const configText = docs.find((d) => d.kind === 'ConfigMap').data['wsgiwatch.yaml'] as string;
const mount = (name: string) => agent.volumeMounts.find((m: { name: string }) => m.name === name);
const volume = (name: string) => pod.volumes.find((v: { name: string }) => v.name === name);

describe('Kubernetes DaemonSet manifest', () => {
  it('holds a ConfigMap, the DaemonSet, a headless Service and a ServiceMonitor', () => {
    expect(docs.map((d) => d.kind)).toEqual(['ConfigMap', 'DaemonSet', 'Service', 'ServiceMonitor']);
  });

  it("mounts the node's container logs read-only at their own paths and keeps positions on the host", () => {
    for (const dir of ['/var/log/containers', '/var/log/pods']) {
      const v = pod.volumes.find((x: { hostPath?: { path: string } }) => x.hostPath?.path === dir);
      expect(v, dir).toBeDefined();
      expect(mount(v.name)).toMatchObject({ mountPath: dir, readOnly: true });
    }
    const config = parseAllDocuments(configText)[0].toJS();
    const positions = mount('positions');
    expect(volume('positions').hostPath.path).toBe(positions.mountPath);
    expect(positions.readOnly ?? false).toBe(false);
    expect(config.positionsFile.startsWith(`${positions.mountPath}/`)).toBe(true);
    // Every glob reads inside a mounted log directory; each is named for both logs (stdout access, stderr error).
    const globs = (list: { path: string }[]) => list.map((l) => l.path);
    for (const g of [...globs(config.accessLogs), ...globs(config.errorLogs)])
      expect(g.startsWith(`${mount('containers').mountPath}/`)).toBe(true);
    expect(globs(config.accessLogs)).toEqual(globs(config.errorLogs));
    expect(agent.args).toEqual(['run', '--config', `${mount('config').mountPath}/wsgiwatch.yaml`]);
  });

  it('loads as an agent config file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wsgiwatch-ds-config-'));
    try {
      writeFileSync(join(dir, 'wsgiwatch.yaml'), configText);
      expect(loadAgentConfig(join(dir, 'wsgiwatch.yaml'))).toMatchObject({ logWrapper: 'auto' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs locked down with bounded resources, probed and scraped on the port it listens on', () => {
    const served = readFileSync(join(ROOT, 'src/metrics/serve-http.ts'), 'utf8');
    expect(served).toContain(`'${agent.readinessProbe.httpGet.path}'`);
    expect(served).toContain(`'${agent.livenessProbe.httpGet.path}'`);
    expect(configText).toContain('listenAddress: ":9147"');
    expect(agent.ports[0].containerPort).toBe(9147);
    expect(daemonSet.spec.template.metadata.annotations['prometheus.io/port']).toBe('9147');
    expect(agent.securityContext).toMatchObject({
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'], add: ['DAC_READ_SEARCH'] },
    });
    expect(agent.resources.limits.memory).toBeDefined();
    expect(agent.resources.requests.cpu).toBeDefined();
    const service = docs.find((d) => d.kind === 'Service');
    const monitor = docs.find((d) => d.kind === 'ServiceMonitor');
    expect(service.spec.clusterIP).toBe('None');
    expect(service.spec.ports.map((p: { name: string }) => p.name)).toContain(monitor.spec.endpoints[0].port);
    expect(service.spec.selector).toEqual(daemonSet.spec.selector.matchLabels);
  });
});

const ERROR = (s: number, rest: string) => `[Mon Dec 07 05:41:${String(s).padStart(2, '0')}.000001 2026] ${rest}`;
const ACCESS = (s: number, status: number) =>
  `10.0.0.${s} - - [07/Dec/2026:05:41:${String(s).padStart(2, '0')} +0000] "GET /app/x HTTP/1.1" ${status} 120`;
const CRASH = '[core:notice] [pid 1:tid 1] AH00052: child pid 24506 exit signal Segmentation fault (11)';
const WSGI =
  "[wsgi:error] [pid 7:tid 9] [client 10.0.0.9:5] mod_wsgi (pid=7): Exception occurred processing WSGI script '/srv/app.wsgi'.";

describe('the agent over a kubelet container-log tree, with the DaemonSet config', () => {
  let root = '';
  let child: ChildProcess | undefined;
  let output = '';
  let apacheLog = '';

  const metrics = async () => (await fetch(`http://127.0.0.1:${PORT}/metrics`)).text();
  const value = (body: string, series: RegExp) =>
    [...body.matchAll(new RegExp(`^${series.source} (\\S+)$`, 'gm'))].reduce((n, m) => n + Number(m[1]), 0);
  async function until(check: (body: string) => boolean, what: string): Promise<string> {
    const t0 = Date.now();
    for (;;) {
      const body = await metrics().catch(() => '');
      if (check(body)) return body;
      if (Date.now() - t0 > 30_000 || child?.exitCode !== null)
        throw new Error(`${what} not reached:\n${output}\n${body}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'wsgiwatch-ds-'));
    // kubelet's layout: /var/log/pods/<ns>_<pod>_<uid>/<container>/0.log, linked from
    // /var/log/containers/<pod>_<ns>_<container>-<id>.log.
    const podDir = join(root, 'var/log/pods/shop_web-7d9f_0f1e/apache');
    const sidecarDir = join(root, 'var/log/pods/shop_web-7d9f_0f1e/istio-proxy');
    const containers = join(root, 'var/log/containers');
    for (const d of [podDir, sidecarDir, containers, join(root, 'var/lib/wsgiwatch')])
      mkdirSync(d, { recursive: true });
    apacheLog = join(podDir, '0.log');
    writeFileSync(
      apacheLog,
      `${wrapCri([
        { stream: 'stderr', text: ERROR(1, CRASH) },
        { stream: 'stdout', text: ACCESS(2, 200), cuts: [10, 30] },
        { stream: 'stderr', text: ERROR(3, WSGI), cuts: [50] },
        { stream: 'stdout', text: ACCESS(3, 500) },
      ])}2026-12-07T05:41:04Z stdout X a line with a broken tag\n`,
    );
    writeFileSync(join(sidecarDir, '0.log'), wrapCri([{ stream: 'stdout', text: ACCESS(9, 200) }]));
    symlinkSync(apacheLog, join(containers, 'web-7d9f_shop_apache-4f2c9e.log'));
    symlinkSync(join(sidecarDir, '0.log'), join(containers, 'web-7d9f_shop_istio-proxy-8a1b2c.log'));
    // The ConfigMap's config, with the node's paths moved under the test's root.
    const config = join(root, 'wsgiwatch.yaml');
    writeFileSync(
      config,
      configText
        .replaceAll('/var/log/containers/', `${containers}/`)
        .replaceAll('/var/lib/wsgiwatch/', `${join(root, 'var/lib/wsgiwatch')}/`)
        .replace('listenAddress: ":9147"', `listenAddress: "127.0.0.1:${PORT}"`),
    );
    const main = join(ROOT, 'src/cli/main.ts');
    child = spawn(process.execPath, ['--import', 'tsx', main, 'run', '--config', config, '--from-beginning'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (b) => {
      output += b;
    });
    child.stderr?.on('data', (b) => {
      output += b;
    });
  }, 60_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child?.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('counts stdout as requests and stderr as events, joins partial lines, and counts the broken line', async () => {
    const body = await until(
      (b) => value(b, /wsgiwatch_log_parse_failures_total\{[^}]*reason="wrapper"[^}]*\}/) === 1,
      'the wrapper failure',
    );
    expect(value(body, /apache_http_requests_total\{[^}]*\}/)).toBe(2);
    expect(value(body, /apache_http_requests_total\{[^}]*status_class="5xx"[^}]*\}/)).toBe(1);
    expect(value(body, /apache_wsgi_events_total\{[^}]*kind="child-crash"[^}]*\}/)).toBe(1);
    // The partial lines joined: no other parse failure than the broken tag.
    expect(value(body, /wsgiwatch_log_parse_failures_total\{[^}]*\}/)).toBe(1);
    // The istio-proxy container's log is not Apache's: not read.
    expect(body).not.toContain('istio-proxy');
    expect(output).toContain('first wrapper parse failure');
  });

  it('follows the file: a line split across two writes is joined when its F line arrives', async () => {
    const [p1, p2] = wrapCri([{ stream: 'stdout', text: ACCESS(5, 404), cuts: [25] }]).split('\n');
    const read = (b: string) => value(b, /wsgiwatch_log_lines_read_total\{[^}]*web-7d9f_shop_apache[^}]*\}/);
    const before = read(await metrics());
    expect(before).toBe(8);
    appendFileSync(apacheLog, `${p1}\n`);
    const partial = await until((b) => read(b) === before + 1, 'the P line read');
    expect(value(partial, /apache_http_requests_total\{[^}]*\}/)).toBe(2);
    appendFileSync(apacheLog, `${p2}\n`);
    const body = await until(
      (b) => value(b, /apache_http_requests_total\{[^}]*status_class="4xx"[^}]*\}/) === 1,
      'the joined 404',
    );
    expect(value(body, /apache_http_requests_total\{[^}]*\}/)).toBe(3);
    expect(value(body, /wsgiwatch_log_parse_failures_total\{[^}]*\}/)).toBe(1);
  });

  it("survives kubelet's rotation: 0.log renamed to 0.log.<time>, a new 0.log behind the same symlink", async () => {
    const rotated = `${apacheLog}.20261207-054200`;
    renameSync(apacheLog, rotated);
    // The runtime's last write to the old file, then its first to the reopened one.
    appendFileSync(rotated, wrapCri([{ stream: 'stdout', text: ACCESS(6, 200) }]));
    writeFileSync(
      apacheLog,
      wrapCri([
        { stream: 'stderr', text: ERROR(7, CRASH) },
        { stream: 'stdout', text: ACCESS(7, 503) },
      ]),
    );
    const body = await until(
      (b) => value(b, /apache_http_requests_total\{[^}]*status_class="5xx"[^}]*\}/) === 2,
      'the line of the new file',
    );
    expect(value(body, /apache_http_requests_total\{[^}]*\}/)).toBe(5);
    expect(value(body, /apache_wsgi_events_total\{[^}]*kind="child-crash"[^}]*\}/)).toBe(2);
    expect(value(body, /wsgiwatch_log_parse_failures_total\{[^}]*\}/)).toBe(1);
  });
});
