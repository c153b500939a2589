// argv → command; the only place that sets the exit code. Exit codes: 0 ok, 1 findings/runtime failure, 2 bad
// configuration or usage (with a message naming file:line, never a stack trace).

import { Command, CommanderError } from 'commander';
import { UserError } from '../user-error.ts';
import { VERSION } from '../version.ts';
import { registerAnalyseCommand } from './commands/analyse-command.ts';
import { registerCheckCommand } from './commands/check-command.ts';
import { registerDefaultAction } from './commands/default-action.ts';
import { registerDemoCommand } from './commands/demo.ts';
import { registerRunCommand } from './commands/run.ts';
import { registerTopCommand } from './commands/top.ts';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(
    `wsgiwatch needs Node.js >= 22.12 (this is ${process.version}); run it through npm (npm start).\n`,
  );
  process.exit(2);
}

function run(action: () => Promise<number>): void {
  action().then(
    (code) => process.exit(code),
    (err) => {
      // Input (exit 2), or the environment (a taken port: exit 1, as an exporter says `bind: address already in use`):
      // one line. Anything else is a bug: the stack.
      const clearCode = err instanceof UserError ? 2 : (err as Error)?.name === 'ListenError' ? 1 : undefined;
      if (clearCode !== undefined) {
        process.stderr.write(`wsgiwatch: ${(err as Error).message}\n`);
        process.exit(clearCode);
      }
      process.stderr.write(`wsgiwatch: ${(err as Error)?.stack ?? String(err)}\n`);
      process.exit(1);
    },
  );
}

const program = new Command('wsgiwatch')
  .description(
    'Apache + mod_wsgi observability: rate-limit conformance, WSGI#### events, Prometheus metrics, live dashboard',
  )
  .version(VERSION)
  .exitOverride();

registerRunCommand(program, run);
registerCheckCommand(program, run);
registerAnalyseCommand(program, run);
registerDemoCommand(program, run);
registerTopCommand(program, run);
registerDefaultAction(program, run);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) process.exit(err.exitCode === 0 ? 0 : 2);
  throw err;
}
