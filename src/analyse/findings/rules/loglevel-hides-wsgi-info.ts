// mod_wsgi logs daemon start, exit, restart and deregistration at `info` (domain doc §5.3); at the default `warn` they
// are dropped, and wsgiwatch cannot see daemon lifecycle events.
// Which LogLevel counts where (mod_wsgi 4.9.4 src/server/mod_wsgi.c): the Apache parent logs "Starting process" and
// "has died, deregister and restart it" through the main server; a daemon process then logs through the server of
// the <VirtualHost> that defines its group (its stop, shutdown and interpreter lines, in that vhost's ErrorLog), and
// requests through their vhost. A vhost's `LogLevel warn` replaces the server's `wsgi:info` there (httpd
// ap_merge_log_config), so each vhost that sets its own level is checked on its own.

import type { VhostLogModel } from '../../../config/apache/config-model.ts';
import type { Finding } from '../finding.ts';
import type { RuleContext } from '../rule-context.ts';

const LEVELS = ['emerg', 'alert', 'crit', 'error', 'warn', 'notice', 'info', 'debug', 'trace1'];

export function loglevelHidesWsgiInfo(ctx: RuleContext): Finding[] {
  const m = ctx.model;
  if (!m.modules.includes('wsgi_module')) return [];
  const out: Finding[] = [];
  const level = wsgiLevel(m.logLevels);
  if (hidesInfo(level)) {
    const source = m.logLevelSource ?? { file: m.files[0] ?? '', line: 0 };
    out.push({
      rule: 'loglevel-hides-wsgi-info',
      severity: m.daemons.length > 0 ? 'warning' : 'info',
      subject: source.file,
      file: source.file,
      line: source.line,
      message: `LogLevel for mod_wsgi is ${level}, which hides the wsgi:info lines where daemon processes start, exit and restart.`,
      fix: `Use \`LogLevel ${m.logLevels[''] ?? 'warn'} wsgi:info\`.`,
    });
  }
  for (const v of m.vhostLogs) {
    const finding = vhostFinding(ctx, v);
    if (finding !== undefined) out.push(finding);
  }
  return out;
}

/** A vhost whose own LogLevel decides mod_wsgi's level there and hides info; other vhosts follow the server's. */
function vhostFinding(ctx: RuleContext, v: VhostLogModel): Finding | undefined {
  if (v.logLevelSource === undefined) return undefined;
  if (v.ownLogLevels[''] === undefined && v.ownLogLevels.wsgi === undefined) return undefined;
  const level = wsgiLevel(v.logLevels);
  if (!hidesInfo(level)) return undefined;
  const m = ctx.model;
  const servesWsgi =
    m.daemons.some((d) => d.vhost === v.vhost) || m.locations.some((l) => l.vhost === v.vhost && l.wsgi);
  const where = v.errorLog === undefined ? 'its error log' : v.errorLog;
  const why =
    v.ownLogLevels[''] !== undefined && v.ownLogLevels.wsgi === undefined
      ? `its \`LogLevel ${v.ownLogLevels['']}\` replaces the server's per-module levels`
      : `its LogLevel sets mod_wsgi to ${level}`;
  return {
    rule: 'loglevel-hides-wsgi-info',
    severity: servesWsgi ? 'warning' : 'info',
    subject: v.vhost,
    file: v.logLevelSource.file,
    line: v.logLevelSource.line,
    message: `In vhost ${v.vhost} (ErrorLog ${where}) mod_wsgi logs at ${level}: ${why}, which hides the wsgi:info lines its daemon processes and requests write there.`,
    fix: `Use \`LogLevel ${v.logLevels[''] ?? 'warn'} wsgi:info\` inside this <VirtualHost>: a level without a module resets every module's level for the vhost.`,
  };
}

function wsgiLevel(levels: Record<string, string>): string {
  return levels.wsgi ?? levels[''] ?? 'warn';
}

function hidesInfo(level: string): boolean {
  const rank = LEVELS.indexOf(level.startsWith('trace') ? 'trace1' : level);
  return rank >= 0 && rank < LEVELS.indexOf('info');
}
