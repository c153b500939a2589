// The agent's HTTP edge: GET / (the live page), /metrics (text or OpenMetrics by Accept), /-/healthy, /-/ready,
// /api/v1/snapshot.
// Only these routes; other methods 405, other paths 404; bounded headers and request time; never echoes input.
// TLS and basic auth come from an exporter-toolkit web config file (--web.config.file).

import { readFileSync } from 'node:fs';
import type http from 'node:http';
import type https from 'node:https';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { UserError } from '../user-error.ts';
import { acceptsGzip } from './accepts-gzip.ts';
import type { Registries } from './create-registries.ts';
import { createBasicAuthCheck, type WebConfig, WebConfigError } from './web-config.ts';

export interface HttpServerOptions {
  /** `host:port`, `:port` (all interfaces) or `port`. */
  listenAddress: string;
  /** Path of the metrics page (default `/metrics`, node_exporter's --web.telemetry-path). */
  telemetryPath?: string;
  registries: Registries;
  snapshot: () => unknown;
  ready: () => boolean;
  webConfig?: WebConfig;
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
  /** How often the page at `/` fetches the snapshot (default 1000 ms: the agent's flush interval). */
  pageRefreshMs?: number;
}

export interface RunningHttpServer {
  /** Base URL, e.g. `http://127.0.0.1:9147`. */
  url: string;
  close(): Promise<void>;
}

const MAX_HEADER_BYTES = 16 * 1024;
/** The fixed routes besides `/` and the metrics page, whose path is configurable. */
const ROUTES: ReadonlySet<string> = new Set(['/-/healthy', '/-/ready', '/api/v1/snapshot']);
const METRICS = Symbol('metrics');
// Below this a gzip header and the CPU cost more than they save (a /metrics page is 80 KB, 7 KB compressed).
const GZIP_MIN_BYTES = 1024;
const gzipAsync = promisify(gzip);
/** A --web.listen-address that is not host:port, or a --web.telemetry-path that is not a free path: input, exit 2. */
export class WebFlagError extends UserError {
  override name = 'WebFlagError';
}

/** The address could not be bound (in use, a privileged port, not local): reported in one line, exit 1. */
export class ListenError extends Error {
  override name = 'ListenError';
}

const LISTEN_HINTS: Record<string, string> = {
  EADDRINUSE: 'address already in use (another wsgiwatch or exporter?); choose another with --web.listen-address',
  EACCES: 'permission denied (ports below 1024 need root or CAP_NET_BIND_SERVICE)',
  EADDRNOTAVAIL: 'no such address on this machine',
};

/** Splits a Prometheus-style listen address into host and port (`:9147` → all interfaces). */
export function parseListenAddress(address: string): { host?: string; port: number } {
  const a = address.trim();
  const m = /^\d+$/.test(a) ? [a, undefined, undefined, a] : /^(?:\[([^\]]+)\]|([^:[\]]*)):(\d+)$/.exec(a);
  if (m === null) throw new WebFlagError(`invalid listen address "${address}": expected host:port, :port or port`);
  const host = m[1] ?? (m[2] === '' || m[2] === undefined ? undefined : m[2]);
  const port = Number(m[3]);
  if (port > 65535) throw new WebFlagError(`invalid listen address "${address}": port out of range`);
  return { host, port };
}

/** A TLS file of the web config, read at start: an unreadable one names its key and path instead of a stack trace. */
function readTlsFile(key: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    throw new WebConfigError(
      `tls_server_config.${key} ${path}: cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
}

function createTlsServer(
  tls: NonNullable<WebConfig['tls']>,
  serverOptions: http.ServerOptions,
  handler: http.RequestListener,
): https.Server {
  const options: https.ServerOptions = {
    ...serverOptions,
    cert: readTlsFile('cert_file', tls.certFile),
    key: readTlsFile('key_file', tls.keyFile),
    ...(tls.clientCaFile
      ? { ca: readTlsFile('client_ca_file', tls.clientCaFile), requestCert: true, rejectUnauthorized: true }
      : {}),
    minVersion: (tls.minVersion as 'TLSv1.2' | 'TLSv1.3' | undefined) ?? 'TLSv1.2',
  };
  try {
    // Loaded only for TLS: node:https brings OpenSSL's TLS stack, ≈ 9 MiB resident.
    return process.getBuiltinModule('node:https').createServer(options, handler);
  } catch (err) {
    // Not PEM, or a key that does not match the certificate (OpenSSL's message says which).
    throw new WebConfigError(`tls_server_config (${tls.certFile}, ${tls.keyFile}): ${(err as Error).message}`);
  }
}

interface LivePage {
  html: string;
  headers: Record<string, string>;
}

/**
 * `/`: the report page drawing the snapshot (src/web); its CSP also goes out as a header, with frame-ancestors. Loaded
 * and rendered at its first request: an agent nobody opens in a browser keeps neither the page (uPlot inlined) nor
 * node:crypto (the CSP hash) resident.
 */
async function loadLivePage(metricsPath: string, refreshMs: number): Promise<LivePage> {
  const [{ renderLivePage }, { loadChartLibrary }] = await Promise.all([
    import('../web/render-html-report.ts'),
    import('../web/load-chart-library.ts'),
  ]);
  const page = renderLivePage(
    { snapshotPath: '/api/v1/snapshot', refreshMs, links: [metricsPath, '/api/v1/snapshot', '/-/healthy', '/-/ready'] },
    loadChartLibrary(),
  );
  return {
    html: page.html,
    headers: {
      'Content-Security-Policy': `${page.contentSecurityPolicy}; frame-ancestors 'none'`,
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    },
  };
}

function wantsOpenMetrics(accept: string | undefined): boolean {
  return accept?.includes('application/openmetrics-text') === true;
}

/** Starts the server; resolves once it listens. */
// biome-ignore lint/complexity/noExcessiveLinesPerFunction: one request handler closes over the routes, the page, the auth check and the registries built once at start; its parts are already separate functions above.
export async function serveHttp(options: HttpServerOptions): Promise<RunningHttpServer> {
  const { host, port } = parseListenAddress(options.listenAddress);
  const metricsPath = options.telemetryPath ?? '/metrics';
  if (!metricsPath.startsWith('/') || metricsPath === '/' || ROUTES.has(metricsPath))
    throw new WebFlagError(
      `invalid telemetry path "${metricsPath}": expected a path starting with / other than /, ${[...ROUTES].join(', ')}`,
    );
  let page: Promise<LivePage> | undefined;
  const authCheck = options.webConfig?.basicAuthUsers
    ? createBasicAuthCheck(options.webConfig.basicAuthUsers)
    : undefined;

  const handler: http.RequestListener = (req, res) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    // The large bodies (/metrics, the snapshot, the page): gzip when asked, as promhttp does for Prometheus' scrapes.
    const sendCompressible = (type: string, body: string) => {
      res.setHeader('Vary', 'Accept-Encoding');
      if (body.length < GZIP_MIN_BYTES || !acceptsGzip(req.headers['accept-encoding'])) {
        send(200, type, body);
        return;
      }
      gzipAsync(body).then(
        (zipped) => {
          res.writeHead(200, { 'Content-Type': type, 'Content-Encoding': 'gzip', 'Content-Length': zipped.length });
          res.end(req.method === 'HEAD' ? undefined : zipped);
        },
        () => send(200, type, body),
      );
    };
    if (authCheck !== undefined && !authCheck(req.headers.authorization)) {
      res.setHeader('WWW-Authenticate', 'Basic realm="wsgiwatch"');
      send(401, 'text/plain; charset=utf-8', 'Unauthorized\n');
      return;
    }
    const path = (req.url ?? '/').split('?')[0];
    const route = path === metricsPath ? METRICS : ROUTES.has(path) || path === '/' ? path : undefined;
    if (route === undefined) {
      send(404, 'text/plain; charset=utf-8', 'Not Found\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      send(405, 'text/plain; charset=utf-8', 'Method Not Allowed\n');
      return;
    }
    switch (route) {
      case '/':
        page ??= loadLivePage(metricsPath, options.pageRefreshMs ?? 1000);
        page.then(
          ({ html, headers }) => {
            for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
            sendCompressible('text/html; charset=utf-8', html);
          },
          () => send(500, 'text/plain; charset=utf-8', 'page rendering failed\n'),
        );
        return;
      case '/-/healthy':
        send(200, 'text/plain; charset=utf-8', 'Healthy\n');
        return;
      case '/-/ready':
        if (options.ready()) send(200, 'text/plain; charset=utf-8', 'Ready\n');
        else send(503, 'text/plain; charset=utf-8', 'Not ready\n');
        return;
      case '/api/v1/snapshot':
        sendCompressible('application/json; charset=utf-8', JSON.stringify(options.snapshot()));
        return;
      case METRICS: {
        const registry = wantsOpenMetrics(req.headers.accept)
          ? options.registries.openMetrics
          : options.registries.text;
        registry.metrics().then(
          (body) => sendCompressible(registry.contentType, body),
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
  // Not `import http from 'node:http'`: an ESM import of node:http evaluates every export, the lazy ones that load
  // undici too (≈ 12 MiB resident more than node:http itself).
  const server = tls
    ? createTlsServer(tls, serverOptions, handler)
    : process.getBuiltinModule('node:http').createServer(serverOptions, handler);
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
    server.once('error', (err: NodeJS.ErrnoException) => {
      const why = (err.code && LISTEN_HINTS[err.code]) ?? err.message;
      reject(new ListenError(`cannot listen on ${options.listenAddress}: ${why}`));
    });
    server.listen(port, host, () => {
      server.removeAllListeners('error');
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
