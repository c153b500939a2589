// A response-flush-delay above 200 ms: a paused streaming response (server-sent events, progress output) holds its
// partial output that long. 200 ms is mod_ratelimit's RATE_INTERVAL_MS and about twice what people notice (~100 ms).

import type { Finding } from '../finding.ts';
import type { RuleContext } from '../rule-context.ts';

export const FLUSH_DELAY_LIMIT_MS = 200;

export function flushDelayTooLong(ctx: RuleContext): Finding[] {
  return ctx.model.daemons
    .filter((d) => d.responseFlushDelayMs !== undefined && d.responseFlushDelayMs > FLUSH_DELAY_LIMIT_MS)
    .map((d) => ({
      rule: 'flush-delay-too-long',
      severity: 'warning' as const,
      subject: d.name,
      file: d.source.file,
      line: d.source.line,
      message: `Daemon group ${d.name} waits ${d.responseFlushDelayMs} ms before flushing when the application pauses, so streamed output stalls visibly (more than ${FLUSH_DELAY_LIMIT_MS} ms).`,
      fix: `Set response-flush-delay to ${FLUSH_DELAY_LIMIT_MS} or less on WSGIDaemonProcess ${d.name} (default 5).`,
    }));
}
