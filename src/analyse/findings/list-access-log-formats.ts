// Per vhost: the access logs that record its requests (its own CustomLog/TransferLog, else the main server's) and
// what each format logs — for throughput findings and the analysis.

import type { ConfigModel, LogTargetModel } from '../../config/apache/config-model.ts';
import { compileLogFormat } from '../../parse/access/compile-log-format.ts';

export interface AccessLogFormat {
  vhost: string;
  target: LogTargetModel;
  format: string;
  logs: { duration: boolean; responseBytes: boolean; bodyBytes: boolean };
}

export function listAccessLogFormats(model: ConfigModel): AccessLogFormat[] {
  const access = model.logTargets.filter((t) => t.log === 'access');
  const serverLogs = access.filter((t) => t.vhost === 'default' && t.global !== true);
  const globalLogs = access.filter((t) => t.global === true);
  const names = model.vhosts.length > 0 ? [...new Set(model.vhosts.map((v) => v.name))] : ['default'];
  const out: AccessLogFormat[] = [];
  for (const vhost of names) {
    const own = access.filter((t) => t.vhost === vhost && t.global !== true);
    // mod_log_config: a vhost with no log of its own writes to the main server's logs; GlobalLog gets every request.
    const targets = [...(own.length > 0 || vhost === 'default' ? own : serverLogs), ...globalLogs];
    for (const target of targets) {
      const format = target.format ?? '%h %l %u %t "%r" %>s %b';
      out.push({ vhost, target, format, logs: describeFormat(format) });
    }
  }
  return out;
}

/** What a LogFormat records; compileLogFormat when it understands the format, else a plain directive scan. */
export function describeFormat(format: string): AccessLogFormat['logs'] {
  try {
    const { duration, responseBytes, bodyBytes } = compileLogFormat(format).logs;
    return { duration, responseBytes, bodyBytes };
  } catch {
    // The `{…}` argument is bounded: unbounded, every `%{` without a `}` after it scanned to the end (O(n²): 2 s for a
    // 64 KiB `%{%{…`, found by the fuzz suite).
    const codes = [...format.matchAll(/%[<>!,0-9]*(?:\{([^}]{0,256})\})?(\^..|[A-Za-z%])/g)].map((m) => ({
      arg: m[1],
      code: m[2],
    }));
    return {
      // %D µs, %T s, %{ms|us|s}T (mod_log_config.c:784-800)
      duration: codes.some((c) => c.code === 'D' || c.code === 'T'),
      // %O (mod_logio): bytes on the wire incl. headers
      responseBytes: codes.some((c) => c.code === 'O' || c.code === 'S'),
      bodyBytes: codes.some((c) => c.code === 'B' || c.code === 'b'),
    };
  }
}
