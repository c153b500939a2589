// A verdict in words: the evidence (median ratio, achieved rate) joined with what the config and versions say.

import type { WsgiDaemonModel } from '../../config/apache/config-model.ts';
import type { LocationVerdict } from './location-verdict.ts';

/** APR_BUCKET_BUFF_SIZE: the daemon socket is read in buckets of at most 8000 bytes (formats doc §1.8). */
const BUCKET_BYTES = 8000;
/** ≤ 6.0.1 flushes after 16 buckets whatever response-buffer-size says (mw4 mod_wsgi.c wsgi_transfer_response). */
const MAX_BUCKETS_PER_FLUSH = 16;

export interface ExplainVerdictInput {
  verdict: LocationVerdict;
  /** `vhost location` or the location label. */
  location: string;
  rateKiB?: number;
  daemon?: WsgiDaemonModel;
  modWsgiVersion?: string;
  /** RATE_LIMIT added only for these MIME types (AddOutputFilterByType) or extensions (AddOutputFilter). */
  filterOnly?: string[];
}

export function explainVerdict(input: ExplainVerdictInput): string {
  const { verdict: v, location, rateKiB, daemon, modWsgiVersion } = input;
  const words: VerdictWords = {
    rate: rateKiB !== undefined ? `rate-limit ${rateKiB} KiB/s` : 'the configured rate-limit',
    achieved: v.achievedKiBps !== undefined ? `, achieved p50 ${Math.round(v.achievedKiBps.p50)} KiB/s` : '',
    median: v.medianRatio !== undefined ? `median ratio ${fmt(v.medianRatio)} over ${v.samples} responses` : '',
    served: servedBy(daemon, modWsgiVersion),
    old: isBefore602(modWsgiVersion, daemon),
  };

  switch (v.verdict) {
    case 'no-limit':
      return `${location}: no RATE_LIMIT rule applies here.`;
    case 'insufficient-data':
      return `${location}: ${v.samples} measurable response${v.samples === 1 ? '' : 's'} in the window (${words.rate}); at least 5 larger than one piece plus burst are needed before a verdict.${words.served ? ` ${words.served}.` : ''}`;
    case 'conforming':
      return explainConforming(input, words).join(' ');
    case 'throttled':
    case 'unclear':
      return explainSlow(input, words).join(' ');
    case 'ineffective':
      return explainIneffective(input, words).join(' ');
  }
}

/** The phrases every verdict's explanation draws on. */
interface VerdictWords {
  rate: string;
  achieved: string;
  median: string;
  served: string;
  /** The daemon runs a mod_wsgi before 6.0.2. */
  old: boolean;
}

function explainConforming(input: ExplainVerdictInput, w: VerdictWords): string[] {
  const { location, rateKiB, daemon } = input;
  const parts = [`${location}: ${w.median}${w.achieved}: responses take about as long as ${w.rate} allows.`];
  if (w.served) parts.push(`${w.served}.`);
  if (daemon && w.old && rateKiB !== undefined && rateKiB * 1024 >= capBytesPerSecond(daemon, true) * 0.8) {
    parts.push(
      `The limit is close to what a daemon before mod_wsgi 6.0.2 can deliver (~${capKiB(daemon, true)} KiB/s): raising rate-limit above that will not make these responses faster.`,
    );
  }
  return parts;
}

/** Throttled or unclear: responses slower than the limit; the cause depends on how the response was served. */
function explainSlow(input: ExplainVerdictInput, w: VerdictWords): string[] {
  const { verdict: v, location, daemon } = input;
  const head =
    v.verdict === 'throttled'
      ? `${location}: ${w.median}${w.achieved}: responses are slower than ${w.rate} allows.`
      : `${location}: ${w.median}${w.achieved}: between conforming (0.8–1.25) and throttled (≤ 0.67) or ineffective (≥ 1.5); watch it.`;
  if (daemon) return [head, `${w.served}.`, ...daemonSlowCause(daemon, input.modWsgiVersion, w.old)];
  return [
    head,
    'Not a mod_wsgi daemon location: either the server or network is slower than the limit, or an embedded-mode app yields small blocks (embedded mode flushes after every write, and each flush costs a 200 ms sleep: 8 KiB writes give ≈ 40 KiB/s).',
    'Fix: yield blocks of at least one piece (rate × 1024 / 5 bytes), or run the app in daemon mode on mod_wsgi ≥ 6.0.2.',
  ];
}

/** Why a daemon's responses are slow, and the fix: the version's flush rule first, then the options. */
function daemonSlowCause(daemon: WsgiDaemonModel, modWsgiVersion: string | undefined, old: boolean): string[] {
  if (old) {
    return [
      `Before mod_wsgi 6.0.2 the daemon proxy flushes every ~${capSegmentBytes(daemon, true).toLocaleString('en-US')} bytes and whenever the daemon socket runs dry; RATE_LIMIT sends a short piece at each flush and still sleeps 200 ms, so daemon responses top out near ${capKiB(daemon, true)} KiB/s whatever rate-limit says (measured ≈ 350 KiB/s with the default 65536-byte buffer).`,
      'Fix: upgrade mod_wsgi to 6.0.2 or later (keep response-flush-delay at its 5 ms default and response-buffer-size at its 8 MiB default), or serve large downloads as static files.',
    ];
  }
  if (modWsgiVersion === undefined && daemon.options['response-flush-delay'] === undefined) {
    return [
      `The mod_wsgi version is unknown (no startup line seen): before 6.0.2 daemon responses top out near ${capKiB(daemon, true)} KiB/s whatever rate-limit says, because the daemon proxy flushes every ~${capSegmentBytes(daemon, true).toLocaleString('en-US')} bytes and each flush costs RATE_LIMIT a 200 ms sleep.`,
      'Fix: if it is older than 6.0.2, upgrade mod_wsgi; otherwise check that the app streams without pauses.',
    ];
  }
  const delay = daemon.responseFlushDelayMs;
  const buffer = daemon.responseBufferSize;
  if (delay === 0) {
    return [
      'response-flush-delay=0 flushes on every stall of the daemon socket, and each flush costs RATE_LIMIT a 200 ms sleep.',
      'Fix: remove response-flush-delay=0 (default 5 ms).',
    ];
  }
  if (buffer !== undefined && buffer < 1024 * 1024) {
    return [
      `response-buffer-size=${buffer} forces a flush every ${buffer.toLocaleString('en-US')} bytes, capping responses near ${Math.round(buffer / 0.2 / 1024)} KiB/s.`,
      'Fix: remove response-buffer-size or raise it (default 8388608).',
    ];
  }
  return [
    `mod_wsgi ${modWsgiVersion ?? '≥ 6.0.2'} only flushes when the app pauses ≥ response-flush-delay (${delay ?? 5} ms): the app probably streams slower than the limit or pauses between yields.`,
    'Fix: yield larger blocks without pauses, or raise response-flush-delay.',
  ];
}

function explainIneffective(input: ExplainVerdictInput, w: VerdictWords): string[] {
  const { location, filterOnly } = input;
  const parts = [
    `${location}: ${w.median}${w.achieved}: responses finish much faster than ${w.rate} allows, so the limit is not being applied.`,
  ];
  if (filterOnly !== undefined && filterOnly.length > 0) {
    parts.push(
      `RATE_LIMIT is added only for ${filterOnly.join(', ')}; these responses are evidently of another type (or extension), so the filter never ran although rate-limit is set.`,
      'Fix: use SetOutputFilter RATE_LIMIT in this <Location>, or list the Content-Type the app really sends.',
    );
  } else {
    parts.push(
      'Likely causes: RATE_LIMIT is not in the output filter chain for these requests, the rate-limit variable is not set for them (a conditional SetEnvIf/RewriteRule), or httpd ≤ 2.4.33 where streamed content was not paced.',
      'Fix: put SetOutputFilter RATE_LIMIT and SetEnv rate-limit in the <Location> that serves these URLs.',
    );
  }
  if (w.served) parts.push(`${w.served}.`);
  return parts;
}

function servedBy(daemon: WsgiDaemonModel | undefined, version: string | undefined): string {
  if (daemon === undefined) return '';
  const old = isBefore602(version, daemon);
  // The option only exists from 6.0.2 on; older daemons flush at every stall instead.
  const delay =
    daemon.responseFlushDelayMs !== undefined
      ? `${daemon.responseFlushDelayMs} ms`
      : old
        ? 'not available before 6.0.2'
        : 'default 5 ms';
  const buffer =
    daemon.responseBufferSize !== undefined ? `${daemon.responseBufferSize}` : `default (${old ? '65536' : '8388608'})`;
  return `Served by mod_wsgi daemon group '${daemon.name}' (response-flush-delay ${delay}, response-buffer-size ${buffer}) on mod_wsgi ${version ?? 'of unknown version'}`;
}

/** True when the evidence says the daemon runs a mod_wsgi before 6.0.2. response-flush-delay only parses on ≥ 6.0.2 (§1.7). */
function isBefore602(version: string | undefined, daemon: WsgiDaemonModel | undefined): boolean {
  if (daemon?.options['response-flush-delay'] !== undefined) return false;
  if (version === undefined) return false;
  const [a = 0, b = 0, c = 0] = version.split('.').map((p) => Number.parseInt(p, 10) || 0);
  return a < 6 || (a === 6 && b === 0 && c < 2);
}

/** Bytes between forced flushes before 6.0.2: buckets until > response-buffer-size, at most 16 (formats doc §1.8). */
function capSegmentBytes(daemon: WsgiDaemonModel, old: boolean): number {
  const buffer = daemon.responseBufferSize ?? (old ? 65536 : 8 * 1024 * 1024);
  const buckets = Math.min(Math.floor(buffer / BUCKET_BYTES) + 1, MAX_BUCKETS_PER_FLUSH);
  return buckets * BUCKET_BYTES;
}

function capBytesPerSecond(daemon: WsgiDaemonModel, old: boolean): number {
  return capSegmentBytes(daemon, old) / 0.2;
}

function capKiB(daemon: WsgiDaemonModel, old: boolean): number {
  return Math.round(capBytesPerSecond(daemon, old) / 1024);
}

function fmt(n: number): string {
  return n >= 10 ? n.toFixed(0) : n.toFixed(2);
}
