import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Registry } from '@prometheus-io/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineFamily } from '../../src/metrics/define-family.ts';
import {
  ListenError,
  parseListenAddress,
  type RunningHttpServer,
  serveHttp,
  WebFlagError,
} from '../../src/metrics/serve-http.ts';
import { WebConfigError } from '../../src/metrics/web-config.ts';

function registries() {
  const family = {
    name: 'demo_total',
    help: 'Demo.',
    type: 'counter' as const,
    collect: () => [{ labels: {}, value: 1 }],
  };
  const text = new Registry();
  text.registerMetric(defineFamily(family));
  const openMetrics = new Registry(Registry.OPENMETRICS_CONTENT_TYPE);
  openMetrics.registerMetric(defineFamily(family, true));
  return { text, openMetrics };
}

function get(url: string, init: { method?: string; headers?: Record<string, string> } = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>(
    (resolve, reject) => {
      const req = request(url, { method: init.method ?? 'GET', headers: init.headers }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      req.on('error', reject);
      req.end();
    },
  );
}

describe('parseListenAddress', () => {
  it('accepts host:port, :port, port and [v6]:port', () => {
    expect(parseListenAddress('127.0.0.1:9147')).toEqual({ host: '127.0.0.1', port: 9147 });
    expect(parseListenAddress(':9147')).toEqual({ host: undefined, port: 9147 });
    expect(parseListenAddress('9147')).toEqual({ host: undefined, port: 9147 });
    expect(parseListenAddress('[::1]:80')).toEqual({ host: '::1', port: 80 });
    expect(() => parseListenAddress('x:y')).toThrow(/invalid listen address/);
    expect(() => parseListenAddress('x:y')).toThrow(WebFlagError); // the CLI's exit 2, no stack trace
    expect(() => parseListenAddress(':70000')).toThrow(WebFlagError);
  });
});

describe('serveHttp --web.telemetry-path', () => {
  it('serves the metrics page at the path given, not at /metrics, and links it from the landing page', async () => {
    const server = await serveHttp({
      listenAddress: '127.0.0.1:0',
      telemetryPath: '/wsgiwatch/metrics',
      registries: registries(),
      snapshot: () => ({}),
      ready: () => true,
    });
    try {
      const page = await get(`${server.url}/wsgiwatch/metrics`);
      expect(page.status).toBe(200);
      expect(page.body).toContain('demo_total 1');
      expect((await get(`${server.url}/metrics`)).status).toBe(404);
      expect((await get(`${server.url}/wsgiwatch/metrics`, { method: 'POST' })).status).toBe(405);
      expect((await get(`${server.url}/`)).body).toContain('<a href="/wsgiwatch/metrics">/wsgiwatch/metrics</a>');
      expect((await get(`${server.url}/-/healthy`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('refuses a path that is not one or hides another route (exit 2 from the CLI)', async () => {
    for (const telemetryPath of ['metrics', '/', '/-/ready', '/api/v1/snapshot']) {
      await expect(
        serveHttp({
          listenAddress: '127.0.0.1:0',
          telemetryPath,
          registries: registries(),
          snapshot: () => ({}),
          ready: () => true,
        }),
      ).rejects.toThrow(WebFlagError);
    }
  });
});

describe('serveHttp start failures: one clear error each, for the CLI to print without a stack trace', () => {
  const options = { registries: registries(), snapshot: () => ({}), ready: () => true };

  it('an address in use is a ListenError that says so and names the flag', async () => {
    const first = await serveHttp({ ...options, listenAddress: '127.0.0.1:0' });
    try {
      const taken = first.url.replace('http://', '');
      const failure = serveHttp({ ...options, listenAddress: taken });
      await expect(failure).rejects.toThrow(ListenError);
      await expect(failure).rejects.toThrow(
        `cannot listen on ${taken}: address already in use (another wsgiwatch or exporter?); choose another with --web.listen-address`,
      );
    } finally {
      await first.close();
    }
  });

  it('an unreadable or invalid TLS file is a WebConfigError naming the key and the path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wsgiwatch-tls-'));
    try {
      const missing = join(dir, 'none.pem');
      await expect(
        serveHttp({
          ...options,
          listenAddress: '127.0.0.1:0',
          webConfig: { tls: { certFile: missing, keyFile: missing } },
        }),
      ).rejects.toThrow(new WebConfigError(`tls_server_config.cert_file ${missing}: cannot read: ENOENT`));
      const garbage = join(dir, 'garbage.pem');
      writeFileSync(garbage, 'not a certificate\n');
      await expect(
        serveHttp({
          ...options,
          listenAddress: '127.0.0.1:0',
          webConfig: { tls: { certFile: garbage, keyFile: garbage } },
        }),
      ).rejects.toThrow(WebConfigError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('serveHttp', () => {
  let server: RunningHttpServer;
  let ready = false;
  beforeAll(async () => {
    server = await serveHttp({
      listenAddress: '127.0.0.1:0',
      registries: registries(),
      snapshot: () => ({ ok: 1 }),
      ready: () => ready,
    });
  });
  afterAll(() => server.close());

  it('serves the text format by default and OpenMetrics when asked', async () => {
    const text = await get(`${server.url}/metrics`);
    expect(text.status).toBe(200);
    expect(text.headers['content-type']).toContain('text/plain; version=0.0.4');
    expect(text.body).toContain('demo_total 1');
    const om = await get(`${server.url}/metrics`, {
      headers: { Accept: 'application/openmetrics-text;version=1.0.0' },
    });
    expect(om.headers['content-type']).toContain('application/openmetrics-text');
    expect(om.body).toContain('# TYPE demo counter\ndemo_total 1');
    expect(om.body.endsWith('# EOF\n')).toBe(true);
  });

  it('answers health, readiness and the snapshot', async () => {
    expect((await get(`${server.url}/-/healthy`)).status).toBe(200);
    expect((await get(`${server.url}/-/ready`)).status).toBe(503);
    ready = true;
    expect((await get(`${server.url}/-/ready`)).status).toBe(200);
    const snap = await get(`${server.url}/api/v1/snapshot`);
    expect(JSON.parse(snap.body)).toEqual({ ok: 1 });
  });

  it('404s unknown routes without echoing the path, 405s other methods', async () => {
    const nf = await get(`${server.url}/%3Cscript%3Ealert(1)%3C/script%3E`);
    expect(nf.status).toBe(404);
    expect(nf.body).toBe('Not Found\n');
    const post = await get(`${server.url}/metrics`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
    const head = await get(`${server.url}/metrics`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it('refuses oversized headers', async () => {
    const res = await get(`${server.url}/metrics`, { headers: { 'X-Big': 'a'.repeat(20_000) } });
    expect(res.status).toBe(431);
  });

  it('answers a malformed request with 400 and closes', async () => {
    const url = new URL(server.url);
    const reply = await new Promise<string>((resolve) => {
      const socket = connect(Number(url.port), url.hostname, () => socket.write('NOT HTTP\r\n\r\n'));
      let data = '';
      socket.on('data', (c) => (data += c));
      socket.on('close', () => resolve(data));
    });
    expect(reply.startsWith('HTTP/1.1 400')).toBe(true);
  });

  it('answers 1,000 concurrent scrapes without an error', async () => {
    const results = await Promise.all(Array.from({ length: 1000 }, () => get(`${server.url}/metrics`)));
    expect(results.filter((r) => r.status !== 200)).toEqual([]);
  });
});

describe('serveHttp slow clients', () => {
  it('drops a client that never finishes its headers', async () => {
    const server = await serveHttp({
      listenAddress: '127.0.0.1:0',
      registries: registries(),
      snapshot: () => ({}),
      ready: () => true,
      headersTimeoutMs: 300,
      requestTimeoutMs: 600,
    });
    try {
      const url = new URL(server.url);
      const t0 = Date.now();
      const reply = await new Promise<string>((resolve) => {
        const socket = connect(Number(url.port), url.hostname, () =>
          socket.write('GET /metrics HTTP/1.1\r\nHost: x\r\n'),
        );
        let data = '';
        socket.on('data', (c) => (data += c));
        socket.on('close', () => resolve(data));
      });
      expect(reply).toMatch(/^HTTP\/1\.1 408/);
      expect(Date.now() - t0).toBeLessThan(5000);
    } finally {
      await server.close();
    }
  });
});

describe('serveHttp compression', () => {
  const bytesOf = (url: string, headers: Record<string, string>, method = 'GET') =>
    new Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
      const req = request(url, { method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end();
    });

  it('gzips /metrics and the snapshot when the scraper accepts it, not otherwise and not small bodies', async () => {
    const snapshot = { rows: Array.from({ length: 200 }, (_, i) => ({ location: `/downloads/${i}`, ratio: 0.33 })) };
    const server = await serveHttp({
      listenAddress: '127.0.0.1:0',
      registries: registries(),
      snapshot: () => snapshot,
      ready: () => true,
    });
    try {
      const url = `${server.url}/api/v1/snapshot`;
      const zipped = await bytesOf(url, { 'Accept-Encoding': 'gzip' });
      expect(zipped.headers['content-encoding']).toBe('gzip');
      expect(zipped.headers.vary).toBe('Accept-Encoding');
      expect(Number(zipped.headers['content-length'])).toBe(zipped.body.length);
      expect(JSON.parse(gunzipSync(zipped.body).toString('utf8'))).toEqual(snapshot);
      expect(zipped.body.length).toBeLessThan(JSON.stringify(snapshot).length / 5);

      const head = await bytesOf(url, { 'Accept-Encoding': 'gzip' }, 'HEAD');
      expect(head.headers['content-length']).toBe(zipped.headers['content-length']);
      expect(head.body.length).toBe(0);

      for (const refused of [{}, { 'Accept-Encoding': 'gzip;q=0' }, { 'Accept-Encoding': 'br' }] as Record<
        string,
        string
      >[]) {
        const plain = await bytesOf(url, refused);
        expect(plain.headers['content-encoding']).toBeUndefined();
        expect(JSON.parse(plain.body.toString('utf8'))).toEqual(snapshot);
      }
      // A page of one series: under 1 KiB, sent as it is.
      const small = await bytesOf(`${server.url}/metrics`, { 'Accept-Encoding': 'gzip' });
      expect(small.headers['content-encoding']).toBeUndefined();
      expect(small.body.toString('utf8')).toContain('demo_total 1');
    } finally {
      await server.close();
    }
  });
});
