// WSGIDaemonProcess directives → WsgiDaemonModel, refusing a second definition of a name as mod_wsgi does.

import type { ConfigError } from './config-error.ts';
import type { WsgiDaemonModel } from './config-model.ts';
import { parseWsgiDaemonProcess } from './parse-wsgi-daemon-process.ts';
import type { ScopedConfig } from './scope-config-tree.ts';

export interface WsgiDaemons {
  daemons: WsgiDaemonModel[];
  /** Directive order of each group's definition: a preloaded script alias must come after it. */
  definedAt: Map<string, number>;
}

export function buildWsgiDaemons(
  sc: ScopedConfig,
  vhostName: (v: number) => string,
  errors: ConfigError[],
): WsgiDaemons {
  const daemons: WsgiDaemonModel[] = [];
  const definedAt = new Map<string, number>();
  for (const s of sc.scoped) {
    if (s.node.nameKey !== 'wsgidaemonprocess') continue;
    const parsed = parseWsgiDaemonProcess(s.node.raw, vhostName(s.vhost), s.node.source);
    for (const e of parsed.errors) errors.push({ ...s.node.source, message: e });
    const daemon = parsed.daemon;
    if (daemon === undefined) continue;
    if (daemons.some((d) => d.name === daemon.name)) {
      errors.push({ ...s.node.source, message: 'Name duplicates previous WSGI daemon definition.' });
      continue;
    }
    daemons.push(daemon);
    definedAt.set(daemon.name, s.order);
  }
  return { daemons, definedAt };
}
