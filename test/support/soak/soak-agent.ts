// The agent under soak: the real createAgent (tailer → parse → aggregate → /metrics) plus a tap that appends the
// sequence number of every line it reads to an audit file, so the verifier can count lost and duplicated lines.
// Every 5 s it records RSS, open file descriptors and CPU. argv: dir runIndex port

import { appendFileSync, openSync, readdirSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { createAgent } from '../../../src/agent/create-agent.ts';
import { createLogger } from '../../../src/log.ts';

const [dir, run, port] = process.argv.slice(2);
const audit = openSync(join(dir, `audit-${run}.txt`), 'a');
const SEQ = /seq[/=](\d+)/;
const agent = createAgent({
  logger: createLogger({ level: 'info', file: join(dir, `agent-${run}.log`) }),
  accessLogs: [{ path: join(dir, 'access.log'), format: '%h %l %u %t "%r" %>s %O "%{Referer}i" "%{User-Agent}i" %D' }],
  errorLogs: [{ path: join(dir, 'error.log') }],
  locations: [{ prefix: '/downloads', rateLimitKiB: 1000 }],
  positionsFile: join(dir, 'positions.json'),
  listenAddress: `127.0.0.1:${port}`,
  tap(lines) {
    let out = '';
    for (const l of lines) {
      const m = SEQ.exec(l.text);
      out += m === null ? `?${l.text.length}\n` : `${m[1]}\n`;
    }
    writeSync(audit, out);
  },
});
await agent.start();
const stats = () => {
  const cpu = process.cpuUsage();
  appendFileSync(
    join(dir, `stats-${run}.jsonl`),
    `${JSON.stringify({
      t: Date.now(),
      rss: process.memoryUsage().rss,
      heapUsed: process.memoryUsage().heapUsed,
      heapTotal: process.memoryUsage().heapTotal,
      external: process.memoryUsage().external,
      fds: readdirSync('/proc/self/fd').length,
      cpuMs: (cpu.user + cpu.system) / 1000,
      lines: agent.snapshot().sources.reduce((a, s) => a + s.linesRead, 0),
      lag: agent.snapshot().totals.worstLagBytes,
    })}\n`,
  );
};
stats();
const timer = setInterval(stats, 5000);
process.once('SIGTERM', () => {
  clearInterval(timer);
  stats();
  agent.stop().then(() => process.exit(0));
});
