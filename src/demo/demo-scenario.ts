// Demo stage: a PURE, seeded generator of the demo's access and error lines, Apache 2.4.71 / mod_wsgi 6.0.5 shapes
// (apache-mod_wsgi-formats.md §1.5, §3.3, §4) and %D following the mod_ratelimit model (ratelimit-measurements.md).

import { allowedTransferSeconds } from '../analyse/throughput/allowed-transfer-seconds.ts';

export interface DemoLine {
  /** Seconds since the epoch (fractional). */
  timeSeconds: number;
  log: 'access' | 'error';
  text: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** %t: `[24/Nov/2026:02:21:40 +0000]` (UTC). */
export function accessTime(t: number): string {
  const d = new Date(Math.floor(t) * 1000);
  return `[${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000]`;
}

/** Default ErrorLogFormat %t: `[Tue Nov 24 02:21:40.123456 2026]`. */
export function errorTime(t: number): string {
  const d = new Date(Math.floor(t * 1000));
  const micros = pad(Math.floor((t % 1) * 1e6), 6);
  return `[${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${micros} ${d.getUTCFullYear()}]`;
}

/** mulberry32: small, fast, good enough for a demo and deterministic per (seed, second). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const AGENTS = [
  'Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0',
  'curl/8.11.1',
  'python-requests/2.32.3',
];
const HEADER_BYTES = 243; // %O − %B: status line + headers of the demo responses
const PARENT_PID = 4121;

interface Request {
  t: number;
  ip: string;
  port: number;
  method: string;
  url: string;
  status: number;
  bytes: number;
  seconds: number;
  rateEnv: string;
  agent: string;
}

function accessLine(r: Request): string {
  // %h %l %u %t "%r" %>s %O %B %D %X %{remote}p "%{rate-limit}e" "%{User-Agent}i"
  const b = r.bytes === 0 ? '-' : String(r.bytes);
  return `${r.ip} - - ${accessTime(r.t)} "${r.method} ${r.url} HTTP/1.1" ${r.status} ${r.bytes + HEADER_BYTES} ${b} ${Math.round(r.seconds * 1e6)} + ${r.port} "${r.rateEnv}" "${r.agent}"`;
}

/** The AH00489 startup line (versions for the header and the version-dependent findings). */
export function demoStartupLines(t: number): DemoLine[] {
  return [
    {
      timeSeconds: t,
      log: 'error',
      text: `${errorTime(t)} [mpm_event:notice] [pid ${PARENT_PID}:tid ${PARENT_PID}] AH00489: Apache/2.4.71 (Debian) mod_wsgi/6.0.5 Python/3.11 configured -- resuming normal operations`,
    },
  ];
}

/** Every line whose time falls in second `s` (an integer); deterministic in (seed, s). */
export function demoLinesInSecond(seed: number, s: number): DemoLine[] {
  const r = rng((seed * 2654435761) ^ s);
  const out: DemoLine[] = [];
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const req = (over: Partial<Request> & Pick<Request, 'url' | 'bytes' | 'seconds'>): Request => ({
    t: s + r() * 0.999,
    ip: `198.51.100.${1 + Math.floor(r() * 200)}`,
    port: 32768 + Math.floor(r() * 28000),
    method: 'GET',
    status: 200,
    rateEnv: '-',
    agent: pick(AGENTS),
    ...over,
  });
  const access = (q: Request) => out.push({ timeSeconds: q.t, log: 'access', text: accessLine(q) });
  const error = (t: number, text: string) =>
    out.push({ timeSeconds: t, log: 'error', text: `${errorTime(t)} ${text}` });
  const daemonPid = 4130 + (Math.floor(s / 300) % 2);
  // /api: unlimited, daemon mode, ~12 req/s of small JSON.
  const apiCount = 8 + Math.floor(r() * 9);
  for (let i = 0; i < apiCount; i++)
    access(
      req({
        url: pick(['/api/cart', '/api/items?page=2', '/api/user']),
        bytes: 400 + Math.floor(r() * 4000),
        seconds: 0.004 + r() * 0.08,
      }),
    );
  // /downloads: daemon mode, response-flush-delay=0 + 64 KiB flushes → formula (B): one 200 ms interval per flushed
  // segment instead of per 1000 KiB, ratio ≈ 0.33 (ratelimit-measurements.md §B).
  if (s % 2 === 0) {
    const bytes = 524288 + Math.floor(r() * 3 * 1048576);
    const seconds = Math.ceil(bytes / 65536) * 0.2 * (1 + r() * 0.04);
    access(req({ url: `/downloads/release-${1 + Math.floor(r() * 9)}.tar.gz`, bytes, seconds, rateEnv: '1000' }));
  }
  // /static: the static handler under RATE_LIMIT, no burst → formula (A): conforming.
  {
    const bytes = 262144 + Math.floor(r() * 2 * 1048576);
    const seconds = allowedTransferSeconds(bytes, 1000, 0) * (1 + r() * 0.05);
    access(req({ url: `/static/img/photo-${Math.floor(r() * 40)}.jpg`, bytes, seconds, rateEnv: '1000' }));
  }
  // /reports: AddOutputFilterByType RATE_LIMIT application/zip but the app answers text/csv: never limited (ineffective).
  if (s % 3 === 0) {
    const bytes = 2 * 1048576 + Math.floor(r() * 3 * 1048576);
    access(req({ url: '/reports/sales.csv', bytes, seconds: bytes / 40e6 + 0.02, rateEnv: '1000' }));
  }
  // WSGI0210 (6.0.2+) with its 500: an embedded-mode request in a child without Python (formats.md §3.3).
  if (s % 20 === 7 || s % 20 === 8) {
    const q = req({ url: '/legacy/export', status: 500, bytes: 0, seconds: 0.0009 });
    error(
      q.t + 0.0004,
      `[wsgi:error] [pid ${5000 + (s % 97)}:tid ${5100 + (s % 89)}] [client ${q.ip}:${q.port}] [script ${'/srv/shop/app/app.wsgi'}] WSGI0210: Embedded mode of mod_wsgi cannot be used as Python was not initialised in this process.`,
    );
    access({ ...q, bytes: 531 });
  }
  // A daemon exception with its traceback and the 500 it caused.
  if (s % 30 === 13) {
    const q = req({ url: '/api/checkout', method: 'POST', status: 500, bytes: 531, seconds: 0.041 });
    const where = `[wsgi:error] [pid ${daemonPid}:tid ${daemonPid + 17}] [remote ${q.ip}:${q.port}]`;
    const t = q.t + 0.03;
    error(
      t,
      `${where} mod_wsgi (pid=${daemonPid}): Exception occurred processing WSGI script '/srv/shop/app/app.wsgi'.`,
    );
    error(t, `${where} Traceback (most recent call last):`);
    error(t, `${where}   File "/srv/shop/app/checkout.py", line 88, in application`);
    error(t, `${where}     total = cart.total()`);
    error(t, `${where} KeyError: 'currency'`);
    access(q);
  }
  // A child crash (AH00052) every 45 s.
  if (s % 45 === 21) {
    error(
      s + 0.5,
      `[core:notice] [pid ${PARENT_PID}:tid ${PARENT_PID}] AH00052: child pid ${5000 + (s % 97)} exit signal Segmentation fault (11)`,
    );
  }
  return out.sort((a, b) => a.timeSeconds - b.timeSeconds);
}

/** All lines with time in [from, to): whole seconds, so consecutive windows never repeat or skip a line. */
export function demoLinesBetween(seed: number, from: number, to: number): DemoLine[] {
  const out: DemoLine[] = [];
  for (let s = Math.floor(from); s < Math.floor(to); s++) out.push(...demoLinesInSecond(seed, s));
  return out;
}
