// `wsgiwatch run`: the headless agent (the sidecar). SIGTERM/SIGINT stop cleanly (positions flushed); SIGHUP re-reads the
// Apache config.

import type { Command } from 'commander';
import { type Agent, createAgent } from '../../agent/create-agent.ts';
import { discoverApacheConfig } from '../../config/apache/load-apache-config.ts';
import { createLogger } from '../../log.ts';
import {
  addRunOptions,
  hasNoSources,
  type ResolvedRunOptions,
  type RunFlags,
  resolveRunOptions,
} from '../run-options.ts';

/** Runs the agent until a stop signal; resolves with the exit code. */
export async function runAgent(options: ResolvedRunOptions): Promise<number> {
  const logger = createLogger({ level: options.logLevel, file: options.logFile });
  const agent: Agent = createAgent({ ...options, logger });
  await agent.start();
  return await new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, 'stopping');
      agent.stop().then(
        () => resolve(0),
        (err) => {
          logger.error({ error: (err as Error).message }, 'error while stopping');
          resolve(1);
        },
      );
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
    process.on('SIGHUP', () => {
      logger.info('SIGHUP: reloading the Apache config');
      agent.reload();
    });
  });
}

export function registerRunCommand(program: Command, run: (action: () => Promise<number>) => void): void {
  addRunOptions(
    program.command('run').description('run the agent: tail the logs, serve /metrics and /api/v1/snapshot'),
  ).action((flags: RunFlags) =>
    run(async () => {
      const options = resolveRunOptions(flags);
      if (hasNoSources(options)) {
        options.apacheConfig = discoverApacheConfig();
        if (options.apacheConfig === undefined) {
          process.stderr.write(
            'wsgiwatch run: nothing to read: give --access-log/--error-log or --apache-config (no Apache config found in /etc/apache2 or /etc/httpd)\n',
          );
          return 2;
        }
      }
      return runAgent(options);
    }),
  );
}
