// `wsgiwatch demo`: the built-in scenario written live into a temp dir (real config tree, real tailing) and the agent on
// it, under the dashboard or headless (`--headless`: HTTP on --web.listen-address, for replaying into Prometheus).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Command, Option } from 'commander';
import { runDashboard } from '../../dashboard/load-dashboard.ts';
import { DEFAULTS } from '../../defaults.ts';
import { DASHBOARD_STOP_SIGNALS, holdStopSignals, type StopSignals } from '../hold-stop-signals.ts';

export interface DemoOptions {
  headless: boolean;
  /** Stop by itself after this many seconds. */
  durationSeconds?: number;
  listenAddress: string | false;
  logFile?: string;
  logLevel: string;
  seed: number;
  refreshMs: number;
}

/** Resolves with the first stop signal, or after `seconds`. */
function untilStopped(signals: StopSignals, seconds: number | undefined): Promise<unknown> {
  if (seconds === undefined) return signals.first;
  let timer: NodeJS.Timeout | undefined;
  const elapsed = new Promise((resolve) => {
    timer = setTimeout(resolve, seconds * 1000);
  });
  return Promise.race([signals.first, elapsed]).finally(() => clearTimeout(timer));
}

export async function runDemo(options: DemoOptions): Promise<number> {
  // Loaded when the demo runs, not with the command table.
  const [
    { createAgent },
    { createInProcessSource },
    { writeDemoApacheConfig },
    { runDemoWriter },
    { createLogger, createLogRing },
  ] = await Promise.all([
    import('../../agent/create-agent.ts'),
    import('../../dashboard/in-process-source.ts'),
    import('../../demo/demo-apache-config.ts'),
    import('../../demo/run-demo-writer.ts'),
    import('../../log.ts'),
  ]);
  const dir = mkdtempSync(join(tmpdir(), 'wsgiwatch-demo-'));
  const ring = createLogRing();
  const logger = createLogger({
    level: options.logLevel,
    file: options.logFile,
    ring,
    quiet: !options.headless,
  });
  const paths = writeDemoApacheConfig(dir);
  const writer = runDemoWriter({ paths, seed: options.seed });
  const agent = createAgent({
    logger,
    apacheConfig: paths.configFile,
    positionsFile: join(dir, 'positions.json'),
    fromBeginning: true,
    listenAddress: options.listenAddress,
    agentLog: ring,
  });
  // Held until main.ts exits with the returned status: a second signal (npm forwards one the terminal also sent) must
  // not kill the cleanup halfway, nor the exit after it (see hold-stop-signals.ts).
  const signals = holdStopSignals({ signals: DASHBOARD_STOP_SIGNALS });
  try {
    await agent.start();
    logger.info({ dir, url: agent.url }, 'demo running');
    if (options.headless) {
      await untilStopped(signals, options.durationSeconds);
    } else {
      const source = createInProcessSource(agent);
      await runDashboard({
        source,
        refreshMs: options.refreshMs,
        stopAfterSeconds: options.durationSeconds,
        quitWhen: signals.first,
        title: 'demo',
      });
    }
    return 0;
  } finally {
    writer.stop();
    await agent.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function registerDemoCommand(program: Command, run: (action: () => Promise<number>) => void): void {
  program
    .command('demo')
    .description('the built-in scenario (throttled daemon location, WSGI0210, a crash) written live and watched')
    .option('--headless', 'no dashboard: agent + live writer, HTTP on --web.listen-address')
    .addOption(new Option('--duration <seconds>', 'stop by itself after this many seconds').argParser(Number))
    .option('--web.listen-address <address>', 'HTTP address for /metrics and the API (headless default :9147)')
    .option('--log-file <file>', 'own log to this file (never to the screen under the dashboard)')
    .addOption(new Option('--log-level <level>', 'own log level').default(DEFAULTS.logLevel))
    .addOption(new Option('--seed <n>', 'scenario seed').argParser(Number).default(1))
    .addOption(
      new Option('--refresh <ms>', 'dashboard refresh interval').argParser(Number).default(DEFAULTS.dashboardRefreshMs),
    )
    .action((flags: Record<string, unknown>) =>
      run(() =>
        runDemo({
          headless: flags.headless === true,
          durationSeconds: flags.duration as number | undefined,
          listenAddress:
            (flags['web.listenAddress'] as string | undefined) ??
            (flags.headless === true ? DEFAULTS.listenAddress : false),
          logFile: flags.logFile as string | undefined,
          logLevel: flags.logLevel as string,
          seed: flags.seed as number,
          refreshMs: flags.refresh as number,
        }),
      ),
    );
}
