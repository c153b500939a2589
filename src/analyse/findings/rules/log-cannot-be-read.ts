// An ErrorLog or access log that Apache sends to syslog, or pipes to a program other than rotatelogs (whose files are
// tailed as a glob): wsgiwatch reads none of its lines, so that vhost's events or requests are missing from every view.

import type { UnreadableLogModel } from '../../../config/apache/config-model.ts';
import type { Finding } from '../finding.ts';
import type { RuleContext } from '../rule-context.ts';

export function logCannotBeRead(ctx: RuleContext): Finding[] {
  return ctx.model.unreadableLogs.map((u) => ({
    rule: 'log-cannot-be-read',
    severity: 'warning',
    subject: u.vhost,
    file: u.source.file,
    line: u.source.line,
    message: `${owner(u)} is not read, so ${missing(u)} are not seen: ${u.directive} "${u.target}" — ${u.reason}.`,
    fix: fix(u),
  }));
}

function owner(u: UnreadableLogModel): string {
  const what = u.log === 'error' ? 'error log' : 'access log';
  if (u.vhost !== 'default') return `The ${what} of vhost ${u.vhost}`;
  // A server-scope ErrorLog is also the error log of every vhost that sets none.
  return u.log === 'error'
    ? `The main server's ${what} (and that of every vhost without its own)`
    : `The main server's ${what}`;
}

function missing(u: UnreadableLogModel): string {
  return u.log === 'error'
    ? 'its mod_wsgi events (crashes, timeouts, daemon restarts)'
    : 'its requests, errors and rate-limit verdicts';
}

function fix(u: UnreadableLogModel): string {
  const name = u.vhost === 'default' ? u.log : `${u.vhost}-${u.log}`;
  const directive = u.log === 'error' ? 'ErrorLog' : 'CustomLog';
  const format = u.log === 'error' ? '' : ' FORMAT';
  const file = `\`${directive} \${APACHE_LOG_DIR}/${name}.log${format}\``;
  const rotatelogs = `\`${directive} "|/usr/bin/rotatelogs \${APACHE_LOG_DIR}/${name}.%Y%m%d.log 86400"${format}\``;
  if (u.via === 'syslog')
    return `Write it to a file (${file}) or through rotatelogs (${rotatelogs}): syslog keeps neither Apache's time nor its module and level in a form wsgiwatch reads.`;
  if (u.reason.startsWith('rotatelogs '))
    return `Give rotatelogs the file name to write (${rotatelogs}): wsgiwatch finds the files it writes.`;
  const flag = u.log === 'error' ? '--error-log FILE' : '--access-log FILE (and --access-log-format)';
  return `If the program writes a file, pass it with ${flag}; otherwise log to a file (${file}) or through rotatelogs (${rotatelogs}), whose files wsgiwatch finds.`;
}
