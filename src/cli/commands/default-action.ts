// `wsgiwatch` with no subcommand (`npm start`): with a TTY the dashboard on the discovered Apache config, or the demo
// when none is found; without a TTY the headless agent (or the headless demo).

import type { Command } from 'commander';
import { DEFAULTS } from '../../defaults.ts';
import { resolveRunOptions } from '../run-options.ts';
import { runDemo } from './demo.ts';
import { runAgent } from './run.ts';
import { runTop } from './top.ts';

export function registerDefaultAction(program: Command, run: (action: () => Promise<number>) => void): void {
  program.action(() =>
    run(async () => {
      const tty = process.stdout.isTTY === true && process.stdin.isTTY === true;
      if (tty) return runTop({});
      const { discoverApacheConfig } = await import('../../config/apache/load-apache-config.ts');
      const apacheConfig = discoverApacheConfig();
      if (apacheConfig !== undefined) return runAgent({ ...resolveRunOptions({}), apacheConfig });
      return runDemo({
        headless: true,
        listenAddress: DEFAULTS.listenAddress,
        logLevel: DEFAULTS.logLevel,
        seed: 1,
        refreshMs: DEFAULTS.dashboardRefreshMs,
      });
    }),
  );
}
