// `wsgiwatch run`: the headless agent (the sidecar). SIGTERM/SIGINT stop cleanly (positions flushed); SIGHUP re-reads the
// Apache config.

import type { Command } from 'commander';
import type { Agent } from '../../agent/create-agent.ts';
import { formatSetupSummary } from '../../analyse/format-setup-summary.ts';
import type { Logger } from '../../log.ts';
import { UserError } from '../../user-error.ts';
import { holdStopSignals } from '../hold-stop-signals.ts';
import {
  addRunOptions,
  hasNoSources,
  type ResolvedRunOptions,
  type RunFlags,
  readRunConfigFile,
  resolveRunOptions,
} from '../run-options.ts';

/** Runs the agent until a stop signal; resolves with the exit code. */
export async function runAgent(options: ResolvedRunOptions): Promise<number> {
  // Loaded here, not with the command table: `check`, `analyse` and `--help` do not pay for the agent's modules.
  const [{ createAgent }, { createLogger }] = await Promise.all([
    import('../../agent/create-agent.ts'),
    import('../../log.ts'),
  ]);
  const logger = createLogger({ level: options.logLevel, file: options.logFile });
  const agent: Agent = createAgent({ ...options, logger });
  const signals = holdStopSignals({
    onRepeat: (signal) =>
      logger.warn(
        { signal },
        'already stopping (SIGKILL forces; lines since the last positions sync are then read again)',
      ),
  });
  // Listening from before start: a signal during start is held (a stop then stops; a reload waits for the start).
  let started: Promise<void> | undefined;
  const onHup = () => {
    logger.info('SIGHUP: reloading the Apache config');
    started?.then(
      () => agent.reload(),
      () => {},
    );
  };
  process.on('SIGHUP', onHup);
  try {
    started = agent.start();
    await started; // a start error goes to the caller, as before
    logSetup(logger, options.apacheConfig, agent);
    const signal = await signals.first;
    logger.info({ signal }, 'stopping');
    try {
      await agent.stop();
      return 0;
    } catch (err) {
      logger.error({ error: (err as Error).message }, 'error while stopping');
      return 1;
    }
  } finally {
    process.off('SIGHUP', onHup);
    // The stop signals stay held until main.ts exits with the returned status (see hold-stop-signals.ts).
  }
}

/** One startup line that says what was read, what is followed and what the rate limits allow to measure. */
function logSetup(logger: Logger, apacheConfig: string | undefined, agent: Agent): void {
  const s = agent.snapshot();
  const rateLimitedLocations = s.locations.filter((l) => l.rateKiBps !== undefined).length;
  const logs = s.sources.map((x) => ({ log: x.log, path: x.path, state: x.state }));
  logger.info(
    { apacheConfig, logs, rateLimitedLocations },
    formatSetupSummary({ apacheConfig, logs, rateLimitedLocations }).join('; '),
  );
}

export function registerRunCommand(program: Command, run: (action: () => Promise<number>) => void): void {
  addRunOptions(
    program.command('run').description('run the agent: tail the logs, serve /metrics and /api/v1/snapshot'),
  ).action((flags: RunFlags) =>
    run(async () => {
      const options = resolveRunOptions(flags, await readRunConfigFile(flags));
      if (hasNoSources(options)) {
        const { discoverApacheConfig } = await import('../../config/apache/load-apache-config.ts');
        options.apacheConfig = discoverApacheConfig();
        if (options.apacheConfig === undefined)
          throw new UserError(
            'run: nothing to read: give --access-log/--error-log or --apache-config (no Apache config found in /etc/apache2 or /etc/httpd)',
          );
      }
      return runAgent(options);
    }),
  );
}
