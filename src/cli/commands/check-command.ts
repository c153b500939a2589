// `wsgiwatch check`: commander wiring for runCheck (exit 0 clean, 1 warnings or worse, 2 unreadable config).

import { type Command, Option } from 'commander';

export function registerCheckCommand(program: Command, run: (action: () => Promise<number>) => void): void {
  program
    .command('check')
    .description('read the Apache config and print findings (mis-set response-flush-delay, rate limits, log formats …)')
    .addOption(
      new Option(
        '--apache-config <path>',
        'Apache config (default: /etc/apache2/apache2.conf or /etc/httpd/conf/httpd.conf)',
      ).env('WSGIWATCH_APACHE_CONFIG'),
    )
    .addOption(
      new Option('--mod-wsgi-version <version>', 'mod_wsgi version the findings assume (e.g. 4.9.4, 6.0.2)').env(
        'WSGIWATCH_MOD_WSGI_VERSION',
      ),
    )
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action((flags: { apacheConfig?: string; modWsgiVersion?: string; format: 'text' | 'json' }) =>
      run(async () =>
        // Loaded when checking, not with the command table.
        (await import('./check.ts')).runCheck(
          { apacheConfig: flags.apacheConfig, modWsgiVersion: flags.modWsgiVersion, format: flags.format },
          { stdout: (s) => process.stdout.write(s) },
        ),
      ),
    );
}
