// A parsed access-log line. Units are converted at the parse edge: seconds and bytes.
// Every field is optional because a LogFormat may not log it.

export interface AccessRecord {
  ok: true;
  /** %t / %{…}t: request start, unix seconds (fractional when the format has sub-second precision). */
  timeSeconds?: number;
  /** %h / %a: client address. */
  clientIp?: string;
  /** %{remote}p: client port (join key with [client ip:port] in the error log). */
  clientPort?: number;
  /** %v / %V: virtual host name. */
  vhost?: string;
  /** %p / %{local}p / %{canonical}p: server port. */
  serverPort?: number;
  /** %m, or the method of %r. */
  method?: string;
  /** %U, or the path of %r (no query string). */
  urlPath?: string;
  /** %q, or the query of %r, including the leading `?`; empty when none. */
  query?: string;
  /** %H, or the protocol of %r. */
  protocol?: string;
  /** %>s (final status); %s and %<s fill it when %>s is absent. */
  status?: number;
  /** %<s: status of the original request before internal redirects. */
  originalStatus?: number;
  /** %O: bytes sent including headers (mod_logio). */
  responseBytes?: number;
  /** %B / %b: body bytes (`-` in %b → 0). */
  bodyBytes?: number;
  /** %I: bytes received including headers (mod_logio). */
  requestBytes?: number;
  /** %D, %{us}T, %{ms}T, %T, %{s}T: time to serve the request, seconds. */
  durationSeconds?: number;
  /** %^FB: time to first byte, seconds (mod_logio with LogIOTrackTTFB On). */
  ttfbSeconds?: number;
  /** %X: connection status at the end of the response: `X` aborted, `+` keep-alive, `-` closed. */
  connectionStatus?: 'X' | '+' | '-';
  /** %L: request log ID (join key with the error log's %L). */
  requestLogId?: string;
  /** %{rate-limit}e: effective rate limit, KiB/s, as logged (raw string: mod_ratelimit applies atoi). */
  rateLimitRaw?: string;
  /** %{rate-initial-burst}e: effective initial burst, KiB, as logged. */
  rateInitialBurstRaw?: string;
  /** %{Referer}i */
  referer?: string;
  /** %{User-Agent}i */
  userAgent?: string;
  /** %P / %{pid}P */
  pid?: number;
  /** Any other directive's value, keyed by the directive as written (e.g. `%{X-Foo}i`, `%k`), unescaped. */
  extra?: Record<string, string>;
}
