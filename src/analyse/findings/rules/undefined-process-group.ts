// A WSGIProcessGroup naming no WSGIDaemonProcess: mod_wsgi answers every request there with a 500 ("No WSGI daemon
// process called '…' has been configured"); apache2 -t does not notice (unlike a WSGIScriptAlias process-group=).

import type { Finding } from '../finding.ts';
import type { RuleContext } from '../rule-context.ts';

export function undefinedProcessGroup(ctx: RuleContext): Finding[] {
  const names = new Set(ctx.model.daemons.map((d) => d.name));
  // Shortest location first: a vhost-wide WSGIProcessGroup is reported once, for the vhost root.
  return [...ctx.model.locations]
    .sort((a, b) => a.location.length - b.location.length)
    .filter((l) => l.processGroup !== undefined && !l.processGroup.includes('%{') && !names.has(l.processGroup))
    .map((l) => ({
      rule: 'undefined-process-group',
      severity: 'error' as const,
      subject: `${l.vhost} ${l.location}`,
      file: (l.processGroupSource ?? l.source).file,
      line: (l.processGroupSource ?? l.source).line,
      message: `${l.vhost} ${l.location} is sent to WSGI daemon group ${l.processGroup}, which no WSGIDaemonProcess defines, so mod_wsgi answers its requests with 500.`,
      fix: `Define \`WSGIDaemonProcess ${l.processGroup}\` or correct the group name.`,
    }));
}
