// response-buffer-size far below 8 MiB on a daemon behind RATE_LIMIT: a flush every `size` bytes costs one 200 ms
// interval, capping throughput near size/0.2 s (65536 → measured ~364 KiB/s on 6.0.5; domain doc §4.3 B).

import type { Finding } from '../finding.ts';
import type { RuleContext } from '../rule-context.ts';

/** Below 1 MiB the forced flushes cap throughput under ~5 MiB/s: far below the 8 MiB default. */
export const SMALL_BUFFER_BYTES = 1024 * 1024;
const OLD_DEFAULT = 65536;

export function smallResponseBufferWithRatelimit(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const d of ctx.model.daemons) {
    const size = d.responseBufferSize;
    if (size === undefined || size >= SMALL_BUFFER_BYTES) continue;
    const served = ctx.limited.find((l) => l.daemon?.name === d.name);
    if (served === undefined) continue;
    const capKiB = Math.round((size * 5) / 1024);
    const named = size === OLD_DEFAULT ? ' (65536, the pre-6.0.2 default)' : '';
    out.push({
      rule: 'small-response-buffer-with-ratelimit',
      severity: 'warning',
      subject: d.name,
      file: d.source.file,
      line: d.source.line,
      message: `Daemon group ${d.name} sets response-buffer-size=${size}${named}, so it forces a flush every ${size} bytes and ${served.subject} under RATE_LIMIT cannot go faster than about ${capKiB} KiB/s.`,
      fix: `Remove response-buffer-size from WSGIDaemonProcess ${d.name} (the 6.0.2+ default is 8388608).`,
    });
  }
  return out;
}
