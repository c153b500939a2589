// `wsgiwatch top`: the live dashboard, on the agent run in-process (same flags as `run`), on a remote agent
// (`--connect URL`) or on a fleet through Prometheus (`--prometheus URL`). Own log goes to --log-file and the log panel.

import { type Command, Option } from 'commander';
import { runDashboard } from '../../dashboard/load-dashboard.ts';
import { DEFAULTS } from '../../defaults.ts';
import { DASHBOARD_STOP_SIGNALS, holdStopSignals } from '../hold-stop-signals.ts';
import { addRunOptions, hasNoSources, type RunFlags, readRunConfigFile, resolveRunOptions } from '../run-options.ts';

export interface TopFlags extends RunFlags {
  connect?: string;
  prometheus?: string;
  refresh?: number;
  duration?: number;
}

export async function runTop(flags: TopFlags): Promise<number> {
  const refreshMs = flags.refresh ?? DEFAULTS.dashboardRefreshMs;
  if (flags.connect || flags.prometheus) {
    // Only what this view needs is loaded (the command table loads none of it).
    const { createConnectSource } = await import('../../dashboard/connect-source.ts');
    const { createPrometheusSource } = await import('../../dashboard/prometheus-source.ts');
    // Held until main.ts exits with the returned status (see hold-stop-signals.ts).
    const signals = holdStopSignals({ signals: DASHBOARD_STOP_SIGNALS });
    await runDashboard({
      source: flags.connect ? createConnectSource(flags.connect) : createPrometheusSource(flags.prometheus as string),
      refreshMs,
      stopAfterSeconds: flags.duration,
      quitWhen: signals.first,
    });
    return 0;
  }
  const options = resolveRunOptions(flags, await readRunConfigFile(flags));
  if (hasNoSources(options)) {
    const { discoverApacheConfig } = await import('../../config/apache/load-apache-config.ts');
    options.apacheConfig = discoverApacheConfig();
    if (options.apacheConfig === undefined)
      return (await import('./demo.ts')).runDemo({
        headless: false,
        durationSeconds: flags.duration,
        listenAddress: flags['web.listenAddress'] ?? false,
        logFile: options.logFile,
        logLevel: options.logLevel,
        seed: 1,
        refreshMs,
      });
  }
  const [{ createAgent }, { createInProcessSource }, { createLogger, createLogRing }] = await Promise.all([
    import('../../agent/create-agent.ts'),
    import('../../dashboard/in-process-source.ts'),
    import('../../log.ts'),
  ]);
  const ring = createLogRing();
  const logger = createLogger({ level: options.logLevel, file: options.logFile, ring, quiet: true });
  // No HTTP server unless asked: the dashboard reads the agent directly.
  const agent = createAgent({
    ...options,
    listenAddress: flags['web.listenAddress'] ?? false,
    logger,
    agentLog: ring,
  });
  // Held until main.ts exits with the returned status: a second signal must not kill the positions write, nor the exit
  // after it (see hold-stop-signals.ts).
  const signals = holdStopSignals({ signals: DASHBOARD_STOP_SIGNALS });
  await agent.start();
  try {
    await runDashboard({
      source: createInProcessSource(agent),
      refreshMs,
      stopAfterSeconds: flags.duration,
      quitWhen: signals.first,
    });
  } finally {
    await agent.stop();
  }
  return 0;
}

export function registerTopCommand(program: Command, run: (action: () => Promise<number>) => void): void {
  addRunOptions(
    program.command('top').description('live terminal dashboard (in-process agent, --connect or --prometheus)'),
  )
    .addOption(new Option('--connect <url>', "watch a running agent's JSON API (http://host:9147)"))
    .addOption(new Option('--prometheus <url>', 'fleet view: the same panels from PromQL against this Prometheus'))
    .addOption(new Option('--refresh <ms>', 'refresh interval (default 1000)').argParser(Number))
    .addOption(new Option('--duration <seconds>', 'quit by itself after this many seconds').argParser(Number))
    .action((flags: TopFlags) => run(() => runTop(flags)));
}
