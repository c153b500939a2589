// The agent's HTTP edge: GET /metrics (text or OpenMetrics by Accept), /-/healthy, /-/ready, /api/v1/snapshot.
// Only these routes; other methods 405, other paths 404; bounded headers and request time; never echoes input.
// TLS and basic auth come from an exporter-toolkit web config file (--web.config.file).

import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Registries } from './create-registries.ts';
import { createBasicAuthCheck, type WebConfig } from './web-config.ts';

export interface HttpServerOptions {
  /** `host:port`, `:port` (all interfaces) or `port`. */
  listenAddress: string;
  registries: Registries;
  snapshot: () => unknown;
  ready: () => boolean;
  webConfig?: WebConfig;
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
}

export interface RunningHttpServer {
  /** Base URL, e.g. `http://127.0.0.1:9147`. */
  url: string;
  close(): Promise<void>;
}

const MAX_HEADER_BYTES = 16 * 1024;
const LANDING = `<!doctype html><html><head><title>wsgiwatch</title></head><body><h1>wsgiwatch</h1>
<p>Apache + mod_wsgi observability agent.</p><ul><li><a href="/metrics">/metrics</a></li>
<li><a href="/api/v1/snapshot">/api/v1/snapshot</a></li><li><a href="/-/healthy">/-/healthy</a></li>
<li><a href="/-/ready">/-/ready</a></li></ul></body></html>\n`;

/** Splits a Prometheus-style listen address into host and port (`:9147` → all interfaces). */
export function parseListenAddress(address: string): { host?: string; port: number } {
  const a = address.trim();
  const m = /^\d+$/.test(a) ? [a, undefined, undefined, a] : /^(?:\[([^\]]+)\]|([^:[\]]*)):(\d+)$/.exec(a);
  if (m === null) throw new Error(`invalid listen address "${address}": expected host:port, :port or port`);
  const host = m[1] ?? (m[2] === '' || m[2] === undefined ? undefined : m[2]);
  const port = Number(m[3]);
  if (port > 65535) throw new Error(`invalid listen address "${address}": port out of range`);
  return { host, port };
}

function wantsOpenMetrics(accept: string | undefined): boolean {
  return accept?.includes('application/openmetrics-text') === true;
}

/** Starts the server; resolves once it listens. */
export async function serveHttp(options: HttpServerOptions): Promise<RunningHttpServer> {
  const { host, port } = parseListenAddress(options.listenAddress);
  const authCheck = options.webConfig?.basicAuthUsers
    ? createBasicAuthCheck(options.webConfig.basicAuthUsers)
    : undefined;

  const handler: http.RequestListener = (req, res) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (authCheck !== undefined && !authCheck(req.headers.authorization)) {
      res.setHeader('WWW-Authenticate', 'Basic realm="wsgiwatch"');
      send(401, 'text/plain; charset=utf-8', 'Unauthorized\n');
      return;
    }
    const path = (req.url ?? '/').split('?')[0];
    const known =
      path === '/' ||
      path === '/metrics' ||
      path === '/-/healthy' ||
      path === '/-/ready' ||
      path === '/api/v1/snapshot';
    if (!known) {
      send(404, 'text/plain; charset=utf-8', 'Not Found\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      send(405, 'text/plain; charset=utf-8', 'Method Not Allowed\n');
      return;
    }
    switch (path) {
      case '/':
        send(200, 'text/html; charset=utf-8', LANDING);
        return;
      case '/-/healthy':
        send(200, 'text/plain; charset=utf-8', 'Healthy\n');
        return;
      case '/-/ready':
        if (options.ready()) send(200, 'text/plain; charset=utf-8', 'Ready\n');
        else send(503, 'text/plain; charset=utf-8', 'Not ready\n');
        return;
      case '/api/v1/snapshot':
        send(200, 'application/json; charset=utf-8', JSON.stringify(options.snapshot()));
        return;
      case '/metrics': {
        const registry = wantsOpenMetrics(req.headers.accept)
          ? options.registries.openMetrics
          : options.registries.text;
        registry.metrics().then(
          (body) => send(200, registry.contentType, body),
          () => send(500, 'text/plain; charset=utf-8', 'metrics collection failed\n'),
        );
        return;
      }
    }
  };

  // Slow clients: headers within headersTimeout, the whole request within requestTimeout, checked every second.
  const headersTimeout = options.headersTimeoutMs ?? 5_000;
  const serverOptions = {
    maxHeaderSize: MAX_HEADER_BYTES,
    requestTimeout: Math.max(options.requestTimeoutMs ?? 10_000, headersTimeout + 1),
    headersTimeout,
    connectionsCheckingInterval: 1_000,
    keepAliveTimeout: 5_000,
  };
  const tls = options.webConfig?.tls;
  const server = tls
    ? https.createServer(
        {
          ...serverOptions,
          cert: readFileSync(tls.certFile),
          key: readFileSync(tls.keyFile),
          ...(tls.clientCaFile
            ? { ca: readFileSync(tls.clientCaFile), requestCert: true, rejectUnauthorized: true }
            : {}),
          minVersion: (tls.minVersion as 'TLSv1.2' | 'TLSv1.3' | undefined) ?? 'TLSv1.2',
        },
        handler,
      )
    : http.createServer(serverOptions, handler);
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    const status =
      err.code === 'HPE_HEADER_OVERFLOW'
        ? '431 Request Header Fields Too Large'
        : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? '408 Request Timeout'
          : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address() as AddressInfo;
  const shownHost =
    addr.family === 'IPv6'
      ? `[${addr.address === '::' ? '::1' : addr.address}]`
      : addr.address === '0.0.0.0'
        ? '127.0.0.1'
        : addr.address;
  return {
    url: `${tls ? 'https' : 'http'}://${shownHost}:${addr.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
