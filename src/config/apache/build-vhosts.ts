// <VirtualHost> sections → VhostModel: the `vhost` label (ServerName, else the first address) and its aliases.

import type { VhostModel } from './config-model.ts';
import type { ScopedConfig } from './scope-config-tree.ts';

export function buildVhosts(sc: ScopedConfig): VhostModel[] {
  return sc.vhostNodes.map((node, i) => {
    const own = sc.top(i);
    const serverName = own.find((s) => s.node.nameKey === 'servername')?.node.args[0];
    const aliases = own.filter((s) => s.node.nameKey === 'serveralias').flatMap((s) => s.node.args);
    return {
      name: serverName !== undefined ? hostOf(serverName) : (node.args[0] ?? 'default'),
      aliases,
      addresses: [...node.args],
      source: node.source,
    };
  });
}

function hostOf(serverName: string): string {
  // ServerName [scheme://]fully-qualified-domain-name[:port]
  return serverName.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/:\d+$/, '');
}
