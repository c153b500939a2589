// `wsgiwatch analyse`: commander wiring for runAnalyse (exit 0 report printed, 2 nothing readable or bad format).

import { type Command, InvalidArgumentError, Option } from 'commander';
import { DEFAULTS } from '../../defaults.ts';
import { LOG_WRAPPER_OPTIONS, type LogWrapperOption } from '../../sources/unwrap/log-wrapper.ts';
import { parseLocationFlag } from '../run-options.ts';

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

interface AnalyseFlags {
  apacheConfig?: string;
  accessLog?: string[];
  accessLogFormat?: string;
  errorLog?: string[];
  errorLogFormat?: string;
  logWrapper: LogWrapperOption;
  modWsgiVersion?: string;
  location?: string[];
  format: 'text' | 'json' | 'html';
  output?: string;
  jobs: number;
}

function parseJobs(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a whole number of threads, 1 or more');
  return n;
}

export function registerAnalyseCommand(program: Command, run: (action: () => Promise<number>) => void): void {
  program
    .command('analyse')
    .alias('analyze')
    .description(
      'read whole logs (rotated and .gz included) and print a report: rate-limit verdicts, mod_wsgi events, findings',
    )
    .addOption(
      new Option('--apache-config <path>', 'Apache config: log files, formats, locations, rate limits, daemons').env(
        'WSGIWATCH_APACHE_CONFIG',
      ),
    )
    .argument('[logs...]', 'logs holding both access and error lines (a container log), or - for stdin')
    .addOption(
      new Option('--access-log <glob...>', 'access log files or globs (- for stdin); rotated siblings are read too'),
    )
    .addOption(
      new Option('--access-log-format <format>', 'LogFormat string or nickname for --access-log (default: combined)'),
    )
    .addOption(
      new Option('--error-log <glob...>', 'error log files or globs (- for stdin); rotated siblings are read too'),
    )
    .addOption(
      new Option('--error-log-format <format>', 'ErrorLogFormat of --error-log (default: Apache 2.4 built-in)'),
    )
    .addOption(
      new Option('--log-wrapper <wrapper>', 'envelope around each line: CRI, Docker json-file, journalctl, or none')
        .choices(LOG_WRAPPER_OPTIONS)
        .default(DEFAULTS.logWrapper),
    )
    .addOption(new Option('--mod-wsgi-version <version>', 'mod_wsgi version, when the error log has no startup line'))
    .addOption(
      new Option(
        '--location <prefix[=KiB/s]>',
        'location label (and rate-limit) when no Apache config is read (repeatable)',
      ).argParser(collect),
    )
    .addOption(
      new Option('--format <format>', 'output format (html: one self-contained page with plots)')
        .choices(['text', 'json', 'html'])
        .default('text'),
    )
    .addOption(new Option('--output <file>', 'write the report to this file instead of stdout'))
    .addOption(
      new Option(
        '--jobs <n>',
        'threads reading access logs, a file or a chunk of a big one each (--format html reads in one)',
      )
        .argParser(parseJobs)
        .default(
          1,
          '1; on 2 cores, 2 threads cost up to 1.5x the CPU time and ~55 MiB more RSS for 0.85-1.3x the speed',
        ),
    )
    .action((logs: string[], flags: AnalyseFlags) =>
      run(async () =>
        // Loaded when analysing, not with the command table (`run` never needs the batch reader or the report).
        (await import('./analyse.ts')).runAnalyse(
          {
            apacheConfig: flags.apacheConfig,
            accessLogs: flags.accessLog ?? [],
            accessLogFormat: flags.accessLogFormat,
            errorLogs: flags.errorLog ?? [],
            errorLogFormat: flags.errorLogFormat,
            logs,
            logWrapper: flags.logWrapper,
            modWsgiVersion: flags.modWsgiVersion,
            locations: (flags.location ?? []).map(parseLocationFlag),
            format: flags.format,
            output: flags.output,
            jobs: flags.jobs,
          },
          { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) },
        ),
      ),
    );
}
