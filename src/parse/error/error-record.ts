// A parsed error-log line. Fields absent from the line (or the ErrorLogFormat) stay undefined.

export interface PeerAddress {
  ip: string;
  port?: number;
}

export interface ErrorRecord {
  ok: true;
  /** False for a bare line with no Apache prefix (raw stderr, §2.4): only `message` is set. */
  prefixed: boolean;
  /** Unix seconds; the default format has no zone, so it is read in the agent's local zone (TZ). */
  timeSeconds?: number;
  /** `[module:level]` module part, e.g. `wsgi`, `core`, `mpm_event`. */
  module?: string;
  /** Level token as written: emerg alert crit error warn notice info debug trace1…trace8. */
  level?: string;
  pid?: number;
  tid?: number;
  /** `(errno)Text: ` APR status before the peer. */
  aprStatus?: { errno: string; text: string };
  /** `[client ip:port]` (Apache child) or `[remote ip:port]` (inside a mod_wsgi daemon). */
  peerKind?: 'client' | 'remote';
  peer?: PeerAddress;
  /** `%L` request log ID when the ErrorLogFormat logs it. */
  requestLogId?: string;
  /** `AHnnnnn` when the message starts with one. */
  ahCode?: string;
  /** `WSGInnnn` found anywhere in the message (6.x). */
  wsgiCode?: string;
  /** `[script PATH]` tag (6.x request-scoped lines). */
  script?: string;
  /** `, referer: …` tail. */
  referer?: string;
  /** ErrorLogFormat items with no field of their own (`%v`, `%k`, `%{X-Foo}i`, `%{c}L`, …), keyed by the item as written. */
  extra?: Record<string, string>;
  /** The message with the prefix, peer, referer tail removed; error-log escapes (\xHH, \n, \\) decoded. */
  message: string;
}
