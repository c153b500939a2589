// mod_wsgi logs daemon start, exit, restart and deregistration at `info` (domain doc §5.3); at the default `warn` they
// are dropped, and wsgiwatch cannot see daemon lifecycle events.

import type { Finding } from '../finding.ts';
import type { RuleContext } from '../rule-context.ts';

const LEVELS = ['emerg', 'alert', 'crit', 'error', 'warn', 'notice', 'info', 'debug', 'trace1'];

export function loglevelHidesWsgiInfo(ctx: RuleContext): Finding[] {
  const m = ctx.model;
  if (!m.modules.includes('wsgi_module')) return [];
  const level = m.logLevels.wsgi ?? m.logLevels[''] ?? 'warn';
  const rank = LEVELS.indexOf(level.startsWith('trace') ? 'trace1' : level);
  if (rank < 0 || rank >= LEVELS.indexOf('info')) return [];
  const source = m.logLevelSource ?? { file: m.files[0] ?? '', line: 0 };
  return [
    {
      rule: 'loglevel-hides-wsgi-info',
      severity: m.daemons.length > 0 ? 'warning' : 'info',
      subject: source.file,
      file: source.file,
      line: source.line,
      message: `LogLevel for mod_wsgi is ${level}, which hides the wsgi:info lines where daemon processes start, exit and restart.`,
      fix: `Use \`LogLevel ${m.logLevels[''] ?? 'warn'} wsgi:info\`.`,
    },
  ];
}
